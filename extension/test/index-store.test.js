import { test } from "node:test";
import assert from "node:assert/strict";
import { installFakeExtension } from "./support/fake-ext.js";
import { getStoredIndex, refreshIndex } from "../src/background/index-store.js";

const BASE = "http://127.0.0.1:8000";
const BODY = { data_version: 12, domains: [{ host: "sputniknews.com", path_prefix: null, outlet: "sputnik" }] };

/** A fake fetch that answers from a queue and records request headers. */
function fakeFetch(answers) {
  const seen = [];
  const fn = async (url, init) => {
    seen.push({ url, headers: init.headers });
    const next = answers.shift();
    if (next instanceof Error) throw next;
    return next;
  };
  return { fn, seen };
}
const json = (status, body, etag) => new Response(status === 304 ? null : JSON.stringify(body), { status, headers: etag ? { ETag: etag } : {} });

test("the index is stored with its ETag and revalidated with If-None-Match", async () => {
  installFakeExtension();
  const { fn, seen } = fakeFetch([json(200, BODY, '"v12"'), json(304, null, '"v12"')]);
  const first = await refreshIndex(BASE, { fetchFn: fn, now: () => 100 });
  assert.deepEqual(first.entries, BODY.domains);
  assert.equal(first.etag, '"v12"');
  assert.equal(seen[0].url, `${BASE}/v1/index`);
  assert.equal(seen[0].headers["If-None-Match"], undefined);
  const second = await refreshIndex(BASE, { fetchFn: fn, now: () => 200 });
  assert.equal(seen[1].headers["If-None-Match"], '"v12"');
  assert.deepEqual(second.entries, BODY.domains, "304 keeps the stored entries");
  assert.equal(second.fetchedAt, 200);
});

test("a failed refresh keeps the old entries and records the error", async () => {
  installFakeExtension();
  const { fn } = fakeFetch([json(200, BODY, '"v12"'), new TypeError("Failed to fetch"), json(500, { error: { message: "boom" } })]);
  await refreshIndex(BASE, { fetchFn: fn });
  const down = await refreshIndex(BASE, { fetchFn: fn });
  assert.match(down.error, /cannot reach the API/);
  assert.deepEqual(down.entries, BODY.domains);
  const broken = await refreshIndex(BASE, { fetchFn: fn });
  assert.match(broken.error, /HTTP 500: boom/);
});

test("a malformed index is refused and an index for another API base is ignored", async () => {
  installFakeExtension();
  const { fn } = fakeFetch([json(200, { domains: [{ host: 5 }] }, '"x"'), json(200, BODY, '"v12"')]);
  const bad = await refreshIndex(BASE, { fetchFn: fn });
  assert.deepEqual(bad.entries, []);
  assert.match(bad.error, /malformed/);
  await refreshIndex(BASE, { fetchFn: fn });
  assert.equal(await getStoredIndex("https://other.example"), null);
  assert.equal((await getStoredIndex(BASE)).entries.length, 1);
});
