/** Decide whether a page's URL and text may be sent to the API (the privacy model). */

import { hostAndPath, matchIndex, siteListed } from "../shared/host-match.js";

/**
 * @typedef {import("../shared/settings.js").Settings} Settings
 * @typedef {import("../shared/host-match.js").IndexEntry} IndexEntry
 * @typedef {{send: boolean, reason: string, entry: IndexEntry | null}} Policy
 */

/**
 * Nothing leaves the browser unless the host is on the index (and auto-annotation is on),
 * the reader opted in for all sites, or the reader asked for this page.
 * @param {{url: string, trigger: "auto" | "user", settings: Settings, entries: IndexEntry[]}} input
 * @returns {Policy}
 */
export function decidePolicy({ url, trigger, settings, entries }) {
  if (!hostAndPath(url)) return { send: false, reason: "not-http", entry: null };
  const entry = matchIndex(entries, url);
  if (trigger === "user") return { send: true, reason: "user", entry };
  if (siteListed(settings.disabledSites, url)) return { send: false, reason: "disabled", entry };
  if (entry) return settings.autoAnnotate ? { send: true, reason: "profiled", entry } : { send: false, reason: "auto-off", entry };
  if (settings.allSites) return { send: true, reason: "opt-in", entry: null };
  return { send: false, reason: "not-profiled", entry: null };
}
