/** Plain-words formatting of card data: countries, dates, kinds and relation chains. */

const KIND_WORDS = {
  person: "Person",
  outlet: "Outlet",
  news_agency: "News agency",
  broadcaster: "Broadcaster",
  government: "Government",
  ministry: "Ministry",
  state_agency: "State agency",
  university: "University",
  think_tank: "Think tank",
  company: "Company",
  party: "Party",
  ngo: "NGO",
};

/** "RU" → "Russia" (the code itself when unknown). */
export function countryName(code) {
  if (!/^[A-Za-z]{2}$/.test(code || "")) return "";
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** "2026-11-25T17:00:00Z" → "25 Nov 2026" ("" when unparsable). */
export function shortDate(value) {
  if (!value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value.slice(0, 10);
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** "news_agency" → "News agency". */
export function kindWords(kind) {
  return KIND_WORDS[kind] ?? (kind ? kind.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()) : "");
}

/** "Person · Russia" style line. */
export function kindAndCountry(card) {
  return [kindWords(card.kind), countryName(card.country)].filter(Boolean).join(" · ");
}

/** "employed by (Associate Professor)". */
export function relationWords(label, role) {
  return role ? `${label} (${role})` : label;
}

/** "n sources" with the right plural. */
export function sourcesWords(n) {
  return n === 1 ? "1 source" : `${n} sources`;
}

/** True when the card reaches a government or state-controlled organisation. */
export function hasStateTie(card) {
  return Boolean(card && card.state_ties.length > 0);
}
