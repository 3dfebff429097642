/** URL guards: which links may be rendered and where the API lives. */

/**
 * An absolute `https:` URL string, or null (sources open only over https).
 * @param {unknown} value
 * @returns {string | null}
 */
export function safeHttpsUrl(value) {
  if (typeof value !== "string" || value.length > 2048) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * An absolute `http:` or `https:` URL string without a user name or password, or null (sources
 * may be plain http).
 * @param {unknown} value
 * @returns {string | null}
 */
export function safeWebUrl(value) {
  if (typeof value !== "string" || value.length > 2048) return null;
  try {
    const url = new URL(value);
    const web = url.protocol === "https:" || url.protocol === "http:";
    return web && url.hostname && !url.username && !url.password ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Normalise an API base URL (http or https, no query, no trailing slash), or null.
 * @param {unknown} value
 * @returns {string | null}
 */
export function normalizeApiBase(value) {
  if (typeof value !== "string") return null;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    if (url.search || url.hash || url.username || url.password) return null;
    return url.href.replace(/\/+$/, "");
  } catch {
    return null;
  }
}

/**
 * The page URL without its fragment: one annotation per key.
 * @param {string} url
 */
export function pageKey(url) {
  const hash = url.indexOf("#");
  return hash === -1 ? url : url.slice(0, hash);
}
