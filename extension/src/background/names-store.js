/** The locally kept name pack (`/v1/names`) and the matcher built from it, once per pack. */

import { NAMES_KEY } from "../shared/keys.js";
import { createMatcher } from "../match/matcher.js";
import { storedDocument } from "./stored-doc.js";

/** The pack format this matcher reads (api/annotate/pack.py FORMAT). */
export const PACK_FORMAT = 2;

const isPack = (v) =>
  Boolean(v) && typeof v === "object" && v.format === PACK_FORMAT && Array.isArray(v.keys) && Array.isArray(v.slugs) &&
  Array.isArray(v.kinds) && Boolean(v.rules) && typeof v.rules === "object" && typeof v.rules.given_names === "string" && Boolean(v.fold) && typeof v.fold === "object";

export const names = storedDocument({
  key: NAMES_KEY,
  path: "/v1/names",
  parse(body) {
    if (!isPack(body)) throw new Error(`the name pack is malformed or not of format ${PACK_FORMAT}`);
    return { pack: body, dataVersion: Number.isInteger(body.data_version) ? body.data_version : null };
  },
  empty: { pack: null, dataVersion: null },
  // The largest download (about 200 KB compressed), which a server builds once per data
  // version: a background refresh may wait for it longer than a page's request would.
  timeoutMs: 60_000,
});

/** @type {{apiBase: string, etag: string | null, matcher: ReturnType<typeof createMatcher>} | null} */
let built = null;

/**
 * The matcher of the kept pack for this API base (downloading the pack first when there is none),
 * built once per pack and kept for the life of the background.
 * @param {string} apiBase
 * @returns {Promise<{matcher: ReturnType<typeof createMatcher>, dataVersion: number | null}>}
 */
export async function localMatcher(apiBase) {
  const stored = await names.ensure(apiBase);
  if (!stored.pack) throw Object.assign(new Error(`no name pack yet: ${stored.error ?? "not downloaded"}`), { kind: "unreachable" });
  if (!built || built.apiBase !== apiBase || built.etag !== stored.etag) {
    built = { apiBase, etag: stored.etag, matcher: createMatcher(stored.pack) };
  }
  return { matcher: built.matcher, dataVersion: stored.dataVersion };
}
