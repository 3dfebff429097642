/** Thin wrapper over the WebExtension API (`browser.*` in Firefox, `chrome.*` in Chromium). */

/** @type {any} */
let api = globalThis.browser ?? globalThis.chrome;

/** Replace the underlying API object (unit tests pass a fake). */
export function setExtensionApi(fake) {
  api = fake;
}

/** True when running inside an extension context. */
export function hasExtensionApi() {
  return Boolean(api && api.runtime && api.runtime.id);
}

/** True in a browser with data-collection consent (Firefox: `permissions.*` take `data_collection`). */
function dataConsent() {
  const gecko = api?.runtime?.getManifest?.()?.browser_specific_settings?.gecko;
  return Boolean(globalThis.browser && api.runtime.getBrowserInfo && gecko?.data_collection_permissions && api.permissions);
}

/** In-memory stand-in for `storage.session` where a browser lacks it. */
const sessionFallback = new Map();

export const ext = {
  /** The extension's own id. */
  id: () => api.runtime.id,
  /** Absolute URL of a packaged file. */
  getURL: (path) => api.runtime.getURL(path),
  /** Browser UI language, e.g. "en-US". */
  uiLanguage: () => (api.i18n && api.i18n.getUILanguage ? api.i18n.getUILanguage() : "en"),

  /** Read keys from `storage.local`. */
  localGet: (keys) => api.storage.local.get(keys),
  /** Write items to `storage.local`. */
  localSet: (items) => api.storage.local.set(items),
  /** Read keys from `storage.session` (memory fallback). */
  async sessionGet(key) {
    if (api.storage.session) return (await api.storage.session.get(key))[key];
    return sessionFallback.get(key);
  },
  /** Write one key to `storage.session` (memory fallback). */
  async sessionSet(key, value) {
    if (api.storage.session) return api.storage.session.set({ [key]: value });
    sessionFallback.set(key, value);
  },
  /** Remove one key from `storage.session` (memory fallback). */
  async sessionRemove(key) {
    if (api.storage.session) return api.storage.session.remove(key);
    sessionFallback.delete(key);
  },
  /** Listen to storage changes: `(changes, areaName) => void`. */
  onStorageChanged: (fn) => api.storage.onChanged.addListener(fn),

  /** Send a message to the background; resolves with its answer. */
  sendMessage: (message) => api.runtime.sendMessage(message),
  /** Send a message to the content script of a tab (top frame only). */
  sendToTab: (tabId, message) => api.tabs.sendMessage(tabId, message, { frameId: 0 }),
  /**
   * Answer messages with an async handler `(message, sender) => Promise<any>`;
   * uses `sendResponse` + `return true`, which both browsers support.
   */
  onMessage(handler) {
    api.runtime.onMessage.addListener((message, sender, sendResponse) => {
      Promise.resolve()
        .then(() => handler(message, sender))
        .then(sendResponse, () => sendResponse(undefined));
      return true;
    });
  },

  /** Run once on install/update. */
  onInstalled: (fn) => api.runtime.onInstalled.addListener(fn),
  /** Run once on browser start. */
  onStartup: (fn) => api.runtime.onStartup.addListener(fn),
  /** Open the options page. */
  openOptionsPage: () => api.runtime.openOptionsPage(),

  /** The active tab of the current window, or undefined. */
  async activeTab() {
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    return tab;
  },
  /** One tab by id. */
  getTab: (tabId) => api.tabs.get(tabId),
  /** Open a new tab next to the current one. */
  openTab: (url) => api.tabs.create({ url }),
  /** Tab updates: `(tabId, changeInfo, tab) => void`. */
  onTabUpdated: (fn) => api.tabs.onUpdated.addListener(fn),
  /** Tab closed: `(tabId) => void`. */
  onTabRemoved: (fn) => api.tabs.onRemoved.addListener(fn),
  /** Inject the packaged content script into a tab's top frame. */
  injectContentScript: (tabId) =>
    api.scripting.executeScript({ target: { tabId }, files: ["content.js"] }),

  /** Set badge text, colour and tooltip; `tabId` undefined means the default for all tabs. */
  async setBadge({ tabId, text, color, title }) {
    const where = tabId === undefined ? {} : { tabId };
    await api.action.setBadgeText({ ...where, text });
    if (color) await api.action.setBadgeBackgroundColor({ ...where, color });
    if (title) await api.action.setTitle({ ...where, title });
  },

  /**
   * Whether the browser's data-collection consent covers these types: Firefox asks the reader
   * (manifest `data_collection_permissions.optional`); other browsers have no such consent.
   * @param {string[]} types
   */
  async mayCollect(types) {
    if (!dataConsent()) return true;
    // A browser that cannot answer has not given consent: nothing is sent then.
    return api.permissions.contains({ data_collection: types }).catch(() => false);
  },
  /**
   * Ask the reader for that consent (call it from a click handler); true when granted.
   * @param {string[]} types
   */
  async askToCollect(types) {
    if (!dataConsent()) return true;
    return api.permissions.request({ data_collection: types }).catch(() => false);
  },

  /** Create or replace a repeating alarm. */
  createAlarm: (name, periodInMinutes, delayInMinutes) =>
    api.alarms.create(name, { periodInMinutes, delayInMinutes: delayInMinutes ?? periodInMinutes }),
  /** Cancel an alarm by name. */
  clearAlarm: (name) => api.alarms.clear(name),
  /** Alarm fired: `(alarm) => void`. */
  onAlarm: (fn) => api.alarms.onAlarm.addListener(fn),
};
