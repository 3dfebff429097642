/** A fake WebExtension API with in-memory storage, installed through the wrapper. */

import { setExtensionApi } from "../../src/shared/browser.js";

/** Install a fake `browser` object; returns it so tests can inspect storage. */
export function installFakeExtension() {
  const local = new Map();
  const session = new Map();
  const listeners = [];
  const fake = {
    runtime: { id: "test-extension", getURL: (p) => `chrome-extension://test-extension/${p}` },
    storage: {
      local: {
        get: async (key) => (local.has(key) ? { [key]: structuredClone(local.get(key)) } : {}),
        set: async (items) => {
          for (const [k, v] of Object.entries(items)) local.set(k, structuredClone(v));
          for (const fn of listeners) fn(items, "local");
        },
      },
      session: {
        get: async (key) => (session.has(key) ? { [key]: structuredClone(session.get(key)) } : {}),
        set: async (items) => Object.entries(items).forEach(([k, v]) => session.set(k, structuredClone(v))),
        remove: async (key) => void session.delete(key),
      },
      onChanged: { addListener: (fn) => listeners.push(fn) },
    },
  };
  setExtensionApi(fake);
  return { fake, local, session };
}
