/** Background entry: wires browser events to the modules that handle them. */

import { ext } from "../shared/browser.js";
import { loadSettings, setHostListed } from "../shared/settings.js";
import { postAnnotate, postFeedback } from "../shared/api-client.js";
import { getStoredIndex } from "./index-store.js";
import { localMatcher } from "./names-store.js";
import { cardsFor } from "./card-cache.js";
import { createLocalAnnotator } from "./local-match.js";
import { SERVER_MATCHING_DATA } from "../shared/privacy.js";
import * as badge from "./badge.js";
import { forgetTab, getTabSummary, updateTabSummary } from "./tab-state.js";
import { createRouter } from "./router.js";
import { ALARM_REFRESH, ALARM_RETRY, apiBaseChanged, refreshNow } from "./refresh.js";

const ignore = () => {};

ext.onMessage(
  createRouter({
    extensionId: ext.id(),
    extensionOrigin: ext.getURL(""),
    loadSettings,
    getIndex: getStoredIndex,
    postAnnotate,
    postFeedback,
    matchLocally: createLocalAnnotator({ localMatcher, cardsFor }),
    mayCollect: () => ext.mayCollect([...SERVER_MATCHING_DATA]),
    uiLanguage: ext.uiLanguage,
    badge,
    tabs: { get: getTabSummary, update: updateTabSummary },
    setHostListed,
    sendToTab: ext.sendToTab,
    injectContentScript: ext.injectContentScript,
    getTab: ext.getTab,
    openTab: ext.openTab,
    getURL: ext.getURL,
  }),
);

ext.onInstalled(() => refreshNow().catch(ignore));
ext.onStartup(() => refreshNow().catch(ignore));
ext.onAlarm((alarm) => {
  if (alarm.name === ALARM_REFRESH || alarm.name === ALARM_RETRY) refreshNow().catch(ignore);
});
ext.onStorageChanged((changes, area) => {
  if (apiBaseChanged(changes, area)) refreshNow().catch(ignore);
});
ext.onTabUpdated((tabId, info) => {
  if (info.status === "loading" && info.url) {
    forgetTab(tabId).catch(ignore);
    badge.clearTab(tabId).catch(ignore);
  }
});
ext.onTabRemoved((tabId) => forgetTab(tabId).catch(ignore));
