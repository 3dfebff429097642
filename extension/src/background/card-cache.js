/**
 * Cards of the names found on a page, without naming them: each card comes with its whole
 * bucket (`/v1/cards/bucket/{prefix}`, the first hex characters of SHA-256 of the slug), and
 * each bucket is kept and asked for again only when the data version moved.
 */

import { ext } from "../shared/browser.js";
import { int, object } from "../shared/checks.js";
import { CARD_BUCKET_PREFIX, CARD_SCHEME_KEY } from "../shared/keys.js";
import { readJson, request } from "../shared/api-client.js";
import { storedDocument } from "./stored-doc.js";

/** The longest bucket prefix the server serves (api/cards/buckets.py MAX_PREFIX). */
const MAX_PREFIX = 4;

export const cardScheme = storedDocument({
  key: CARD_SCHEME_KEY,
  path: "/v1/cards",
  parse(body) {
    const b = /** @type {any} */ (body);
    if (!object(b) || b.hash !== "sha256" || b.key !== "slug" || !int(1, MAX_PREFIX)(b.prefix_length)) {
      throw new Error("the card scheme is malformed or uses another hash");
    }
    return { prefixLength: b.prefix_length, dataVersion: Number.isInteger(b.data_version) ? b.data_version : null };
  },
  empty: { prefixLength: null, dataVersion: null },
});

/**
 * The bucket of an entity: the first `length` lower-case hex characters of SHA-256 of its slug.
 * @param {string} slug
 * @param {number} length
 */
export async function bucketOf(slug, length) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(slug)));
  return Array.from(digest.slice(0, Math.ceil(length / 2)), (b) => b.toString(16).padStart(2, "0")).join("").slice(0, length);
}

const isBucket = (v) => object(v) && object(v.entities) && object(v.organizations) && object(v.citations);

/**
 * @typedef {{entities: Record<string, unknown>, organizations: Record<string, unknown>,
 *   citations: Record<string, unknown>}} CardSet
 */

/**
 * A bucket for this API base and language: kept when it was checked at the current data
 * version, else asked for (with If-None-Match when a copy is kept).
 * @param {string} apiBase
 * @param {string} lang
 * @param {string} prefix
 * @param {number | null} dataVersion the card scheme's
 * @param {{fetchFn?: typeof fetch}} [opts]
 * @returns {Promise<CardSet>}
 */
async function bucket(apiBase, lang, prefix, dataVersion, { fetchFn } = {}) {
  const key = CARD_BUCKET_PREFIX + prefix;
  const kept = (await ext.localGet(key))[key];
  const usable = kept && kept.apiBase === apiBase && kept.lang === lang ? kept : null;
  if (usable && dataVersion !== null && usable.checkedAt === dataVersion) return usable.cards;
  const headers = { Accept: "application/json" };
  if (usable?.etag) headers["If-None-Match"] = usable.etag;
  const query = lang ? `?lang=${encodeURIComponent(lang)}` : "";
  const response = await request(`${apiBase}/v1/cards/bucket/${prefix}${query}`, { method: "GET", headers }, { fetchFn });
  let cards = usable?.cards;
  let etag = usable?.etag ?? null;
  if (!(response.status === 304 && usable)) {
    const body = await readJson(response);
    if (!isBucket(body)) throw Object.assign(new Error("a card bucket answer is malformed"), { kind: "invalid" });
    cards = { entities: body.entities, organizations: body.organizations, citations: body.citations };
    etag = response.headers.get("ETag");
  }
  await ext.localSet({ [key]: { apiBase, lang, prefix, etag, checkedAt: dataVersion, cards } });
  return /** @type {CardSet} */ (cards);
}

/**
 * The cards of `slugs` (those the server has), with every organization and citation of the
 * buckets they came in: a card's fields refer to those by key.
 * @param {string} apiBase
 * @param {string} lang
 * @param {string[]} slugs
 * @param {{fetchFn?: typeof fetch}} [opts]
 * @returns {Promise<CardSet>}
 */
export async function cardsFor(apiBase, lang, slugs, opts) {
  /** @type {CardSet} */
  const out = { entities: {}, organizations: {}, citations: {} };
  if (!slugs.length) return out;
  const scheme = await cardScheme.ensure(apiBase, opts);
  if (!scheme.prefixLength) throw Object.assign(new Error(`no card scheme yet: ${scheme.error ?? "not downloaded"}`), { kind: "unreachable" });
  const length = scheme.prefixLength;
  const prefixes = [...new Set(await Promise.all(slugs.map((s) => bucketOf(s, length))))].sort();
  const sets = await Promise.all(prefixes.map((p) => bucket(apiBase, lang, p, scheme.dataVersion, opts)));
  for (const set of sets) {
    Object.assign(out.organizations, set.organizations);
    Object.assign(out.citations, set.citations);
    for (const slug of slugs) if (Object.hasOwn(set.entities, slug)) out.entities[slug] = set.entities[slug];
  }
  return out;
}
