import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { createRouter, USER_REQUEST_TTL_MS } from "../src/background/router.js";
import { decidePolicy } from "../src/background/page-policy.js";
import { DEFAULT_SETTINGS } from "../src/shared/settings.js";
import { msg } from "../src/shared/messages.js";
import { answerFor } from "./support/cards.js";

const ENTRIES = [{ host: "sputniknews.com", path_prefix: null, outlet: "sputnik" }];
const PROFILED = "https://sputniknews.com/20200126/x.html";
const OTHER = "https://example.org/story";
const tabSender = (url, tabId = 7) => ({ id: "ext", tab: { id: tabId }, url });
const popupSender = { id: "ext", url: "chrome-extension://ext/popup.html" };

let calls;
let settings;
let clock;

/** A router over in-memory fakes that records every API call and badge change. */
function makeRouter(overrides = {}) {
  const tabs = new Map();
  return createRouter({
    extensionId: "ext",
    extensionOrigin: "chrome-extension://ext/",
    loadSettings: async () => settings,
    getIndex: async () => ({ entries: ENTRIES, fetchedAt: 1, error: null }),
    postAnnotate: async (apiBase, payload) => {
      calls.api.push({ apiBase, payload });
      return answerFor(payload.blocks, [["Gevorg Mirzayan", ["gevorg-mirzayan"]]]);
    },
    uiLanguage: () => "tr-TR",
    badge: {
      showNotes: async (tabId, n) => calls.badge.push(["notes", tabId, n]),
      showTabError: async (tabId, m) => calls.badge.push(["error", tabId, m]),
      clearTab: async (tabId) => calls.badge.push(["clear", tabId]),
    },
    tabs: { get: async (id) => tabs.get(id) ?? null, update: async (id, change) => tabs.set(id, { ...tabs.get(id), ...change }) },
    setHostListed: async (list, host, present) => calls.lists.push([list, host, present]),
    sendToTab: async (tabId, message) => calls.toTab.push([tabId, message]),
    injectContentScript: async () => {},
    getTab: async () => ({ url: PROFILED }),
    openTab: async (url) => calls.opened.push(url),
    getURL: (p) => `chrome-extension://ext/${p}`,
    now: () => clock,
    ...overrides,
  });
}

beforeEach(() => {
  calls = { api: [], badge: [], lists: [], toTab: [], opened: [] };
  settings = { ...DEFAULT_SETTINGS };
  clock = 1_000_000;
});

test("policy: profiled hosts are sent, others not, unless the reader asks or opted in", () => {
  const base = { settings: DEFAULT_SETTINGS, entries: ENTRIES, trigger: "auto" };
  assert.deepEqual(decidePolicy({ ...base, url: PROFILED }), { send: true, reason: "profiled", entry: ENTRIES[0] });
  assert.equal(decidePolicy({ ...base, url: OTHER }).reason, "not-profiled");
  assert.equal(decidePolicy({ ...base, url: "https://deviantart.com/" }).send, false);
  assert.equal(decidePolicy({ ...base, url: OTHER, trigger: "user" }).send, true);
  assert.equal(decidePolicy({ ...base, url: OTHER, settings: { ...DEFAULT_SETTINGS, allSites: true } }).reason, "opt-in");
  assert.equal(decidePolicy({ ...base, url: PROFILED, settings: { ...DEFAULT_SETTINGS, autoAnnotate: false } }).reason, "auto-off");
  assert.equal(decidePolicy({ ...base, url: PROFILED, settings: { ...DEFAULT_SETTINGS, disabledSites: ["sputniknews.com"] } }).reason, "disabled");
  assert.equal(decidePolicy({ ...base, url: "chrome://extensions" }).reason, "not-http");
});

test("an unprofiled page is never sent to the API, whatever the content script asks", async () => {
  const route = makeRouter();
  const status = await route(msg.pageStatus(OTHER), tabSender(OTHER));
  assert.deepEqual(status, { type: "page-status-result", send: false, reason: "not-profiled", hideBanner: false });
  const refused = await route(msg.annotate(OTHER, ["Gevorg Mirzayan said"], "auto"), tabSender(OTHER));
  assert.equal(refused.ok, false);
  assert.equal(refused.error.kind, "refused");
  const forged = await route(msg.annotate(OTHER, ["Gevorg Mirzayan said"], "user"), tabSender(OTHER));
  assert.equal(forged.ok, false, "a user trigger needs a popup click first");
  assert.equal(calls.api.length, 0);
});

