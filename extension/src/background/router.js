/** Answer validated messages from content scripts and the popup. */

import { validateMessage } from "../shared/messages.js";
import { hostAndPath, siteListed } from "../shared/host-match.js";
import { primaryLanguage } from "../shared/lang.js";
import { sanitizeAnnotateResult } from "../shared/api-response.js";
import { decidePolicy } from "./page-policy.js";
import { pageOutlet } from "./local-match.js";

/** How long a popup click authorises one annotation of that tab. */
export const USER_REQUEST_TTL_MS = 120_000;

/**
 * @typedef {object} RouterDeps
 * @property {string} extensionId
 * @property {string} extensionOrigin e.g. "chrome-extension://abc/"
 * @property {() => Promise<import("../shared/settings.js").Settings>} loadSettings
 * @property {(apiBase: string) => Promise<{entries: any[], fetchedAt: number, error: string | null} | null>} getIndex
 * @property {(apiBase: string, payload: {url: string, lang: string, blocks: string[]}) => Promise<unknown>} postAnnotate
 *   only with the reader's opt-in to matching on the server
 * @property {(apiBase: string, article: {blocks: string[], outlet: import("./local-match.js").PageOutlet | null, lang: string}) => Promise<unknown>} matchLocally
 *   the default: matches on this device, fetches only card buckets
 * @property {() => Promise<boolean>} mayCollect whether the browser's data-collection consent
 *   (Firefox) allows sending page address and text
 * @property {(apiBase: string, payload: {entity: string, revision?: number, vote: string, reasons: string[], text?: string}) => Promise<unknown>} postFeedback
 * @property {() => string} uiLanguage
 * @property {{showNotes: Function, showTabError: Function, clearTab: Function}} badge
 * @property {{get: (tabId: number) => Promise<any>, update: (tabId: number, change: object) => Promise<any>}} tabs
 * @property {(list: "hiddenBanners" | "disabledSites", host: string, present: boolean) => Promise<unknown>} setHostListed
 * @property {(tabId: number, message: object) => Promise<unknown>} sendToTab
 * @property {(tabId: number) => Promise<unknown>} injectContentScript
 * @property {(tabId: number) => Promise<{url?: string} | undefined>} getTab
 * @property {(url: string) => Promise<unknown>} openTab
 * @property {(path: string) => string} getURL
 * @property {() => number} [now]
 */

const ACK = Object.freeze({ type: "ack" });

