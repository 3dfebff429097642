/** Decide whether a page is annotated, and whether its text may leave the device (the privacy model). */

import { hostAndPath, matchIndex, siteListed } from "../shared/host-match.js";

/**
 * @typedef {import("../shared/settings.js").Settings} Settings
 * @typedef {import("../shared/host-match.js").IndexEntry} IndexEntry
 * @typedef {{run: boolean, remote: boolean, reason: string, entry: IndexEntry | null}} Policy
 */

/**
 * Every http(s) page is annotated on this device, unless automatic notes are off (for all sites
 * or this one) and the reader did not ask. Only the reader's opt-in to matching on the server
 * (`remote`) lets the page address and text leave the device. The index entry (the page's
 * outlet) is looked up locally.
 * @param {{url: string, trigger: "auto" | "user", settings: Settings, entries: IndexEntry[]}} input
 * @returns {Policy}
 */
export function decidePolicy({ url, trigger, settings, entries }) {
  if (!hostAndPath(url)) return { run: false, remote: false, reason: "not-http", entry: null };
  const entry = matchIndex(entries, url);
  const remote = settings.serverMatching;
  if (trigger === "user") return { run: true, remote, reason: "user", entry };
  if (siteListed(settings.disabledSites, url)) return { run: false, remote: false, reason: "disabled", entry };
  if (!settings.autoAnnotate) return { run: false, remote: false, reason: "auto-off", entry };
  return { run: true, remote, reason: remote ? "server" : "local", entry };
}
