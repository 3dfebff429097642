import { test } from "node:test";
import assert from "node:assert/strict";
import { primaryLanguage } from "../src/shared/lang.js";
import { DEFAULT_SETTINGS, normalizeSettings, setHostListed, loadSettings } from "../src/shared/settings.js";
import { normalizeApiBase, pageKey, safeHttpsUrl } from "../src/shared/urls.js";
import { apiBaseChanged } from "../src/background/refresh.js";
import { installFakeExtension } from "./support/fake-ext.js";

test("reader notes are asked for in the browser's primary language", () => {
  assert.equal(primaryLanguage("tr-TR"), "tr");
  assert.equal(primaryLanguage("pt_BR"), "pt");
  assert.equal(primaryLanguage("EN"), "en");
  assert.equal(primaryLanguage(""), "en");
  assert.equal(primaryLanguage(undefined), "en");
});

test("settings fill defaults and drop malformed values", () => {
  assert.deepEqual(normalizeSettings(undefined), { ...DEFAULT_SETTINGS });
  const s = normalizeSettings({ apiBase: "javascript:alert(1)", autoAnnotate: "no", serverMatching: "yes", allSites: true, disabledSites: ["WWW.Example.org", 3, "example.org"] });
  assert.equal(s.apiBase, "http://127.0.0.1:8000");
  assert.equal(s.autoAnnotate, true);
  assert.equal(s.serverMatching, false, "only true itself opts in to sending text");
  assert.equal("allSites" in s, false, "the old every-site opt-in is gone");
  assert.deepEqual(s.disabledSites, ["example.org"]);
});

test("per-site lists are stored normalised", async () => {
  installFakeExtension();
  await setHostListed("disabledSites", "www.rt.com", true);
  assert.deepEqual((await loadSettings()).disabledSites, ["rt.com"]);
  await setHostListed("disabledSites", "rt.com", false);
  assert.deepEqual((await loadSettings()).disabledSites, []);
});

test("URL guards: https-only sources, a clean API base, one key per page", () => {
  assert.equal(safeHttpsUrl("https://example.org/a"), "https://example.org/a");
  assert.equal(safeHttpsUrl("http://example.org/a"), null);
  assert.equal(safeHttpsUrl("javascript:alert(1)"), null);
  assert.equal(safeHttpsUrl(42), null);
  assert.equal(normalizeApiBase(" https://api.example.org/ "), "https://api.example.org");
  assert.equal(normalizeApiBase("http://127.0.0.1:8000/base/"), "http://127.0.0.1:8000/base");
  assert.equal(normalizeApiBase("https://api.example.org/?x=1"), null);
  assert.equal(normalizeApiBase("ftp://api.example.org"), null);
  assert.equal(pageKey("https://a.example/x#comments"), "https://a.example/x");
});

test("the index is refreshed when the API base changes, not on other setting changes", () => {
  const change = (a, b) => ({ settings: { oldValue: { apiBase: a }, newValue: { apiBase: b } } });
  assert.equal(apiBaseChanged(change("http://a", "http://b"), "local"), true);
  assert.equal(apiBaseChanged(change("http://a", "http://a"), "local"), false);
  assert.equal(apiBaseChanged(change("http://a", "http://b"), "sync"), false);
  assert.equal(apiBaseChanged({}, "local"), false);
});
