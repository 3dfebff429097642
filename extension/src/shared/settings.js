/** Reader settings: defaults, normalisation and storage. */

import { ext } from "./browser.js";
import { normalizeHost } from "./host-match.js";
import { normalizeApiBase } from "./urls.js";

export const SETTINGS_KEY = "settings";
/* global __PROVNOTES_DEFAULT_API_BASE__ -- replaced by scripts/build.mjs (PROVNOTES_PUBLIC_BASE_URL) */
export const DEFAULT_API_BASE =
  typeof __PROVNOTES_DEFAULT_API_BASE__ === "string" ? __PROVNOTES_DEFAULT_API_BASE__ : "http://127.0.0.1:8000";

/**
 * @typedef {object} Settings
 * @property {string} apiBase API base URL
 * @property {boolean} autoAnnotate annotate every page automatically (matched on this device)
 * @property {boolean} serverMatching opt-in: send the page address and article text to `POST /v1/annotate`
 * @property {string[]} disabledSites hosts where nothing runs automatically
 * @property {string[]} hiddenBanners hosts where the outlet banner stays hidden
 */

/** @type {Settings} */
export const DEFAULT_SETTINGS = Object.freeze({
  apiBase: DEFAULT_API_BASE,
  autoAnnotate: true,
  serverMatching: false,
  disabledSites: [],
  hiddenBanners: [],
});

/** A clean list of normalised hosts. */
function hostList(value) {
  if (!Array.isArray(value)) return [];
  const hosts = value.map((h) => (typeof h === "string" ? normalizeHost(h) : "")).filter(Boolean);
  return [...new Set(hosts)].sort();
}

/**
 * Fill defaults and drop anything malformed.
 * @param {unknown} raw
 * @returns {Settings}
 */
export function normalizeSettings(raw) {
  const r = raw && typeof raw === "object" ? /** @type {Record<string, unknown>} */ (raw) : {};
  return {
    apiBase: normalizeApiBase(r.apiBase) ?? DEFAULT_API_BASE,
    autoAnnotate: typeof r.autoAnnotate === "boolean" ? r.autoAnnotate : DEFAULT_SETTINGS.autoAnnotate,
    serverMatching: r.serverMatching === true,
    disabledSites: hostList(r.disabledSites),
    hiddenBanners: hostList(r.hiddenBanners),
  };
}

/** Load the settings from `storage.local`. */
export async function loadSettings() {
  const stored = await ext.localGet(SETTINGS_KEY);
  return normalizeSettings(stored[SETTINGS_KEY]);
}

/**
 * Merge a change into the stored settings and return the result.
 * @param {Partial<Settings>} change
 */
export async function updateSettings(change) {
  const next = normalizeSettings({ ...(await loadSettings()), ...change });
  await ext.localSet({ [SETTINGS_KEY]: next });
  return next;
}

/**
 * Add or remove a host in one of the host lists.
 * @param {"disabledSites" | "hiddenBanners"} list
 * @param {string} host
 * @param {boolean} present
 */
export async function setHostListed(list, host, present) {
  const current = await loadSettings();
  const h = normalizeHost(host);
  const without = current[list].filter((x) => x !== h);
  return updateSettings({ [list]: present && h ? [...without, h] : without });
}
