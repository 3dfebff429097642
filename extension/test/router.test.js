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
    matchLocally: async (apiBase, article) => {
      calls.local.push({ apiBase, article });
      return answerFor(article.blocks, [["Gevorg Mirzayan", ["gevorg-mirzayan"]]]);
    },
    mayCollect: async () => true,
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
  calls = { api: [], local: [], badge: [], lists: [], toTab: [], opened: [] };
  settings = { ...DEFAULT_SETTINGS };
  clock = 1_000_000;
});

test("policy: every http(s) page is annotated on this device; only the opt-in sends it", () => {
  const base = { settings: DEFAULT_SETTINGS, entries: ENTRIES, trigger: "auto" };
  assert.deepEqual(decidePolicy({ ...base, url: PROFILED }), { run: true, remote: false, reason: "local", entry: ENTRIES[0] });
  assert.deepEqual(decidePolicy({ ...base, url: OTHER }), { run: true, remote: false, reason: "local", entry: null });
  assert.equal(decidePolicy({ ...base, url: "https://deviantart.com/" }).remote, false);
  const optIn = { ...DEFAULT_SETTINGS, serverMatching: true };
  assert.deepEqual(decidePolicy({ ...base, url: OTHER, settings: optIn }), { run: true, remote: true, reason: "server", entry: null });
  assert.equal(decidePolicy({ ...base, url: PROFILED, settings: { ...DEFAULT_SETTINGS, autoAnnotate: false } }).reason, "auto-off");
  assert.deepEqual(decidePolicy({ ...base, url: OTHER, settings: { ...DEFAULT_SETTINGS, autoAnnotate: false }, trigger: "user" }), { run: true, remote: false, reason: "user", entry: null });
  assert.equal(decidePolicy({ ...base, url: PROFILED, settings: { ...DEFAULT_SETTINGS, disabledSites: ["sputniknews.com"] } }).reason, "disabled");
  assert.equal(decidePolicy({ ...base, url: "chrome://extensions" }).reason, "not-http");
});

test("by default a page is matched on this device: its URL and text never reach the API", async () => {
  const route = makeRouter();
  const status = await route(msg.pageStatus(OTHER), tabSender(OTHER));
  assert.deepEqual(status, { type: "page-status-result", run: true, reason: "local", hideBanner: false });
  const answer = await route(msg.annotate(PROFILED, ["Political scientist Gevorg Mirzayan said"], "auto"), tabSender(PROFILED));
  assert.equal(answer.ok, true);
  assert.equal(calls.api.length, 0);
  assert.deepEqual(calls.local, [{ apiBase: "http://127.0.0.1:8000", article: { blocks: ["Political scientist Gevorg Mirzayan said"], outlet: { slug: "sputnik", match: { host: "sputniknews.com", path_prefix: null, rule: "host" } }, lang: "tr" } }]);
  assert.equal(answer.result.mentions[0].start, 20);
  await route(msg.annotate(OTHER, ["Gevorg Mirzayan said"], "auto"), tabSender(OTHER));
  assert.equal(calls.local[1].article.outlet, null, "no outlet off the index");
});

test("with automatic notes off nothing runs, whatever the content script asks", async () => {
  settings = { ...DEFAULT_SETTINGS, autoAnnotate: false };
  const route = makeRouter();
  const refused = await route(msg.annotate(OTHER, ["Gevorg Mirzayan said"], "auto"), tabSender(OTHER));
  assert.equal(refused.ok, false);
  assert.equal(refused.error.kind, "refused");
  const forged = await route(msg.annotate(OTHER, ["Gevorg Mirzayan said"], "user"), tabSender(OTHER));
  assert.equal(forged.ok, false, "a user trigger needs a popup click first");
  assert.equal(calls.api.length + calls.local.length, 0);
});

test("with the opt-in, a page is sent with URL, language and blocks only", async () => {
  settings = { ...DEFAULT_SETTINGS, serverMatching: true };
  const route = makeRouter();
  const answer = await route(msg.annotate(PROFILED, ["Political scientist Gevorg Mirzayan said"], "auto"), tabSender(PROFILED));
  assert.equal(answer.ok, true);
  assert.deepEqual(calls.api, [{ apiBase: "http://127.0.0.1:8000", payload: { url: PROFILED, lang: "tr", blocks: ["Political scientist Gevorg Mirzayan said"] } }]);
  assert.equal(calls.local.length, 0);
});

test("without the browser's data-collection consent the opt-in still sends nothing", async () => {
  settings = { ...DEFAULT_SETTINGS, serverMatching: true };
  const route = makeRouter({ mayCollect: async () => false });
  assert.equal((await route(msg.annotate(PROFILED, ["Gevorg Mirzayan said"], "auto"), tabSender(PROFILED))).ok, true);
  assert.equal(calls.api.length, 0);
  assert.equal(calls.local.length, 1);
});

test("the popup button authorises one annotation of that tab, for a short while", async () => {
  settings = { ...DEFAULT_SETTINGS, autoAnnotate: false };
  const route = makeRouter();
  assert.deepEqual(await route(msg.popupAnnotate(7), popupSender), { type: "ack", ok: true });
  assert.deepEqual(calls.toTab, [[7, { type: "annotate-now" }]]);
  assert.equal((await route(msg.annotate(OTHER, ["text"], "user"), tabSender(OTHER))).ok, true);
  assert.equal((await route(msg.annotate(OTHER, ["text"], "user"), tabSender(OTHER))).ok, false, "used up");
  await route(msg.popupAnnotate(7), popupSender);
  clock += USER_REQUEST_TTL_MS + 1;
  assert.equal((await route(msg.annotate(OTHER, ["text"], "user"), tabSender(OTHER))).ok, false, "expired");
  assert.equal(calls.local.length, 1);
  assert.equal(calls.api.length, 0);
});

test("API failures set the error badge and reach the page as a typed failure", async () => {
  const route = makeRouter({
    matchLocally: async () => {
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

test("the popup state says whether and where a page is annotated", async () => {
  const route = makeRouter({ getTab: async () => ({ url: OTHER }) });
  const state = await route(msg.popupState(7), popupSender);
  assert.equal(state.reason, "local");
  assert.equal(state.willRun, true);
  assert.equal(state.remote, false);
  assert.equal(state.host, "example.org");
  assert.equal(state.index.count, 1);
});

test("report links open the extension's own report form", async () => {
  const route = makeRouter();
  await route(msg.openReport("gevorg-mirzayan"), tabSender(PROFILED));
  assert.deepEqual(calls.opened, ["chrome-extension://ext/report.html?entity=gevorg-mirzayan"]);
});
