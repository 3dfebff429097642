/** Where a card goes: beside or around the paragraph, never over the sentence it explains; a sheet on narrow screens. */

import { BLOCK_TAGS } from "../block-text.js";

export const GAP = 8;
/** Below this viewport width the card is a sheet along the top or bottom edge. */
export const SHEET_MAX_WIDTH = 600;

/** The paragraph (nearest block element) holding a marker button. */
function blockOf(button) {
  /** @type {Element | null} */
  let el = /** @type {ShadowRoot} */ (button.getRootNode()).host ?? button;
  while (el && !BLOCK_TAGS.has(el.tagName.toUpperCase())) el = el.parentElement;
  return el;
}

const clamp = (value, low, high) => Math.max(low, Math.min(value, high));

/** Below this much room beside a sentence, the card gives up on the sentence for the marker's line. */
export const MIN_ROOM = 120;

/**
 * The sentence around a text position: [start, end) offsets without surrounding whitespace.
 * @param {string} text
 * @param {number} at the position just after the mention (where its marker sits)
 * @param {string} [locale]
 */
export function sentenceAround(text, at, locale) {
  let segmenter;
  try {
    segmenter = new Intl.Segmenter(locale || undefined, { granularity: "sentence" });
  } catch {
    segmenter = new Intl.Segmenter(undefined, { granularity: "sentence" }); // a malformed lang attribute
  }
  const segment = segmenter.segment(text).containing(Math.max(0, at - 1));
  if (!segment) return [0, text.length];
  const lead = segment.segment.length - segment.segment.trimStart().length;
  return [segment.index + lead, segment.index + segment.segment.trimEnd().length];
}

/**
 * Live Ranges over the text of the sentence a marker follows, one per text node of its paragraph
 * (empty when it is in none). Text nodes only: our own elements inside the sentence (the marker,
 * the card, whose shadow trees Firefox counts in a range's rects) are not the sentence.
 * @param {HTMLElement} button the marker's button
 * @returns {Range[]}
 */
export function sentenceRanges(button) {
  const host = /** @type {ShadowRoot} */ (button.getRootNode()).host ?? button;
  const block = blockOf(button);
  if (!block) return [];
  const doc = block.ownerDocument;
  const walker = doc.createTreeWalker(block, 4 /* NodeFilter.SHOW_TEXT */);
  /** @type {{node: Text, start: number}[]} */
  const nodes = [];
  let text = "";
  let at = -1;
  for (let node = /** @type {Text | null} */ (walker.nextNode()); node; node = /** @type {Text | null} */ (walker.nextNode())) {
    if (at < 0 && host.compareDocumentPosition(node) & 4 /* Node.DOCUMENT_POSITION_FOLLOWING */) at = text.length;
    nodes.push({ node, start: text.length });
    text += node.data;
  }
  const [start, end] = sentenceAround(text, at < 0 ? text.length : at, block.closest("[lang]")?.getAttribute("lang") ?? undefined);
  return nodes
    .filter(({ node, start: from }) => from < end && from + node.length > start)
    .map(({ node, start: from }) => {
      const range = doc.createRange();
      range.setStart(node, Math.max(0, start - from));
      range.setEnd(node, Math.min(node.length, end - from));
      return range;
    });
}

/** The vertical extent of some Ranges' rendered lines, or null when they have none (or no layout). */
function boxOf(ranges) {
  const lines = (range) => (typeof range.getClientRects === "function" ? [...range.getClientRects()] : []);
  const rects = ranges.flatMap(lines).filter((r) => r.width > 0 || r.height > 0);
  if (!rects.length) return null;
  return { top: Math.min(...rects.map((r) => r.top)), bottom: Math.max(...rects.map((r) => r.bottom)) };
}

/** Room for the card below and above a band of lines, keeping `gap` from it. */
const roomAround = (view, band, gap) => ({ below: view.height - band.bottom - gap, above: band.top - gap });

/**
 * A sheet along the bottom or top edge: whole beside the sentence, else shortened beside it (when
 * that leaves MIN_ROOM), else beside the marker's line.
 */
