/** Reader-note language: the browser's primary language subtag. */

/**
 * Primary subtag of a BCP 47 tag ("pt-BR" → "pt"), "en" when unusable.
 * @param {unknown} tag
 */
export function primaryLanguage(tag) {
  const match = /^([a-zA-Z]{2,3})(?:[-_]|$)/.exec(typeof tag === "string" ? tag : "");
  return match ? match[1].toLowerCase() : "en";
}
