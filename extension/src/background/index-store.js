/** The locally kept copy of `/v1/index`, refreshed with If-None-Match / ETag. */

import { ext } from "../shared/browser.js";
import { arrayOf, nullable, shape, str } from "../shared/checks.js";
import { INDEX_KEY } from "../shared/keys.js";
import { readJson, request } from "../shared/api-client.js";

export { INDEX_KEY };

/**
 * @typedef {import("../shared/host-match.js").IndexEntry} IndexEntry
 * @typedef {{apiBase: string, etag: string | null, entries: IndexEntry[], dataVersion: number | null,
 *   fetchedAt: number, error: string | null}} StoredIndex
 */

const isEntry = (v) =>
  shape({ host: str(300), path_prefix: (x) => x === undefined || nullable(str(500))(x), outlet: str(300) })(v);
const isIndexBody = (v) => Boolean(v) && typeof v === "object" && arrayOf(isEntry, 100_000)(v.domains);

/**
 * The stored index for this API base, or null when none was fetched yet.
 * @param {string} apiBase
 * @returns {Promise<StoredIndex | null>}
 */
export async function getStoredIndex(apiBase) {
  const stored = /** @type {StoredIndex | undefined} */ ((await ext.localGet(INDEX_KEY))[INDEX_KEY]);
  return stored && stored.apiBase === apiBase ? stored : null;
}

/**
 * Refresh the index: a 304 keeps the stored entries, a 200 replaces them. Failures are recorded, not thrown.
 * @param {string} apiBase
 * @param {{fetchFn?: typeof fetch, now?: () => number}} [opts]
 * @returns {Promise<StoredIndex>}
 */
export async function refreshIndex(apiBase, { fetchFn, now = Date.now } = {}) {
  const previous = await getStoredIndex(apiBase);
  /** @type {StoredIndex} */
  let next;
  try {
    const headers = { Accept: "application/json" };
    if (previous?.etag) headers["If-None-Match"] = previous.etag;
    const response = await request(`${apiBase}/v1/index`, { method: "GET", headers }, { fetchFn });
    if (response.status === 304 && previous) {
      next = { ...previous, fetchedAt: now(), error: null };
    } else {
      const body = await readJson(response);
      if (!isIndexBody(body)) throw new Error("the index answer is malformed");
      next = {
        apiBase,
        etag: response.headers.get("ETag"),
        entries: body.domains.map((d) => ({ host: d.host, path_prefix: d.path_prefix ?? null, outlet: d.outlet })),
        dataVersion: Number.isInteger(body.data_version) ? body.data_version : null,
        fetchedAt: now(),
        error: null,
      };
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : "index refresh failed";
    next = previous
      ? { ...previous, error: message }
      : { apiBase, etag: null, entries: [], dataVersion: null, fetchedAt: 0, error: message };
  }
  await ext.localSet({ [INDEX_KEY]: next });
  return next;
}
