/** Where a card goes: beside, below or above the paragraph it explains; a sheet on narrow screens. */

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

/**
 * Choose the card's viewport box, so that it covers neither the marker nor, when there is room,
 * the paragraph around it.
 * @param {{width: number, height: number}} view viewport size
 * @param {{top: number, bottom: number, left: number, right: number}} marker
 * @param {{top: number, bottom: number, left: number, right: number}} block
 * @param {{width: number, height: number}} card natural size
 * @returns {{sheet: boolean, top: number, left: number, maxHeight: number}}
 */
export function chooseBox(view, marker, block, card) {
  if (view.width < SHEET_MAX_WIDTH) {
    const maxHeight = Math.floor(view.height * 0.45);
    const height = Math.min(card.height, maxHeight);
    const atTop = marker.bottom > view.height - height - GAP;
    return { sheet: true, top: atTop ? 0 : view.height - height, left: 0, maxHeight };
  }
  const fullHeight = view.height - 2 * GAP;
  const height = Math.min(card.height, fullHeight);
  const top = clamp(marker.top - GAP, GAP, view.height - height - GAP);
  const left = clamp(marker.left, GAP, view.width - card.width - GAP);
  if (view.width - block.right >= card.width + 2 * GAP) return { sheet: false, top, left: block.right + GAP, maxHeight: fullHeight };
  if (block.left >= card.width + 2 * GAP) return { sheet: false, top, left: block.left - GAP - card.width, maxHeight: fullHeight };
  if (block.bottom + GAP + card.height <= view.height - GAP) return { sheet: false, top: Math.max(GAP, block.bottom + GAP), left, maxHeight: fullHeight };
  if (block.top - GAP - card.height >= GAP) return { sheet: false, top: Math.min(block.top - GAP - card.height, view.height), left, maxHeight: fullHeight };
  // The paragraph fills the screen: take the larger side of the marker's line, never covering it.
  const below = view.height - marker.bottom - 2 * GAP;
  const above = marker.top - 2 * GAP;
  if (below >= above) return { sheet: false, top: marker.bottom + GAP, left, maxHeight: Math.max(below, 0) };
  const h = Math.min(card.height, above);
  return { sheet: false, top: marker.top - GAP - h, left, maxHeight: Math.max(above, 0) };
}

/**
 * Place the (position: fixed) panel for a marker button.
 * @param {Window} win
 * @param {HTMLElement} panel
 * @param {HTMLElement} button
 */
export function placeCard(win, panel, button) {
  const view = { width: win.innerWidth, height: win.innerHeight };
  const marker = button.getBoundingClientRect();
  const block = blockOf(button)?.getBoundingClientRect() ?? marker;
  panel.style.maxHeight = "";
  panel.classList.toggle("sheet", view.width < SHEET_MAX_WIDTH);
  const box = chooseBox(view, marker, block, { width: panel.offsetWidth, height: panel.offsetHeight });
  panel.style.top = `${box.top}px`;
  panel.style.left = `${box.left}px`;
  panel.style.maxHeight = `${box.maxHeight}px`;
}
