/** Find the article's text blocks with Mozilla Readability, as live page elements. */

import { Readability } from "@mozilla/readability";
import { BLOCK_TAGS, UI_TAG_PREFIX, buildBlocks } from "./block-text.js";
import { MAX_BLOCKS, MAX_CHARS } from "../shared/messages.js";

/** Attribute that ties an element of the Readability copy to its live original (set on the copy only). */
const INDEX_ATTR = "data-provenance-notes-index";
const SHOW_ELEMENT = 1;
const SHOW_TEXT = 4;
const FALLBACK_BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, dd, dt, td, th";

/**
 * Clone the document; remember each copied text node's live original and stamp each
 * copied element with the index of its live original.
 * @param {Document} doc
 */
function mappedClone(doc) {
  const clone = /** @type {Document} */ (doc.cloneNode(true));
  /** @type {Element[]} */
  const elements = [];
  /** @type {Map<Node, Text>} */
  const texts = new Map();
  const a = doc.createTreeWalker(doc.documentElement, SHOW_ELEMENT | SHOW_TEXT);
  const b = clone.createTreeWalker(clone.documentElement, SHOW_ELEMENT | SHOW_TEXT);
  for (let x = a.currentNode, y = b.currentNode; x && y && x.nodeName === y.nodeName; x = a.nextNode(), y = b.nextNode()) {
    if (x.nodeType === 3) {
      texts.set(y, /** @type {Text} */ (x));
    } else {
      /** @type {Element} */ (y).setAttribute(INDEX_ATTR, String(elements.length));
      elements.push(/** @type {Element} */ (x));
    }
  }
  return { clone, elements, texts };
}

/** The nearest block-level ancestor of a live node (below `body`), or its parent. */
function liveBlock(node) {
  const parent = node.parentElement;
  for (let el = parent; el && el.tagName.toUpperCase() !== "BODY"; el = el.parentElement) {
    if (BLOCK_TAGS.has(el.tagName.toUpperCase())) return el;
  }
  return parent;
}

/** The live element of the nearest copied block ancestor that kept its stamp (any stamped one as fallback). */
function stampedBlock(node, elements) {
  let fallback = null;
  for (let el = node.parentElement; el; el = el.parentElement) {
    const index = el.getAttribute(INDEX_ATTR);
    if (index === null) continue;
    if (BLOCK_TAGS.has(el.tagName.toUpperCase())) return elements[Number(index)];
    fallback ??= elements[Number(index)];
  }
  return fallback;
}

/**
 * Live block elements holding the text Readability kept, in document order; null if it found no article.
 * @param {Document} doc
 * @returns {Element[] | null}
 */
function readabilityElements(doc) {
  const { clone, elements, texts } = mappedClone(doc);
  let article;
  try {
    article = new Readability(clone, { serializer: (el) => el }).parse();
  } catch {
    return null;
  }
  const content = /** @type {Element | null} */ (article && typeof article.content === "object" ? article.content : null);
  if (!content) return null;
  /** @type {Set<Element>} */
  const chosen = new Set();
  const walker = clone.createTreeWalker(content, SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!/\S/.test(node.nodeValue ?? "")) continue;
    const live = texts.get(node);
    const block = live ? liveBlock(live) : stampedBlock(node, elements);
    if (block) chosen.add(block);
  }
  const order = new Map(elements.map((el, i) => [el, i]));
  return [...chosen].sort((p, q) => (order.get(p) ?? 0) - (order.get(q) ?? 0));
}

/** Block elements of the page's main region, when Readability finds nothing. */
function fallbackElements(doc) {
  const root = doc.querySelector("article") ?? doc.querySelector('main, [role="main"]') ?? doc.body;
  return root ? [...root.querySelectorAll(FALLBACK_BLOCKS)] : [];
}

/** True for live elements we may read: connected and not inside our own UI. */
const usable = (el) => el.isConnected && !el.tagName.toUpperCase().startsWith(UI_TAG_PREFIX);

/**
 * The article's text blocks (within the API's limits), built from live text nodes.
 * @param {Document} doc
 * @returns {import("./block-text.js").Block[]}
 */
export function extractBlocks(doc) {
  let elements = readabilityElements(doc) ?? [];
  if (elements.length === 0) elements = fallbackElements(doc);
  const blocks = buildBlocks(elements.filter(usable));
  const kept = [];
  let chars = 0;
  for (const block of blocks) {
    if (kept.length >= MAX_BLOCKS || chars + block.text.length > MAX_CHARS) break;
    kept.push(block);
    chars += block.text.length;
  }
  return kept;
}