test("a profiled page is sent with URL, language and blocks only, and answers sanitised cards", async () => {
  const route = makeRouter();
  const answer = await route(msg.annotate(PROFILED, ["Political scientist Gevorg Mirzayan said"], "auto"), tabSender(PROFILED));
  assert.equal(answer.ok, true);
  assert.deepEqual(calls.api, [{ apiBase: "http://127.0.0.1:8000", payload: { url: PROFILED, lang: "tr", blocks: ["Political scientist Gevorg Mirzayan said"] } }]);
  assert.equal(answer.result.mentions[0].start, 20);
});

test("the popup button authorises one annotation of that tab, for a short while", async () => {
  const route = makeRouter();
  assert.deepEqual(await route(msg.popupAnnotate(7), popupSender), { type: "ack", ok: true });
  assert.deepEqual(calls.toTab, [[7, { type: "annotate-now" }]]);
  assert.equal((await route(msg.annotate(OTHER, ["text"], "user"), tabSender(OTHER))).ok, true);
  assert.equal((await route(msg.annotate(OTHER, ["text"], "user"), tabSender(OTHER))).ok, false, "used up");
  await route(msg.popupAnnotate(7), popupSender);
  clock += USER_REQUEST_TTL_MS + 1;
  assert.equal((await route(msg.annotate(OTHER, ["text"], "user"), tabSender(OTHER))).ok, false, "expired");
  assert.equal(calls.api.length, 1);
});

test("API failures set the error badge and reach the page as a typed failure", async () => {
  const route = makeRouter({
    postAnnotate: async () => {
      throw Object.assign(new Error("cannot reach the API"), { kind: "unreachable" });
    },
  });
  const answer = await route(msg.annotate(PROFILED, ["text"], "auto"), tabSender(PROFILED));
  assert.deepEqual(answer, { type: "annotate-result", ok: false, error: { kind: "unreachable", message: "cannot reach the API" } });
  assert.deepEqual(calls.badge, [["error", 7, "cannot reach the API"]]);
});

test("results set the badge count; hiding a banner for good is remembered per site", async () => {
  const route = makeRouter();
  await route(msg.pageResult(PROFILED, "annotated", 3, { name: "Sputnik", category: "State-controlled media" }, ["Gevorg Mirzayan"]), tabSender(PROFILED));
  await route(msg.hideBanner(PROFILED, true), tabSender(PROFILED));
  await route(msg.hideBanner(PROFILED, false), tabSender(PROFILED));
  assert.deepEqual(calls.badge, [["notes", 7, 3]]);
  assert.deepEqual(calls.lists, [["hiddenBanners", "sputniknews.com", true]]);
});

test("malformed messages and wrong senders get no answer", async () => {
  const route = makeRouter();
  assert.equal(await route({ type: "annotate", url: PROFILED }, tabSender(PROFILED)), null);
  assert.equal(await route(msg.pageStatus(PROFILED), { id: "other-extension", tab: { id: 1 } }), null);
  assert.equal(await route(msg.pageStatus(PROFILED), tabSender("https://evil.example/")), null, "origin must match the sender");
  assert.equal(await route(msg.popupAnnotate(7), tabSender(PROFILED)), null, "only our pages may press the button");
  assert.equal(await route(msg.popupAnnotate(7), { id: "ext", tab: { id: 3 }, url: "https://chrome-extension.example/" }), null);
  assert.equal(await route(msg.annotateNow(), popupSender), null);
  assert.equal(calls.toTab.length + calls.api.length, 0);
});

test("the popup state says why a page is or is not sent", async () => {
  const route = makeRouter({ getTab: async () => ({ url: OTHER }) });
  const state = await route(msg.popupState(7), popupSender);
  assert.equal(state.reason, "not-profiled");
  assert.equal(state.willSend, false);
  assert.equal(state.host, "example.org");
  assert.equal(state.index.count, 1);
});

test("report links open the extension's own report form", async () => {
  const route = makeRouter();
  await route(msg.openReport("gevorg-mirzayan"), tabSender(PROFILED));
  assert.deepEqual(calls.opened, ["chrome-extension://ext/report.html?entity=gevorg-mirzayan"]);
});
