/** Keep the local downloads fresh: on install, on start, on a timer and when the API base changes. */

import { ext } from "../shared/browser.js";
import { loadSettings } from "../shared/settings.js";
import { refreshIndex } from "./index-store.js";
import { names } from "./names-store.js";
import { cardScheme } from "./card-cache.js";
import { showGlobal } from "./badge.js";

export const ALARM_REFRESH = "index-refresh";
export const ALARM_RETRY = "index-retry";
const REFRESH_MINUTES = 30;
const RETRY_MINUTES = 2;

/**
 * Refresh the index, the name pack and the card scheme now (none carries anything about a
 * page), and schedule the next refresh (sooner after a failure).
 */
export async function refreshNow() {
  const settings = await loadSettings();
  const [index, pack, scheme] = await Promise.all([
    refreshIndex(settings.apiBase),
    names.refresh(settings.apiBase),
    cardScheme.refresh(settings.apiBase),
  ]);
  const error = index.error ?? pack.error ?? scheme.error;
  await showGlobal(error);
  await ext.createAlarm(ALARM_REFRESH, REFRESH_MINUTES);
  if (error) await ext.createAlarm(ALARM_RETRY, RETRY_MINUTES);
  else await ext.clearAlarm(ALARM_RETRY);
  return index;
}

/** Refresh when a settings change touched the API base. */
export function apiBaseChanged(changes, area) {
  const change = area === "local" ? changes.settings : undefined;
  return Boolean(change) && change.oldValue?.apiBase !== change.newValue?.apiBase;
}
