/** Wait for the page: a quiet DOM, enough article text, and URL changes without reloads. */

import { UI_TAG_PREFIX } from "./block-text.js";
import { pageKey } from "../shared/urls.js";

/** True when a mutation only touched our own UI elements. */
export function ownMutation(record) {
  const ours = (n) => n.nodeType === 1 && /** @type {Element} */ (n).tagName.toUpperCase().startsWith(UI_TAG_PREFIX);
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return record.type === "childList" && nodes.length > 0 && nodes.every(ours);
}

/**
 * Resolve after the DOM saw no (foreign) mutation for `quietMs`, or at `deadline`; with
 * `afterChange`, the quiet period only starts counting after a first mutation.
 * @param {Document} doc
 * @param {Window} win
 * @param {number} quietMs
 * @param {number} deadline epoch ms
 * @param {boolean} [afterChange]
 */
export function waitForQuiet(doc, win, quietMs, deadline, afterChange = false) {
  return new Promise((resolve) => {
    let timer = 0;
    const finish = () => {
      observer.disconnect();
      win.clearTimeout(timer);
      win.clearTimeout(hardStop);
      resolve(undefined);
    };
    const restart = () => {
      win.clearTimeout(timer);
      timer = win.setTimeout(finish, quietMs);
    };
    const observer = new win.MutationObserver((records) => {
      if (!records.every(ownMutation)) restart();
    });
    observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
    const hardStop = win.setTimeout(finish, Math.max(0, deadline - Date.now()));
    if (!afterChange) restart();
  });
}

/**
 * Extract repeatedly until the article has at least `minChars()` characters, or give up at the
 * deadline (null) or when `cancelled()` turns true (null).
 * @template B
 * @param {Document} doc
 * @param {Window} win
 * @param {() => Array<{text: string}>} extract
 * @param {{minChars: () => number, quietMs: number, maxMs: number, cancelled: () => boolean}} opts
 */
export async function waitForArticle(doc, win, extract, { minChars, quietMs, maxMs, cancelled }) {
  const deadline = Date.now() + maxMs;
  for (let round = 0; ; round++) {
    await waitForQuiet(doc, win, quietMs, deadline, round > 0);
    if (cancelled()) return null;
    const blocks = extract();
    const chars = blocks.reduce((n, b) => n + b.text.length, 0);
    if (chars > 0 && chars >= minChars()) return blocks;
    if (Date.now() >= deadline) return null;
  }
}

/**
 * Call `onChange` whenever the page URL (without fragment) changes without a reload:
 * history.pushState/replaceState, back/forward. Returns a stop function.
 * @param {Window} win
 * @param {() => void} onChange
 * @param {number} [intervalMs]
 */
export function watchUrl(win, onChange, intervalMs = 500) {
  let last = pageKey(win.location.href);
  const check = () => {
    const now = pageKey(win.location.href);
    if (now === last) return;
    last = now;
    onChange();
  };
  const timer = win.setInterval(check, intervalMs);
  win.addEventListener("popstate", check);
  const nav = /** @type {any} */ (win).navigation;
  nav?.addEventListener?.("navigatesuccess", check);
  return () => {
    win.clearInterval(timer);
    win.removeEventListener("popstate", check);
    nav?.removeEventListener?.("navigatesuccess", check);
  };
}
