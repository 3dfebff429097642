/** Per-tab page summaries for the popup, kept in `storage.session` (survives worker restarts). */

import { ext } from "../shared/browser.js";

/**
 * @typedef {{url: string, state: string, notes: number, outlet: {name: string, category: string} | null,
 *   names: string[], error: string | null, reason: string | null}} TabSummary
 */

const key = (tabId) => `tab:${tabId}`;

/** @returns {Promise<TabSummary | null>} */
export async function getTabSummary(tabId) {
  return (await ext.sessionGet(key(tabId))) ?? null;
}

/** Merge a change into a tab's summary. @param {Partial<TabSummary>} change */
export async function updateTabSummary(tabId, change) {
  const base = { url: "", state: "idle", notes: 0, outlet: null, names: [], error: null, reason: null };
  const next = { ...base, ...(await getTabSummary(tabId)), ...change };
  await ext.sessionSet(key(tabId), next);
  return next;
}

/** Forget a tab. */
export function forgetTab(tabId) {
  return ext.sessionRemove(key(tabId));
}
