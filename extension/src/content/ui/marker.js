/** The small marker placed after each mention. */

import { h, shadowHost } from "../../shared/dom.js";
import { MARKER_CSS } from "./styles.js";
import { hasStateTie } from "./format.js";

/**
 * @typedef {import("../../shared/api-response.js").Card} Card
 * @typedef {import("../../shared/api-response.js").Mention} Mention
 */

export const MARKER_TAG = "provenance-notes-marker";

/** Words a screen reader says for a marker. */
export function markerLabel(mention, cards) {
  if (mention.ambiguous && cards.length > 1) return `Provenance note: "${mention.text}" matches ${cards.length} profiles`;
  const card = cards[0];
  const tie = hasStateTie(card) ? ", has ties to the state" : "";
  return `Provenance note: ${card.name}${tie}`;
}

/**
 * Build a marker; `button` is the focusable control the card attaches to.
 * @param {Document} doc
 * @param {Mention} mention
 * @param {Record<string, Card>} entities
 * @param {boolean} [dark] the page is dark behind the marker
 * @returns {{host: HTMLElement, button: HTMLElement}}
 */
export function createMarker(doc, mention, entities, dark = false) {
  const cards = mention.entities.map((slug) => entities[slug]).filter(Boolean);
  const { host, root } = shadowHost(doc, MARKER_TAG, MARKER_CSS);
  const ambiguous = mention.ambiguous && cards.length > 1;
  const tone = ambiguous ? "ambiguous" : cards.some(hasStateTie) ? "state" : "plain";
  const label = markerLabel(mention, cards);
  const button = h(doc, "button", {
    type: "button",
    class: `pn marker ${tone}${dark ? " dark" : ""}`,
    lang: "en",
    "aria-label": label,
    "aria-expanded": "false",
    text: ambiguous ? "?" : "i",
  });
  root.append(button);
  return { host, button };
}
