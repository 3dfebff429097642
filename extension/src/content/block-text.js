/** Build each block's text from its own DOM text nodes, remembering where every character came from. */

/**
 * A run of block text and its source: `length` block units map to `nodeLength` units of `node`
 * starting at `nodeStart`. Collapsed whitespace maps 1 block unit to a whole whitespace run;
 * separators (line breaks, nested blocks) have `node === null`.
 * @typedef {{node: Text | null, nodeStart: number, nodeLength: number, blockStart: number, length: number}} Segment
 * @typedef {{element: Element, text: string, segments: Segment[]}} Block
 */

/** Elements whose text is never article text. */
export const SKIPPED_TAGS = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "SELECT", "BUTTON", "SVG", "MATH", "IFRAME", "OBJECT"]);

/** Block-level tags: a boundary between them is a word boundary. */
export const BLOCK_TAGS = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "CAPTION", "DD", "DETAILS", "DIV", "DL", "DT", "FIELDSET",
  "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI", "MAIN",
  "NAV", "OL", "P", "PRE", "SECTION", "SUMMARY", "TABLE", "TBODY", "TD", "TFOOT", "TH", "THEAD", "TR", "UL",
]);

/** Our own UI elements carry this tag prefix. */
export const UI_TAG_PREFIX = "PROVENANCE-NOTES";

/** No-break spaces are sent as plain spaces: same length, so offsets are unchanged. */
const NBSP = /\u00a0/g;

/** CSS collapsible whitespace. */
const isSpace = (ch) => ch === " " || ch === "\n" || ch === "\t" || ch === "\r" || ch === "\f";

/** Accumulates text with collapsed whitespace and its segments. */
class BlockBuilder {
  constructor() {
    this.text = "";
    /** @type {Segment[]} */
    this.segments = [];
    /** @type {Omit<Segment, "blockStart" | "length"> | null} */
    this.pendingSpace = null;
  }

  /** A whitespace run (or a separator when node is null) becomes at most one space. */
  space(node, nodeStart, nodeLength) {
    if (this.text.length > 0 && !this.pendingSpace) this.pendingSpace = { node, nodeStart, nodeLength };
  }

  /** Emit the pending space before the next visible character. */
  flushSpace() {
    if (!this.pendingSpace) return;
    this.segments.push({ ...this.pendingSpace, blockStart: this.text.length, length: 1 });
    this.text += " ";
    this.pendingSpace = null;
  }

  /** Append one text node's characters. @param {Text} node */
  addText(node) {
    const data = node.data;
    let i = 0;
    while (i < data.length) {
      let j = i;
      const ws = isSpace(data[i]);
      while (j < data.length && isSpace(data[j]) === ws) j++;
      if (ws) {
        this.space(node, i, j - i);
      } else {
        this.flushSpace();
        this.segments.push({ node, nodeStart: i, nodeLength: j - i, blockStart: this.text.length, length: j - i });
        this.text += data.slice(i, j).replace(NBSP, " ");
      }
      i = j;
    }
  }
}

/**
 * True for elements whose subtree holds no article text.
 * @param {Element} el
 */
function skipped(el) {
  return SKIPPED_TAGS.has(el.tagName.toUpperCase()) || el.tagName.toUpperCase().startsWith(UI_TAG_PREFIX) || el.hasAttribute("hidden");
}

/**
 * Walk `root`'s subtree into the builder, leaving out other chosen blocks.
 * @param {Node} root
 * @param {BlockBuilder} builder
 * @param {Set<Element>} chosen
 */
function walk(root, builder, chosen) {
  for (let child = root.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) {
      builder.addText(/** @type {Text} */ (child));
    } else if (child.nodeType === 1) {
      const el = /** @type {Element} */ (child);
      const tag = el.tagName.toUpperCase();
      if (chosen.has(el) || skipped(el)) {
        if (chosen.has(el) || BLOCK_TAGS.has(tag)) builder.space(null, 0, 0);
        continue;
      }
      if (tag === "BR" || BLOCK_TAGS.has(tag)) builder.space(null, 0, 0);
      walk(el, builder, chosen);
      if (BLOCK_TAGS.has(tag)) builder.space(null, 0, 0);
    }
  }
}

/**
 * Build the text of each chosen block element; empty blocks are dropped, order is kept.
 * @param {Element[]} elements in reading order
 * @returns {Block[]}
 */
export function buildBlocks(elements) {
  const chosen = new Set(elements);
  /** @type {Block[]} */
  const blocks = [];
  for (const element of elements) {
    const builder = new BlockBuilder();
    walk(element, builder, chosen);
    if (builder.text.length > 0) blocks.push({ element, text: builder.text, segments: builder.segments });
  }
  return blocks;
}
