/** Designations from named schemes other than the State Media Monitor, with who issued them. */

import { h } from "../../shared/dom.js";
import { shortSourceLink } from "./links.js";
import { countryName, shortDate } from "./format.js";

/**
 * @typedef {import("../../shared/api-response.js").Designation} Designation
 * @typedef {import("../../shared/api-response.js").Card} Card
 */

/** "Broadcasting suspended in the EU under Council sanctions — attributed to Russia (2 Mar 2022)" */
export function designationText(d) {
  const state = countryName(d.attributed_to);
  const when = d.as_of ? ` (${shortDate(d.as_of)})` : "";
  return `${d.label || d.value}${state ? ` — attributed to ${state}` : ""}${when}`;
}

/**
 * One line per designation: the scheme as a pill distinct from the category, the words, sources.
 * @param {Document} doc
 * @param {Card} card
 * @returns {HTMLElement[]}
 */
export function designationLines(doc, card) {
  return (card.designations ?? []).map((d) =>
    h(doc, "p", { class: "designation", title: d.authority }, [
      h(doc, "span", { class: "pill scheme", text: d.scheme_name || d.scheme }),
      " ",
      designationText(d),
      d.citations.length ? h(doc, "span", { class: "hop-sources" }, [" Source: ", ...d.citations.map((c) => shortSourceLink(doc, c))]) : null,
    ]),
  );
}
