/** The contents of a mention's card: who they are, affiliations, state ties with sources. */

import { h } from "../../shared/dom.js";
import { correctionLink, distinctCitations, shortSourceLink, sourcesToggle } from "./links.js";
import { kindAndCountry } from "./format.js";
import { designationLines } from "./designations.js";
import { disputeMark, mentionRuleWords, reviewLine, whyDisclosure } from "./why.js";
import { feedbackSection } from "./feedback.js";

/**
 * @typedef {import("../../shared/api-response.js").Card} Card
 * @typedef {import("../../shared/api-response.js").Mention} Mention
 */

/** Small inline source links after a claim: publishers, full citations in tooltips. */
function hopSources(doc, citations) {
  if (citations.length === 0) return null;
  const links = citations.flatMap((c, i) => (i ? ["; ", shortSourceLink(doc, c)] : [shortSourceLink(doc, c)]));
  return h(doc, "div", { class: "hop-sources" }, [citations.length === 1 ? "Source: " : "Sources: ", ...links]);
}

/** "employed by · Associate Professor" */
function relationLine(doc, label, role) {
  return h(doc, "div", { class: "rel" }, [label, role ? h(doc, "span", { class: "role", text: ` · ${role}` }) : null]);
}

/** One state-tie chain drawn top to bottom: entity, then each hop's relation and target. */
function chain(doc, tie) {
  if (tie.hops.length === 0) return null;
  return h(doc, "div", { class: "tie", role: "group", "aria-label": tie.summary || `Chain to ${tie.reaches}` }, [
    h(doc, "div", { class: "node", text: tie.hops[0].from_name }),
    h(
      doc,
      "ol",
      { class: "chain" },
      tie.hops.map((hop) => h(doc, "li", {}, [relationLine(doc, hop.label, hop.role), h(doc, "div", { class: "node", text: hop.to_name }), hopSources(doc, hop.citations)])),
    ),
  ]);
}

/** The state-tie chains, each hop with its sources. */
function stateTies(doc, card) {
  if (card.state_ties.length === 0) return [];
  return [h(doc, "h3", { text: "Ties to the state" }), ...card.state_ties.slice(0, 3).map((tie) => chain(doc, tie))];
}

/** True when an affiliation is already shown as a hop of the card's own state ties. */
function shownAsTie(card, affiliation) {
  return card.state_ties.some((t) => t.hops.some((hop) => hop.from_name === card.name && hop.to_name === affiliation.organization.name));
}

/** Affiliations that are not already shown as a hop of a state tie. */
function affiliations(doc, card) {
  const rest = card.affiliations.filter((a) => !shownAsTie(card, a));
  if (rest.length === 0) return [];
  return [
    h(doc, "h3", { text: "Affiliations" }),
    h(
      doc,
      "ul",
      {},
      rest.map((a) =>
        h(doc, "li", {}, [h(doc, "div", { class: "node", text: a.organization.name }), relationLine(doc, a.label, a.role), hopSources(doc, a.citations)]),
      ),
    ),
  ];
}

/** What a reader needs first: description, category, designations, curator note. */
function summary(doc, card) {
  return [
    card.category ? h(doc, "p", {}, [h(doc, "span", { class: "pill", text: card.category.label || card.category.value })]) : null,
    ...designationLines(doc, card),
    card.description ? h(doc, "p", { class: "desc", dir: "auto", text: card.description }) : null,
    card.note ? h(doc, "p", { class: "note", lang: card.note_lang || undefined, dir: "auto", text: card.note }) : null,
  ];
}

/** Footer: all sources (expandable), review date, correction link, why it is shown; then reader feedback. */
function footer(doc, card, onReport, rule) {
  const [toggle, list] = sourcesToggle(doc, distinctCitations(card), card.sources, `pn-sources-${card.slug}`);
  const [why, panel] = whyDisclosure(doc, card, rule, `pn-why-${card.slug}`);
  return [h(doc, "div", { class: "foot" }, [toggle, reviewLine(doc, card), correctionLink(doc, card.slug, onReport), why]), list, panel, feedbackSection(doc, card)];
}

/**
 * The card body for one entity.
 * @param {Document} doc
 * @param {Card} card
 * @param {(slug: string) => void} onReport
 * @param {string} [rule] why the mention got this card, in words
 */
export function entityBody(doc, card, onReport, rule = "") {
  return [disputeMark(doc, card), ...summary(doc, card), ...affiliations(doc, card), ...stateTies(doc, card), ...footer(doc, card, onReport, rule)];
}

/**
 * Heading words and body nodes for a mention (ambiguous ones list every candidate).
 * @param {Document} doc
 * @param {Mention} mention
 * @param {Record<string, Card>} entities
 * @param {(slug: string) => void} onReport
 * @returns {{kind: string, title: string, body: Node[]}}
 */
export function mentionCard(doc, mention, entities, onReport) {
  const cards = mention.entities.map((slug) => entities[slug]).filter(Boolean);
  if (!mention.ambiguous || cards.length === 1) {
    const card = cards[0];
    return { kind: kindAndCountry(card), title: card.name, body: entityBody(doc, card, onReport, mentionRuleWords(mention)).filter(Boolean) };
  }
  return {
    kind: "Ambiguous name",
    title: mention.text || cards[0].name,
    body: [
      h(doc, "p", { text: `${cards.length} profiles share this name. Provenance Notes does not guess which one is meant:` }),
      ...cards.map((card) =>
        h(doc, "section", { class: "candidate", "aria-label": card.name }, [
          h(doc, "div", { class: "kind", text: kindAndCountry(card) }),
          h(doc, "strong", { text: card.name }),
          ...entityBody(doc, card, onReport, mentionRuleWords(mention)).filter(Boolean),
        ]),
      ),
    ],
  };
}
