/** Annotate the current page once per URL: ask, wait for the article, match, render, report. */

import { msg } from "../shared/messages.js";
import { sanitizeAnnotateResult } from "../shared/api-response.js";
import { hostAndPath } from "../shared/host-match.js";
import { pageKey } from "../shared/urls.js";
import { ownMutation } from "./watch.js";

/** Automatic annotation waits for at least this much article text. */
export const MIN_AUTO_CHARS = 140;

/**
 * @typedef {"idle" | "status" | "waiting" | "sending" | "done" | "off" | "failed" | "empty"} Phase
 * @typedef {object} ControllerDeps
 * @property {Document} doc
 * @property {Window} win
 * @property {(message: object) => Promise<any>} send validated answer, or null
 * @property {(doc: Document) => import("./block-text.js").Block[]} extract
 * @property {typeof import("./render.js").renderAnnotations} render
 * @property {typeof import("./watch.js").waitForArticle} waitForArticle
 * @property {{quietMs: number, maxMs: number}} [timing]
 */

/** @param {ControllerDeps} deps */
export function createController({ doc, win, send, extract, render, waitForArticle, timing = { quietMs: 400, maxMs: 20_000 } }) {
  /** @type {{key: string, phase: Phase, token: number, undo: (() => void) | null}} */
  const state = { key: pageKey(win.location.href), phase: "idle", token: 0, undo: null };

  /** Forget the previous page: remove what we rendered, cancel what is in flight. */
  function reset(key) {
    const hadRendering = Boolean(state.undo);
    try {
      state.undo?.();
    } catch {
      // the page replaced the nodes we touched; nothing left to undo
    }
    Object.assign(state, { key, phase: "idle", token: state.token + 1, undo: null });
    return hadRendering;
  }

  /**
   * Annotate the current URL if it was not annotated yet. `auto` respects the privacy policy
   * (the background decides); `user` comes from the toolbar button.
   * @param {"auto" | "user"} trigger
   */
  async function run(trigger) {
    const url = win.location.href;
    const key = pageKey(url);
    if (key !== state.key) reset(key);
    const busy = state.phase === "status" || state.phase === "sending" || state.phase === "done";
    if (busy || (trigger === "auto" && state.phase !== "idle")) return;
    if (state.phase === "waiting") state.token += 1;
    const token = state.token;
    const stale = () => token !== state.token;
    const page = hostAndPath(url);
    if (!page) return;
    try {
      state.phase = "status";
      const status = await send(msg.pageStatus(url));
      if (stale()) return;
      if (trigger === "auto" && !status?.run) {
        state.phase = "off";
        return;
      }
      state.phase = "waiting";
      const minChars = () => (trigger === "user" ? 1 : MIN_AUTO_CHARS);
      const blocks = await waitForArticle(doc, win, () => extract(doc), { minChars, ...timing, cancelled: stale });
      if (stale()) return;
      if (!blocks) {
        state.phase = "empty";
        await send(msg.pageResult(url, "empty"));
        return;
      }
      state.phase = "sending";
      const answer = await send(msg.annotate(url, blocks.map((b) => b.text), trigger));
      if (stale()) return;
      if (!answer?.ok) {
        state.phase = "failed";
        await send(msg.pageResult(url, "error"));
        return;
      }
      const rendered = render(doc, blocks, sanitizeAnnotateResult(answer.result), {
        host: page.host,
        hideBanner: Boolean(status?.hideBanner),
        onHideBanner: (remember) => void send(msg.hideBanner(url, remember)),
        onReport: (slug) => void send(msg.openReport(slug)),
      });
      state.undo = rendered.undo;
      state.phase = "done";
      await send(msg.pageResult(url, "annotated", rendered.notes, rendered.outlet, rendered.names));
      if (trigger === "auto" && !stale()) follow(url, page.host, blocks, rendered, stale);
    } catch {
      if (!stale()) state.phase = "failed";
    }
  }

  /**
   * Annotate paragraphs added later to the same page (infinite scroll, live updates): one
   * debounced pass per burst of changes, sending only blocks not seen before.
   * @param {string} url
   * @param {string} host
   * @param {import("./block-text.js").Block[]} first
   * @param {{notes: number, names: string[], outlet: {name: string, category: string} | null, undo: () => void}} rendered
   * @param {() => boolean} stale
   */
  function follow(url, host, first, rendered, stale) {
    const seen = new Set(first.map((b) => b.element));
    const names = new Set(rendered.names);
    const undos = [rendered.undo];
    let timer = 0;
    let busy = false;
    let again = false;
    const observer = new win.MutationObserver((records) => {
      if (records.every(ownMutation)) return;
      win.clearTimeout(timer);
      timer = win.setTimeout(pass, timing.quietMs);
    });
    async function pass() {
      if (stale() || pageKey(win.location.href) !== pageKey(url)) return;
      if (busy) {
        again = true;
        return;
      }
      const fresh = extract(doc).filter((b) => !seen.has(b.element) && b.text.trim());
      if (!fresh.length) return;
      busy = true;
      for (const b of fresh) seen.add(b.element);
      try {
        const answer = await send(msg.annotate(url, fresh.map((b) => b.text), "auto"));
        if (stale() || !answer?.ok) return;
        const more = render(doc, fresh, sanitizeAnnotateResult(answer.result), { host, hideBanner: true, onHideBanner() {}, onReport: (slug) => void send(msg.openReport(slug)) });
        undos.push(more.undo);
        const before = names.size;
        for (const n of more.names) names.add(n);
        if (names.size > before) await send(msg.pageResult(url, "annotated", names.size + (rendered.outlet ? 1 : 0), rendered.outlet, [...names]));
      } catch {
        // a failed late pass leaves the new paragraphs as they are
      } finally {
        busy = false;
        if (again && !stale()) {
          again = false;
          void pass();
        }
      }
    }
    observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true });
    state.undo = () => {
      observer.disconnect();
      win.clearTimeout(timer);
      for (const undo of undos.reverse()) undo();
    };
  }

  return {
    run,
    /** The URL changed without a reload: clean up and annotate the new page once it is there. */
    navigated() {
      const key = pageKey(win.location.href);
      if (key === state.key) return;
      const url = win.location.href;
      if (reset(key) && hostAndPath(url)) void send(msg.pageResult(url, "reset"));
      void run("auto");
    },
    /** Current phase (for tests). */
    phase: () => state.phase,
  };
}
