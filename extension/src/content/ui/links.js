/** Source links: new tab, no referrer, http ones marked, archived copies beside them; and "report a correction". */

import { h } from "../../shared/dom.js";
import { safeWebUrl } from "../../shared/urls.js";
import { sourcesWords } from "./format.js";

/** @typedef {import("../../shared/api-response.js").Citation} Citation */

/** A citation's visible words: "Publisher: Title" (or whichever is known). */
export function citationWords(c) {
  const parts = [c.publisher, c.title].filter(Boolean);
  return parts.length ? parts.join(": ") : "source";
}

/**
 * A link that opens in a new tab (an `http:` one says it is not secure), or plain text when
 * there is no usable web address.
 * @param {Document} doc
 * @param {unknown} url
 * @param {string} words
 * @param {string} [tooltip] fuller words for the tooltip and screen readers
 */
export function externalLink(doc, url, words, tooltip) {
  const href = safeWebUrl(url);
  const full = tooltip && tooltip !== words ? tooltip : undefined;
  if (!href) return h(doc, "span", { class: "src", text: words, title: full });
  const insecure = href.startsWith("http:");
  const label = insecure ? `${full ?? words} (not secure: http)` : full;
  const link = h(doc, "a", { href, target: "_blank", rel: "noopener noreferrer", class: "ext", text: words, title: label, "aria-label": label });
  if (insecure) link.append(h(doc, "span", { class: "insecure", "aria-hidden": "true", text: " (not secure)" }));
  return link;
}

/**
 * A short source link (the publisher), with the full citation as its tooltip.
 * @param {Document} doc
 * @param {Citation} c
 */
export function shortSourceLink(doc, c) {
  const link = externalLink(doc, c.url, c.publisher || c.title || "source", citationWords(c));
  return c.published ? h(doc, "span", { class: "src" }, [link, h(doc, "span", { class: "date", text: ` (${c.published})` })]) : link;
}

/**
 * The "archived copy" link after a source that has one (an `http:` one marked like any other).
 * @param {Document} doc
 * @param {Citation} c
 * @returns {(string | HTMLElement)[]}
 */
export function archivedCopy(doc, c) {
  if (!c.archive_url) return [];
  return [" · ", externalLink(doc, c.archive_url, "archived copy", `Archived copy of ${citationWords(c)}`)];
}

/**
 * A list of citations as links, each followed by its archived copy when there is one.
 * @param {Document} doc
 * @param {Citation[]} citations
 */
export function sourceList(doc, citations) {
  return h(
    doc,
    "ol",
    { class: "sources" },
    citations.map((c) => h(doc, "li", {}, [externalLink(doc, c.url, citationWords(c)), c.published ? ` (${c.published})` : "", ...archivedCopy(doc, c)])),
  );
}

/**
 * Every citation behind a card's claims (category, designations, identity, affiliations, tie
 * hops), once each.
 * @param {import("../../shared/api-response.js").Card} card
 * @returns {Citation[]}
 */
export function distinctCitations(card) {
  const all = [
    ...(card.category?.citations ?? []),
    ...(card.designations ?? []).flatMap((d) => d.citations),
    ...card.citations,
    ...card.affiliations.flatMap((a) => a.citations),
    ...card.state_ties.flatMap((t) => t.hops.flatMap((hop) => hop.citations)),
  ];
  const seen = new Set();
  return all.filter((c) => {
    const key = c.url ?? `${c.publisher}|${c.title}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A "n sources" button that shows or hides the full list of sources below it.
 * @param {Document} doc
 * @param {Citation[]} citations
 * @param {number} count the API's count of distinct sources
 * @param {string} id list element id, unique within the shadow root
 * @returns {[HTMLElement, HTMLElement]}
 */
export function sourcesToggle(doc, citations, count, id) {
  return disclosure(doc, sourceList(doc, citations), id, sourcesWords(Math.max(count, citations.length)));
}

/**
 * A button that shows or hides `panel` (hidden at first), saying so with `aria-expanded`.
 * @param {Document} doc
 * @param {HTMLElement} panel
 * @param {string} id the panel's id, unique within the shadow root
 * @param {string} words the button's text
 * @param {string} [cls] extra classes for the button
 * @returns {[HTMLElement, HTMLElement]}
 */
export function disclosure(doc, panel, id, words, cls = "") {
  panel.hidden = true;
  panel.id = id;
  const button = h(doc, "button", {
    class: `link-button${cls ? ` ${cls}` : ""}`,
    type: "button",
    "aria-expanded": "false",
    "aria-controls": id,
    text: words,
    onclick: () => {
      panel.hidden = !panel.hidden;
      button.setAttribute("aria-expanded", String(!panel.hidden));
    },
  });
  return [button, panel];
}

/**
 * The "Report a correction" control: opens the extension's report form for this profile.
 * @param {Document} doc
 * @param {string} slug
 * @param {(slug: string) => void} onReport
 */
export function correctionLink(doc, slug, onReport) {
  return h(doc, "button", { class: "link-button", type: "button", text: "Report a correction", onclick: () => onReport(slug) });
}
