/** Put an annotate answer on the page (banner, markers, card) all-or-nothing, with an exact undo. */

import { rangeFor } from "./range-map.js";
import { insertAfterText } from "./insert.js";
import { createBanner } from "./ui/banner.js";
import { createMarker } from "./ui/marker.js";
import { createPopover } from "./ui/popover.js";
import { mentionCard } from "./ui/card.js";
import { pageIsDark } from "./ui/theme.js";

/**
 * @typedef {import("./block-text.js").Block} Block
 * @typedef {import("../shared/api-response.js").AnnotateResult} AnnotateResult
 * @typedef {import("../shared/api-response.js").Mention} Mention
 * @typedef {{notes: number, names: string[], outlet: {name: string, category: string} | null, markers: number, undo: () => void}} Rendered
 */

const CONTAINERS = new Set(["UL", "OL", "DL", "TABLE", "TBODY", "THEAD", "TFOOT", "TR"]);

/** The element the banner goes before: the first block, or the list/table holding it. */
function bannerAnchor(block) {
  let el = block.element;
  while (el.parentElement && CONTAINERS.has(el.parentElement.tagName.toUpperCase())) el = el.parentElement;
  return el;
}

/**
 * Mentions whose offsets map onto the page, each with the DOM position where it ends.
 * @param {Document} doc
 * @param {Block[]} blocks
 * @param {Mention[]} mentions
 */
export function locateMentions(doc, blocks, mentions) {
  const found = [];
  for (const mention of mentions) {
    const block = blocks[mention.block];
    if (!block) continue;
    const range = rangeFor(doc, block, mention.start, mention.end);
    if (!range) continue;
    found.push({ mention, block, end: { node: /** @type {Text} */ (range.endContainer), offset: range.endOffset } });
  }
  return found;
}

/** Summary for the popup and badge: one note per outlet and per distinct mentioned profile. */
function summarize(result, placed) {
  const names = [];
  const seen = new Set();
  for (const { mention } of placed) {
    const key = mention.entities.join("|");
    if (seen.has(key)) continue;
    seen.add(key);
    const first = result.entities[mention.entities[0]];
    names.push(mention.ambiguous && mention.entities.length > 1 ? `${mention.text || first.name} (ambiguous)` : first.name);
  }
  const outlet = result.outlet ? { name: result.outlet.name, category: result.outlet.category?.label ?? "" } : null;
  return { names, outlet, notes: names.length + (outlet ? 1 : 0), markers: placed.length };
}

/**
 * Render the answer. Throws (after undoing everything) if any step fails.
 * @param {Document} doc
 * @param {Block[]} blocks
 * @param {AnnotateResult} result
 * @param {{host: string, hideBanner: boolean, onHideBanner: (remember: boolean) => void, onReport: (slug: string) => void}} opts
 * @returns {Rendered}
 */
export function renderAnnotations(doc, blocks, result, { host, hideBanner, onHideBanner, onReport }) {
  /** @type {Array<{undo: () => void}>} */
  const done = [];
  let popover = null;
  const undo = () => {
    popover?.destroy();
    for (const step of done.reverse()) step.undo();
    done.length = 0;
  };
  try {
    const placed = locateMentions(doc, blocks, result.mentions);
    if (placed.length) popover = createPopover(doc);
    const win = /** @type {Window} */ (doc.defaultView);
    /** @type {Map<Element, boolean>} */
    const dark = new Map();
    const isDark = (el) => dark.get(el) ?? dark.set(el, pageIsDark(win, el)).get(el);
    for (const item of [...placed].sort((a, b) => b.end.offset - a.end.offset)) {
      const { host: marker, button } = createMarker(doc, item.mention, result.entities, isDark(item.block.element));
      done.push(insertAfterText(item.end, item.block.element, marker));
      popover?.attach(button, () => mentionCard(doc, item.mention, result.entities, onReport));
    }
    if (result.outlet && !hideBanner && blocks.length) {
      const anchor = bannerAnchor(blocks[0]);
      const banner = createBanner(doc, { outlet: result.outlet, match: result.outlet_match, host, onHide: onHideBanner, onReport, dark: isDark(anchor) });
      anchor.parentNode?.insertBefore(banner, anchor);
      done.push({ undo: () => banner.remove() });
    }
    return { ...summarize(result, placed), undo };
  } catch (err) {
    undo();
    throw err;
  }
}
