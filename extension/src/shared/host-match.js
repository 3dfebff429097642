/** Match a page URL against the API's `/v1/index` of profiled hosts (never by substring). */

/** @typedef {{host: string, path_prefix: string | null, outlet: string}} IndexEntry */

const STRIPPED_PREFIXES = ["www.", "m.", "amp."];

/**
 * Normalise a host as the API does: lower-case, punycode, no trailing dot,
 * without one leading `www.`, `m.` or `amp.` label.
 * @param {string} host
 * @returns {string}
 */
export function normalizeHost(host) {
  let h = String(host || "").trim().toLowerCase();
  if (h.endsWith(".")) h = h.slice(0, -1);
  if (!h) return "";
  try {
    h = new URL(`http://${h}/`).hostname;
  } catch {
    return "";
  }
  for (const prefix of STRIPPED_PREFIXES) {
    if (h.startsWith(prefix) && h.length > prefix.length && h.slice(prefix.length).includes(".")) {
      return h.slice(prefix.length);
    }
  }
  return h;
}

/**
 * Parse an http(s) URL into its normalised host and path; null for anything else.
 * @param {string} url
 * @returns {{host: string, path: string} | null}
 */
export function hostAndPath(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  const host = normalizeHost(parsed.hostname);
  return host ? { host, path: parsed.pathname || "/" } : null;
}

/**
 * True when `host` equals `entryHost` or is a subdomain of it (label boundary).
 * @param {string} host normalised page host
 * @param {string} entryHost normalised index host
 */
export function hostMatches(host, entryHost) {
  return Boolean(entryHost) && (host === entryHost || host.endsWith(`.${entryHost}`));
}

/**
 * The most specific index entry for a URL (longest host, then longest path prefix), or null.
 * @param {IndexEntry[]} entries
 * @param {string} url
 * @returns {IndexEntry | null}
 */
export function matchIndex(entries, url) {
  const page = hostAndPath(url);
  if (!page || !Array.isArray(entries)) return null;
  let best = null;
  let bestKey = [-1, -1];
  for (const entry of entries) {
    const entryHost = normalizeHost(entry.host);
    if (!hostMatches(page.host, entryHost)) continue;
    const prefix = entry.path_prefix || "";
    if (prefix && !page.path.startsWith(prefix)) continue;
    const key = [entryHost.length, prefix.length];
    if (key[0] > bestKey[0] || (key[0] === bestKey[0] && key[1] > bestKey[1])) {
      best = entry;
      bestKey = key;
    }
  }
  return best;
}

/**
 * True when a host is covered by a list of site hosts (same host or a subdomain).
 * @param {string[]} sites
 * @param {string} url
 */
export function siteListed(sites, url) {
  const page = hostAndPath(url);
  if (!page) return false;
  return sites.some((site) => hostMatches(page.host, normalizeHost(site)));
}
