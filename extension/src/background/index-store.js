/** The locally kept copy of `/v1/index`, refreshed with If-None-Match / ETag. */

import { arrayOf, nullable, shape, str } from "../shared/checks.js";
import { INDEX_KEY } from "../shared/keys.js";
import { storedDocument } from "./stored-doc.js";

export { INDEX_KEY };

/**
 * @typedef {import("../shared/host-match.js").IndexEntry} IndexEntry
 * @typedef {{apiBase: string, etag: string | null, entries: IndexEntry[], dataVersion: number | null,
 *   fetchedAt: number, error: string | null}} StoredIndex
 */

const isEntry = (v) =>
  shape({ host: str(300), path_prefix: (x) => x === undefined || nullable(str(500))(x), outlet: str(300) })(v);
const isIndexBody = (v) => Boolean(v) && typeof v === "object" && arrayOf(isEntry, 100_000)(v.domains);

const index = storedDocument({
  key: INDEX_KEY,
  path: "/v1/index",
  parse(body) {
    if (!isIndexBody(body)) throw new Error("the index answer is malformed");
    return {
      entries: body.domains.map((d) => ({ host: d.host, path_prefix: d.path_prefix ?? null, outlet: d.outlet })),
      dataVersion: Number.isInteger(body.data_version) ? body.data_version : null,
    };
  },
  empty: { entries: [], dataVersion: null },
});

/**
 * The stored index for this API base, or null when none was fetched yet.
 * @param {string} apiBase
 * @returns {Promise<StoredIndex | null>}
 */
export const getStoredIndex = (apiBase) => index.get(apiBase);

/**
 * Refresh the index: a 304 keeps the stored entries, a 200 replaces them. Failures are recorded, not thrown.
 * @param {string} apiBase
 * @param {{fetchFn?: typeof fetch, now?: () => number}} [opts]
 * @returns {Promise<StoredIndex>}
 */
export const refreshIndex = (apiBase, opts) => index.refresh(apiBase, opts);
