/** Annotate an article on this device: the kept name pack finds the names, card buckets bring their cards. */

import { hostAndPath } from "../shared/host-match.js";

/**
 * @typedef {import("../shared/host-match.js").IndexEntry} IndexEntry
 * @typedef {{slug: string, match: {host: string, path_prefix: string | null, rule: string}}} PageOutlet
 */

/**
 * The page's outlet from its locally found index entry, with the rule that matched it as the
 * server's `outlet_match` says it (`registrable_domain` needs the Public Suffix List, which the
 * extension does not carry: a parent domain is called `parent_host`).
 * @param {IndexEntry | null} entry
 * @param {string} url
 * @returns {PageOutlet | null}
 */
export function pageOutlet(entry, url) {
  const page = hostAndPath(url);
  if (!entry || !page) return null;
  const rule = entry.path_prefix ? "path_prefix" : page.host === entry.host ? "host" : "parent_host";
  return { slug: entry.outlet, match: { host: entry.host, path_prefix: entry.path_prefix ?? null, rule } };
}

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
   * @param {{blocks: string[], outlet: PageOutlet | null, lang: string}} article
   */
  return async function annotateLocally(apiBase, { blocks, outlet: page, lang }) {
    const outlet = page?.slug ?? null;
    const { matcher, dataVersion } = await localMatcher(apiBase);
    const mentions = blocks.some(Boolean) ? matcher.annotate(blocks) : [];
    const slugs = [...new Set([...(outlet ? [outlet] : []), ...mentions.flatMap((m) => m.entities)])];
    const cards = await cardsFor(apiBase, lang, slugs);
    const found = outlet !== null && Object.hasOwn(cards.entities, outlet);
    return {
      offset_unit: "utf16",
      data_version: dataVersion,
      outlet: found ? outlet : null,
      outlet_match: found ? page?.match : null,
      mentions: mentions.map(({ block, start, end, text, entities, kind, match, ambiguous }) => ({
        block, start, end, text, entities, kind, match, ambiguous,
        rule: kind === "cited_outlet" ? "cited_outlet" : match, // as api/annotate/service.py mention_rule
      })),
      ...cards,
    };
  };
}