function sheetBox(view, marker, sentence, card) {
  const cap = Math.floor(view.height * 0.45);
  const height = Math.min(card.height, cap);
  const bottom = (h) => ({ sheet: true, top: view.height - h, left: 0, maxHeight: h });
  const top = (h) => ({ sheet: true, top: 0, left: 0, maxHeight: h });
  for (const band of [sentence, marker]) {
    const { below, above } = roomAround(view, band, GAP);
    if (below >= height) return { ...bottom(height), maxHeight: cap };
    if (above >= height) return { ...top(height), maxHeight: cap };
    if (band === marker || Math.max(below, above) >= MIN_ROOM) {
      return below >= above ? bottom(Math.max(below, 0)) : top(Math.max(above, 0));
    }
  }
  throw new Error("unreachable: the marker's band always returns");
}

/**
 * Choose the card's viewport box, so that it covers neither the marker nor the sentence it
 * explains, nor, when there is room, the paragraph around it.
 * @param {{width: number, height: number}} view viewport size
 * @param {{top: number, bottom: number, left: number, right: number}} marker
 * @param {{top: number, bottom: number, left: number, right: number}} block
 * @param {{width: number, height: number}} card natural size
 * @param {{top: number, bottom: number}} [sentence] the lines of the mention's sentence
 * @returns {{sheet: boolean, top: number, left: number, maxHeight: number}}
 */
export function chooseBox(view, marker, block, card, sentence = marker) {
  const keep = { top: Math.min(sentence.top, marker.top), bottom: Math.max(sentence.bottom, marker.bottom) };
  if (view.width < SHEET_MAX_WIDTH) return sheetBox(view, marker, keep, card);
  const fullHeight = view.height - 2 * GAP;
  const height = Math.min(card.height, fullHeight);
  const left = clamp(marker.left, GAP, view.width - card.width - GAP);
  const beside = { sheet: false, top: clamp(marker.top - GAP, GAP, view.height - height - GAP), maxHeight: fullHeight };
  if (view.width - block.right >= card.width + 2 * GAP) return { ...beside, left: block.right + GAP };
  if (block.left >= card.width + 2 * GAP) return { ...beside, left: block.left - GAP - card.width };
  // Whole below or above the paragraph; else whole below or above the sentence.
  for (const band of [block, keep]) {
    const { below, above } = roomAround(view, band, 2 * GAP);
    if (below >= height) return { sheet: false, top: Math.max(GAP, band.bottom + GAP), left, maxHeight: fullHeight };
    if (above >= height) return { sheet: false, top: band.top - GAP - height, left, maxHeight: fullHeight };
  }
  // Shortened (it scrolls) on the larger side of the sentence; with less than MIN_ROOM there,
  // on the larger side of the marker's line.
  for (const band of [keep, marker]) {
    const { below, above } = roomAround(view, band, 2 * GAP);
    if (band === keep && Math.max(below, above) < MIN_ROOM) continue;
    if (below >= above) return { sheet: false, top: band.bottom + GAP, left, maxHeight: Math.max(below, 0) };
    return { sheet: false, top: band.top - GAP - Math.min(card.height, above), left, maxHeight: Math.max(above, 0) };
  }
  throw new Error("unreachable: the marker's band always returns");
}

/**
 * Place the (position: fixed) panel for a marker button.
 * @param {Window} win
 * @param {HTMLElement} panel
 * @param {HTMLElement} button
 * @param {Range[]} [sentence] the mention's sentence (`sentenceRanges`), kept clear
 */
export function placeCard(win, panel, button, sentence = []) {
  const view = { width: win.innerWidth, height: win.innerHeight };
  const marker = button.getBoundingClientRect();
  const block = blockOf(button)?.getBoundingClientRect() ?? marker;
  panel.style.maxHeight = "";
  panel.classList.toggle("sheet", view.width < SHEET_MAX_WIDTH);
  const card = { width: panel.offsetWidth, height: panel.offsetHeight };
  const box = chooseBox(view, marker, block, card, boxOf(sentence) ?? marker);
  panel.style.top = `${box.top}px`;
  panel.style.left = `${box.left}px`;
  panel.style.maxHeight = `${box.maxHeight}px`;
}
