// Firefox's data-collection consent gates the opt-in to matching on the server.
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { ext, setExtensionApi } from "../src/shared/browser.js";

const TYPES = ["browsingActivity", "websiteContent"];
const manifest = { browser_specific_settings: { gecko: { data_collection_permissions: { required: ["none"], optional: TYPES } } } };

/** A Firefox-like API whose `permissions.contains` answers with `contains`. */
function firefox(contains) {
  const asked = [];
  const api = {
    runtime: { id: "x", getManifest: () => manifest, getBrowserInfo: async () => ({ name: "Firefox" }) },
    permissions: { contains: async (p) => (asked.push(p), contains()), request: async (p) => (asked.push(p), contains()) },
  };
  globalThis.browser = api;
  setExtensionApi(api);
  return asked;
}

afterEach(() => {
  delete globalThis.browser;
});

test("in Firefox the opt-in needs the data-collection permission", async () => {
  const asked = firefox(() => true);
  assert.equal(await ext.mayCollect(TYPES), true);
  assert.deepEqual(asked, [{ data_collection: TYPES }]);
  firefox(() => false);
  assert.equal(await ext.mayCollect(TYPES), false);
  assert.equal(await ext.askToCollect(TYPES), false);
});

test("a Firefox that cannot answer has not consented", async () => {
  firefox(() => {
    throw new Error("Type error for parameter permissions");
  });
  assert.equal(await ext.mayCollect(TYPES), false);
  assert.equal(await ext.askToCollect(TYPES), false);
});

test("a browser without such consent (Chromium) relies on the options switch alone", async () => {
  setExtensionApi({ runtime: { id: "x", getManifest: () => manifest } });
  assert.equal(await ext.mayCollect(TYPES), true);
});