/** Same origin, or false when either URL is unparsable. */
function sameOrigin(a, b) {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** @param {RouterDeps} deps */
export function createRouter(deps) {
  const now = deps.now ?? Date.now;

  /** Entries of the stored index for the current API base. */
  async function entriesFor(settings) {
    return (await deps.getIndex(settings.apiBase))?.entries ?? [];
  }

  /** A content-script message must come from our extension, a tab, and that tab's page origin. */
  function fromContent(sender, url) {
    return Boolean(sender && sender.id === deps.extensionId && sender.tab && Number.isInteger(sender.tab.id) && (!sender.url || sameOrigin(sender.url, url)));
  }

  /** A popup message must come from one of our own extension pages (never from a web page). */
  function fromPopup(sender) {
    return Boolean(sender && sender.id === deps.extensionId && typeof sender.url === "string" && sender.url.startsWith(deps.extensionOrigin));
  }

  /** True (once) when the reader clicked "Annotate this page" for this tab recently. */
  async function consumeUserRequest(tabId) {
    const summary = await deps.tabs.get(tabId);
    const at = summary?.userRequestedAt ?? 0;
    if (now() - at > USER_REQUEST_TTL_MS) return false;
    await deps.tabs.update(tabId, { userRequestedAt: 0 });
    return true;
  }

  const handlers = {
    /** @param {import("../shared/messages.js").PageStatusMessage} m */
    async "page-status"(m, sender) {
      if (!fromContent(sender, m.url)) return null;
      const settings = await deps.loadSettings();
      const policy = decidePolicy({ url: m.url, trigger: "auto", settings, entries: await entriesFor(settings) });
      await deps.tabs.update(sender.tab.id, { url: m.url, reason: policy.reason });
      return { type: "page-status-result", run: policy.run, reason: policy.reason, hideBanner: siteListed(settings.hiddenBanners, m.url) };
    },

    /** @param {import("../shared/messages.js").AnnotateMessage} m */
    async annotate(m, sender) {
      if (!fromContent(sender, m.url)) return null;
      const tabId = sender.tab.id;
      const settings = await deps.loadSettings();
      const trigger = m.trigger === "user" && (await consumeUserRequest(tabId)) ? "user" : "auto";
      const policy = decidePolicy({ url: m.url, trigger, settings, entries: await entriesFor(settings) });
      if (!policy.run) {
        return { type: "annotate-result", ok: false, error: { kind: "refused", message: `not annotated: ${policy.reason}` } };
      }
      const remote = policy.remote && (await deps.mayCollect());
      await deps.tabs.update(tabId, { url: m.url, state: remote ? "sending" : "matching", reason: policy.reason, error: null });
      const lang = primaryLanguage(deps.uiLanguage());
      try {
        const raw = remote
          ? await deps.postAnnotate(settings.apiBase, { url: m.url, lang, blocks: m.blocks })
          : await deps.matchLocally(settings.apiBase, { blocks: m.blocks, outlet: pageOutlet(policy.entry, m.url), lang });
        return { type: "annotate-result", ok: true, result: sanitizeAnnotateResult(raw, settings.apiBase) };
      } catch (err) {
        const kind = err && typeof err.kind === "string" ? err.kind : "invalid";
        const message = (err instanceof Error ? err.message : "unexpected answer").slice(0, 300);
        await deps.tabs.update(tabId, { state: "error", error: message, notes: 0 });
        await deps.badge.showTabError(tabId, message);
        return { type: "annotate-result", ok: false, error: { kind, message } };
      }
    },

    /** @param {import("../shared/messages.js").PageResultMessage} m */
    async "page-result"(m, sender) {
      if (!fromContent(sender, m.url)) return null;
      const tabId = sender.tab.id;
      const { url, state, notes, outlet, names } = m;
      if (state === "error") {
        await deps.tabs.update(tabId, { url, state, notes: 0 });
        return ACK;
      }
      await deps.tabs.update(tabId, { url, state, notes, outlet, names, error: null });
      if (state === "annotated") await deps.badge.showNotes(tabId, notes);
      else await deps.badge.clearTab(tabId);
      return ACK;
    },

    /** @param {import("../shared/messages.js").HideBannerMessage} m */
    async "hide-banner"(m, sender) {
      if (!fromContent(sender, m.url)) return null;
      const page = hostAndPath(m.url);
      if (m.remember && page) await deps.setHostListed("hiddenBanners", page.host, true);
      return ACK;
    },

    /** @param {import("../shared/messages.js").OpenReportMessage} m */
    async "open-report"(m, sender) {
      if (!sender || sender.id !== deps.extensionId || !sender.tab) return null;
      await deps.openTab(deps.getURL(`report.html?entity=${encodeURIComponent(m.entity)}`));
      return ACK;
    },

    /**
     * Send a reader's feedback on a card: only the profile, its revision, the vote, the reasons
     * and the words typed; never the page address or the tab.
     * @param {import("../shared/messages.js").SendFeedbackMessage} m
     */
    async "send-feedback"(m, sender) {
      if (!sender || sender.id !== deps.extensionId || !sender.tab) return null;
      const settings = await deps.loadSettings();
      const payload = { entity: m.entity, vote: m.vote, reasons: m.reasons };
      if (m.revision !== null) payload.revision = m.revision;
      if (m.text !== null) payload.text = m.text;
      try {
        const receipt = /** @type {{revision?: unknown} | null} */ (await deps.postFeedback(settings.apiBase, payload));
        const revision = receipt?.revision;
        if (!Number.isInteger(revision) || /** @type {number} */ (revision) < 1) {
          return { type: "feedback-result", ok: false, error: { kind: "invalid", message: "the API's answer names no revision" } };
        }
        return { type: "feedback-result", ok: true, revision };
      } catch (err) {
        const kind = err && ["unreachable", "timeout", "http"].includes(err.kind) ? err.kind : "invalid";
        const message = (err instanceof Error ? err.message : "unexpected answer").slice(0, 300);
        return { type: "feedback-result", ok: false, error: { kind, message } };
      }
    },

    /** @param {import("../shared/messages.js").PopupStateMessage} m */
    async "popup-state"(m, sender) {
      if (!fromPopup(sender)) return null;
      const settings = await deps.loadSettings();
      const index = await deps.getIndex(settings.apiBase);
      const tab = await deps.getTab(m.tabId).catch(() => undefined);
      const url = tab?.url ?? "";
      const policy = decidePolicy({ url, trigger: "auto", settings, entries: index?.entries ?? [] });
      const summary = await deps.tabs.get(m.tabId);
      return {
        type: "popup-state-result",
        url,
        host: hostAndPath(url)?.host ?? null,
        reason: policy.reason,
        willRun: policy.run,
        remote: policy.remote,
        siteDisabled: siteListed(settings.disabledSites, url),
        apiBase: settings.apiBase,
        index: { count: index?.entries.length ?? 0, fetchedAt: index?.fetchedAt ?? 0, error: index?.error ?? null },
        summary: summary && summary.url === url ? summary : null,
      };
    },

    /** @param {import("../shared/messages.js").PopupAnnotateMessage} m */
    async "popup-annotate"(m, sender) {
      if (!fromPopup(sender)) return null;
      await deps.tabs.update(m.tabId, { userRequestedAt: now() });
      const ask = () => deps.sendToTab(m.tabId, { type: "annotate-now" });
      try {
        await ask();
      } catch {
        try {
          await deps.injectContentScript(m.tabId);
          await ask();
        } catch {
          return { type: "ack", ok: false };
        }
      }
      return { type: "ack", ok: true };
    },
  };

  /** Validate, then dispatch; anything malformed or misdirected is answered with null. */
  return async function handle(raw, sender) {
    const checked = validateMessage(raw);
    if (!checked.ok) return null;
    const handler = handlers[checked.message.type];
    return handler ? handler(checked.message, sender) : null;
  };
}
