/** A document of the API kept in `storage.local` and refreshed with If-None-Match / ETag. */

import { ext } from "../shared/browser.js";
import { readJson, request } from "../shared/api-client.js";

/**
 * @template T
 * @typedef {{apiBase: string, etag: string | null, fetchedAt: number, error: string | null} & T} Stored
 */

/**
 * A kept document: `parse` turns an answer's body into the fields kept (throwing when it is
 * malformed), `empty` are those fields before any answer came; `timeoutMs` bounds one download
 * (api-client's default when absent).
 * @template T
 * @param {{key: string, path: string, parse: (body: unknown) => T, empty: T, timeoutMs?: number}} spec
 */
export function storedDocument({ key, path, parse, empty, timeoutMs }) {
  /** @type {Map<string, Promise<Stored<T>>>} */
  const inFlight = new Map();

  /**
   * The kept document for this API base, or null when none was fetched yet.
   * @param {string} apiBase
   * @returns {Promise<Stored<T> | null>}
   */
  async function get(apiBase) {
    const stored = (await ext.localGet(key))[key];
    return stored && stored.apiBase === apiBase ? stored : null;
  }

  /**
   * Refresh: a 304 keeps the kept fields, a 200 replaces them. Failures are recorded, not thrown.
   * @param {string} apiBase
   * @param {{fetchFn?: typeof fetch, now?: () => number}} [opts]
   * @returns {Promise<Stored<T>>}
   */
  async function fetchAndKeep(apiBase, { fetchFn, now = Date.now } = {}) {
    const previous = await get(apiBase);
    /** @type {Stored<T>} */
    let next;
    try {
      const headers = { Accept: "application/json" };
      if (previous?.etag) headers["If-None-Match"] = previous.etag;
      const response = await request(`${apiBase}${path}`, { method: "GET", headers }, { fetchFn, timeoutMs });
      if (response.status === 304 && previous) {
        next = { ...previous, fetchedAt: now(), error: null };
      } else {
        const fields = parse(await readJson(response));
        next = { ...fields, apiBase, etag: response.headers.get("ETag"), fetchedAt: now(), error: null };
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : `${path} refresh failed`;
      next = previous ? { ...previous, error: message } : { ...empty, apiBase, etag: null, fetchedAt: 0, error: message };
    }
    await ext.localSet({ [key]: next });
    return next;
  }

  /** Refresh now; callers asking while a refresh of the same base runs share its answer. */
  function refresh(apiBase, opts) {
    let running = inFlight.get(apiBase);
    if (!running) {
      running = fetchAndKeep(apiBase, opts).finally(() => inFlight.delete(apiBase));
      inFlight.set(apiBase, running);
    }
    return running;
  }

  /** The kept document, fetched first when there is none yet (or only a failure). */
  async function ensure(apiBase, opts) {
    const stored = await get(apiBase);
    return stored && stored.fetchedAt > 0 ? stored : refresh(apiBase, opts);
  }

  return { get, refresh, ensure };
}
