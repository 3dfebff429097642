/** The typed union of messages between content script, popup and background, validated on receipt. */

import { arrayOf, bool, httpUrl, int, nullable, object, oneOf, optional, shape, str } from "./checks.js";

/** Article limits of `POST /v1/annotate`. */
export const MAX_BLOCKS = 500;
export const MAX_CHARS = 200_000;

/**
 * @typedef {{type: "page-status", url: string}} PageStatusMessage
 * @typedef {{type: "annotate", url: string, blocks: string[], trigger: "auto" | "user"}} AnnotateMessage
 * @typedef {{type: "page-result", url: string, state: "annotated" | "empty" | "error" | "reset",
 *   notes: number, outlet: {name: string, category: string} | null, names: string[]}} PageResultMessage
 * @typedef {{type: "hide-banner", url: string, remember: boolean}} HideBannerMessage
 * @typedef {{type: "popup-state", tabId: number}} PopupStateMessage
 * @typedef {{type: "popup-annotate", tabId: number}} PopupAnnotateMessage
 * @typedef {{type: "open-report", entity: string}} OpenReportMessage
 * @typedef {{type: "annotate-now"}} AnnotateNowMessage
 * @typedef {{type: "send-feedback", entity: string, revision: number | null, vote: "helpful" | "not_helpful",
 *   reasons: FeedbackReason[], text: string | null}} SendFeedbackMessage
 * @typedef {"outdated" | "wrong_person" | "source_dead" | "unfair_wording" | "other"} FeedbackReason
 * @typedef {PageStatusMessage | AnnotateMessage | PageResultMessage | HideBannerMessage
 *   | PopupStateMessage | PopupAnnotateMessage | OpenReportMessage | AnnotateNowMessage
 *   | SendFeedbackMessage} Message
 */

/** Why a page is (not) annotated, and where: on this device, or on the server (opt-in). */
export const REASONS = ["local", "server", "user", "disabled", "auto-off", "not-http"];

/** Why a card was not helpful: the reason tags of `POST /v1/feedback`. */
export const FEEDBACK_REASONS = Object.freeze(["outdated", "wrong_person", "source_dead", "unfair_wording", "other"]);
/** The longest text `POST /v1/feedback` takes. */
export const MAX_FEEDBACK_TEXT = 1000;

const slug = (v) => str(200)(v) && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(/** @type {string} */ (v));
const distinct = (list) => new Set(list).size === list.length;

const totalWithin = (max) => (blocks) => blocks.reduce((n, b) => n + b.length, 0) <= max;

/** @type {Record<Message["type"], import("./checks.js").Check>} */
const REQUESTS = {
  "page-status": shape({ type: str(), url: httpUrl }),
  annotate: (v) =>
    shape({
      type: str(),
      url: httpUrl,
      blocks: arrayOf(str(MAX_CHARS), MAX_BLOCKS),
      trigger: oneOf("auto", "user"),
    })(v) && totalWithin(MAX_CHARS)(/** @type {AnnotateMessage} */ (v).blocks),
  "page-result": shape({
    type: str(),
    url: httpUrl,
    state: oneOf("annotated", "empty", "error", "reset"),
    notes: int(0, 100_000),
    outlet: nullable(shape({ name: str(500), category: str(500) })),
    names: arrayOf(str(500), 500),
  }),
  "hide-banner": shape({ type: str(), url: httpUrl, remember: bool }),
  "popup-state": shape({ type: str(), tabId: int(0) }),
  "popup-annotate": shape({ type: str(), tabId: int(0) }),
  "open-report": shape({ type: str(), entity: slug }),
  "annotate-now": shape({ type: str() }),
  "send-feedback": (v) =>
    shape({
      type: str(),
      entity: slug,
      revision: nullable(int(1, 2 ** 31 - 1)),
      vote: oneOf("helpful", "not_helpful"),
      reasons: arrayOf(oneOf(...FEEDBACK_REASONS), FEEDBACK_REASONS.length),
      text: nullable((t) => str(MAX_FEEDBACK_TEXT)(t) && /\S/.test(/** @type {string} */ (t))),
    })(v) && distinct(/** @type {SendFeedbackMessage} */ (v).reasons),
};

