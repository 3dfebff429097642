/** "Why am I seeing this": the rule that fired, the published revision, its reviewer and public history; and the subject's dispute mark. */

import { h } from "../../shared/dom.js";
import { disclosure, externalLink } from "./links.js";
import { shortDate } from "./format.js";

/**
 * @typedef {import("../../shared/api-response.js").Card} Card
 * @typedef {import("../../shared/api-response.js").OutletMatch} OutletMatch
 */

/** Languages written right to left (primary subtags). */
const RTL = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi"]);

/** "rtl" for a right-to-left language tag, "ltr" for any other, "auto" when there is none. */
export function direction(lang) {
  if (!lang) return "auto";
  return RTL.has(lang.split("-")[0].toLowerCase()) ? "rtl" : "ltr";
}

/**
 * Why a name in the article got this card, in words.
 * @param {{rule?: string, match?: string, text?: string}} mention
 */
export function mentionRuleWords(mention) {
  const rule = mention.rule || (mention.kind === "cited_outlet" ? "cited_outlet" : mention.match);
  const quoted = mention.text ? `“${mention.text}”` : "This name";
  switch (rule) {
    case "name":
      return `${quoted} is the profile's name.`;
    case "alias":
      return `${quoted} is one of the profile's aliases.`;
    case "surname":
      return `${quoted} is the surname of a person named in full earlier in this article.`;
    case "cited_outlet":
      return `${quoted} names a profiled outlet cited in the text${mention.match === "alias" ? " (by an alias)" : ""}.`;
    default:
      return "";
  }
}

/**
 * Why this page got the outlet banner, in words.
 * @param {OutletMatch | null} match
 */
export function hostRuleWords(match) {
  if (!match || !match.host) return "";
  switch (match.rule) {
    case "host":
      return `This page is on ${match.host}, a profiled host of this outlet.`;
    case "registrable_domain":
      return `This page is under ${match.host}, a profiled domain of this outlet.`;
    case "parent_host":
      return `This page is under ${match.host}, a profiled host of this outlet.`;
    case "path_prefix":
      return `This page is under ${match.host}${match.path_prefix}, a profiled section of this outlet.`;
    default:
      return `This page is under ${match.host}, a profiled host of this outlet.`;
  }
}

/**
 * The review date line of a card's footer: when a reviewer published it, or that it was seeded and not reviewed yet.
 * @param {Document} doc
 * @param {Card} card
 * @param {string} [cls]
 */
export function reviewLine(doc, card, cls) {
  const review = card.review;
  if (review?.status === "reviewed" && card.reviewed_at) return h(doc, "span", { class: cls, text: `Last reviewed ${shortDate(card.reviewed_at)}` });
  if (review?.status === "seeded") return h(doc, "span", { class: cls, text: `Seeded ${shortDate(review.published_at)}, not yet reviewed` });
  return null;
}

/** "Published revision 3, reviewed by rita on 1 Dec 2026." or the seeded equivalent. */
export function revisionWords(review) {
  if (!review) return "";
  const when = shortDate(review.published_at);
  if (review.status === "reviewed" && review.reviewed_by) return `Published revision ${review.revision}, reviewed by ${review.reviewed_by} on ${when}.`;
  return `Published revision ${review.revision}, loaded from a seed or import file on ${when}; no reviewer has checked it yet.`;
}

/** Words for the subject's reply, by its status. */
export function disputeWords(dispute) {
  if (!dispute) return "";
  if (dispute.status === "open") return "The subject disputes this.";
  if (dispute.status === "accepted") return dispute.revision ? `The subject disputed this; the reply was accepted (revision ${dispute.revision}).` : "The subject disputed this; the reply was accepted.";
  if (dispute.status === "declined") return dispute.reason ? `The subject disputed this; the reply was declined: ${dispute.reason}` : "The subject disputed this; the reply was declined.";
  return "";
}

/**
 * The dispute mark shown at the top of a card, with a link to the subject's reply (null without one).
 * @param {Document} doc
 * @param {Card} card
 */
export function disputeMark(doc, card) {
  const words = disputeWords(card.dispute);
  if (!words) return null;
  const open = card.dispute.status === "open";
  return h(doc, "p", { class: `dispute${open ? " open" : ""}`, role: open ? "status" : undefined, dir: direction(card.note_lang) }, [
    h(doc, "span", { class: "dispute-words", dir: "auto", text: words }),
    card.dispute.url ? " " : null,
    card.dispute.url ? externalLink(doc, card.dispute.url, "Read the reply") : null,
  ]);
}

/**
 * The "Why am I seeing this?" disclosure: a button and the panel it shows and hides.
 * @param {Document} doc
 * @param {Card} card
 * @param {string} rule the words saying which rule fired ("" when unknown)
 * @param {string} id the panel's id, unique within its shadow root
 * @returns {[HTMLElement, HTMLElement]}
 */
export function whyDisclosure(doc, card, rule, id) {
  const review = card.review;
  const panel = h(doc, "div", { class: "why", lang: "en", dir: direction(card.note_lang), role: "group", "aria-label": `Why this note about ${card.name} is shown` }, [
    h(doc, "ul", {}, [
      rule ? h(doc, "li", { dir: "auto", text: rule }) : null,
      review ? h(doc, "li", { dir: "auto", text: revisionWords(review) }) : null,
      review?.history ? h(doc, "li", {}, [externalLink(doc, review.history, "Public history of this profile")]) : null,
    ]),
  ]);
  return disclosure(doc, panel, id, "Why am I seeing this?", "why-toggle");
}

export const WHY_CSS = `
.why { margin: 6px 0 0; font-size: 12.5px; color: var(--pn-fg); background: var(--pn-soft); border-radius: 6px; padding: 6px 8px; }
.why[hidden] { display: none; }
.why ul { margin: 0; padding-inline-start: 18px; }
.why li { margin: 2px 0; unicode-bidi: plaintext; }
.dispute { margin: 6px 0; padding: 4px 8px; border-radius: 6px; border: 1px solid var(--pn-border); font-size: 13px; }
.dispute.open { border-color: var(--pn-state); color: var(--pn-state); background: var(--pn-state-soft); font-weight: 600; }
.dispute a { font-weight: 400; }
`;
