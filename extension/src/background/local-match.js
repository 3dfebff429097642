/** Annotate an article on this device: the kept name pack finds the names, card buckets bring their cards. */

/**
 * @typedef {{annotate: (blocks: string[]) => Array<{block: number, start: number, end: number, text: string,
 *   entities: string[], kind: string, match: string, ambiguous: boolean}>}} Matcher
 * @typedef {object} LocalDeps
 * @property {(apiBase: string) => Promise<{matcher: Matcher, dataVersion: number | null}>} localMatcher
 * @property {(apiBase: string, lang: string, slugs: string[]) => Promise<import("./card-cache.js").CardSet>} cardsFor
 */

/**
 * The answer `POST /v1/annotate` would give for these blocks, found without sending them: the
 * outlet (from the locally kept index), every mention and the cards they name.
 * @param {LocalDeps} deps
 */
export function createLocalAnnotator({ localMatcher, cardsFor }) {
  /**
   * @param {string} apiBase
   * @param {{blocks: string[], outlet: string | null, lang: string}} article
   */
  return async function annotateLocally(apiBase, { blocks, outlet, lang }) {
    const { matcher, dataVersion } = await localMatcher(apiBase);
    const mentions = blocks.some(Boolean) ? matcher.annotate(blocks) : [];
    const slugs = [...new Set([...(outlet ? [outlet] : []), ...mentions.flatMap((m) => m.entities)])];
    const cards = await cardsFor(apiBase, lang, slugs);
    return {
      offset_unit: "utf16",
      data_version: dataVersion,
      outlet: outlet && Object.hasOwn(cards.entities, outlet) ? outlet : null,
      mentions: mentions.map(({ block, start, end, text, entities, kind, match, ambiguous }) => ({ block, start, end, text, entities, kind, match, ambiguous })),
      ...cards,
    };
  };
}