/** @type {Record<string, import("./checks.js").Check>} */
const RESPONSES = {
  "page-status": shape({ type: oneOf("page-status-result"), run: bool, reason: oneOf(...REASONS), hideBanner: bool }),
  annotate: (v) =>
    shape({ type: oneOf("annotate-result"), ok: oneOf(true), result: object })(v) ||
    shape({
      type: oneOf("annotate-result"),
      ok: oneOf(false),
      error: shape({ kind: oneOf("unreachable", "timeout", "http", "invalid", "refused"), message: str(1000) }),
    })(v),
  "page-result": shape({ type: oneOf("ack") }),
  "hide-banner": shape({ type: oneOf("ack") }),
  "annotate-now": shape({ type: oneOf("ack") }),
  "open-report": shape({ type: oneOf("ack") }),
  "send-feedback": (v) =>
    shape({ type: oneOf("feedback-result"), ok: oneOf(true), revision: int(1) })(v) ||
    shape({ type: oneOf("feedback-result"), ok: oneOf(false), error: shape({ kind: oneOf("unreachable", "timeout", "http", "invalid"), message: str(1000) }) })(v),
  "popup-annotate": shape({ type: oneOf("ack"), ok: optional(bool) }),
  "popup-state": (v) => object(v) && /** @type {{type: unknown}} */ (v).type === "popup-state-result",
};

/**
 * Validate an incoming request; the result says which member of the union it is.
 * @param {unknown} value
 * @returns {{ok: true, message: Message} | {ok: false, error: string}}
 */
export function validateMessage(value) {
  if (!object(value)) return { ok: false, error: "message is not an object" };
  const type = /** @type {{type?: unknown}} */ (value).type;
  if (typeof type !== "string" || !Object.hasOwn(REQUESTS, type)) {
    return { ok: false, error: `unknown message type: ${String(type).slice(0, 40)}` };
  }
  if (!REQUESTS[/** @type {Message["type"]} */ (type)](value)) return { ok: false, error: `malformed ${type} message` };
  return { ok: true, message: /** @type {Message} */ (value) };
}

/**
 * Validate the answer to a request of type `requestType`; null when malformed.
 * @template T
 * @param {string} requestType
 * @param {unknown} value
 * @returns {T | null}
 */
export function validateResponse(requestType, value) {
  const check = RESPONSES[requestType];
  return check && check(value) ? /** @type {T} */ (value) : null;
}

/** Constructors, so call sites cannot misspell a field. */
export const msg = {
  /** @returns {PageStatusMessage} */
  pageStatus: (url) => ({ type: "page-status", url }),
  /** @returns {AnnotateMessage} */
  annotate: (url, blocks, trigger) => ({ type: "annotate", url, blocks, trigger }),
  /** @returns {PageResultMessage} */
  pageResult: (url, state, notes = 0, outlet = null, names = []) => ({ type: "page-result", url, state, notes, outlet, names }),
  /** @returns {HideBannerMessage} */
  hideBanner: (url, remember) => ({ type: "hide-banner", url, remember }),
  /** @returns {PopupStateMessage} */
  popupState: (tabId) => ({ type: "popup-state", tabId }),
  /** @returns {PopupAnnotateMessage} */
  popupAnnotate: (tabId) => ({ type: "popup-annotate", tabId }),
  /** @returns {OpenReportMessage} */
  openReport: (entity) => ({ type: "open-report", entity }),
  /** @returns {AnnotateNowMessage} */
  annotateNow: () => ({ type: "annotate-now" }),
  /** @returns {SendFeedbackMessage} */
  sendFeedback: (entity, revision, vote, reasons = [], text = null) => ({ type: "send-feedback", entity, revision, vote, reasons, text }),
};
