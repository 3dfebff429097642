/** The outlet banner at the top of the article. */

import { h, shadowHost } from "../../shared/dom.js";
import { BANNER_CSS } from "./styles.js";
import { correctionLink, distinctCitations, sourcesToggle } from "./links.js";
import { countryName, kindWords, relationWords } from "./format.js";
import { designationLines } from "./designations.js";
import { disputeMark, hostRuleWords, reviewLine, whyDisclosure } from "./why.js";

/** @typedef {import("../../shared/api-response.js").Card} Card */

export const BANNER_TAG = "provenance-notes-banner";

/** "Owned by Rossiya Segodnya → controlled by Government of the Russian Federation". */
export function ownershipChain(card) {
  const tie = card.state_ties[0];
  if (tie && tie.hops.length) {
    const words = tie.hops.map((hop) => `${relationWords(hop.label, hop.role)} ${hop.to_name}`).join(" → ");
    return words.charAt(0).toUpperCase() + words.slice(1);
  }
  const owners = card.affiliations.filter((a) => /owned|funded|controlled|edition|part/.test(a.label));
  const words = owners.map((a) => `${a.label} ${a.organization.name}`).join("; ");
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "";
}

/**
 * Build the banner host element.
 * @param {Document} doc
 * @param {{outlet: Card, match?: import("../../shared/api-response.js").OutletMatch | null, host: string, onHide: (remember: boolean) => void, onReport: (slug: string) => void, dark?: boolean}} opts
 * @returns {HTMLElement}
 */
export function createBanner(doc, { outlet, match = null, host, onHide, onReport, dark = false }) {
  const { host: el, root } = shadowHost(doc, BANNER_TAG, BANNER_CSS);
  const [toggle, list] = sourcesToggle(doc, distinctCitations(outlet), outlet.sources, "pn-sources");
  const [why, panel] = whyDisclosure(doc, outlet, hostRuleWords(match), "pn-why");
  const hide = (remember) => {
    el.remove();
    onHide(remember);
  };
  const chain = ownershipChain(outlet);
  const where = [kindWords(outlet.kind), countryName(outlet.country)].filter(Boolean).join(", ");
  root.append(
    h(doc, "section", { class: `pn banner${dark ? " dark" : ""}`, lang: "en", dir: "auto", role: "note", "aria-label": `Provenance note: about ${outlet.name}` }, [
      h(doc, "div", { class: "top" }, [
        h(doc, "span", { class: "label", text: "Provenance note" }),
        h(doc, "span", { class: "name", text: outlet.name }),
        outlet.category ? h(doc, "span", { class: "pill", text: outlet.category.label || outlet.category.value }) : null,
        where ? h(doc, "span", { class: "muted where", text: `(${where})` }) : null,
        h(doc, "button", { class: "close", type: "button", "aria-label": "Hide this note", title: "Hide this note", text: "×", onclick: () => hide(false) }),
      ]),
      disputeMark(doc, outlet),
      ...designationLines(doc, outlet),
      chain ? h(doc, "p", { class: "chain", text: chain }) : null,
      outlet.note ? h(doc, "p", { class: "note", lang: outlet.note_lang || undefined, dir: "auto", text: outlet.note }) : null,
      h(doc, "div", { class: "foot" }, [
        toggle,
        reviewLine(doc, outlet, "muted"),
        correctionLink(doc, outlet.slug, onReport),
        why,
        h(doc, "button", { class: "link-button", type: "button", text: `Don't show on ${host}`, onclick: () => hide(true) }),
      ]),
      list,
      panel,
    ]),
  );
  return el;
}
