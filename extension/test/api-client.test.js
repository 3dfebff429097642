import { test } from "node:test";
import assert from "node:assert/strict";
import { ApiError, postAnnotate, request } from "../src/shared/api-client.js";

/** A fetch that never answers until it is aborted. */
const hanging = (url, init) =>
  new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));

test("a slow API times out as a classified error", async () => {
  await assert.rejects(request("http://127.0.0.1:9/v1/index", {}, { fetchFn: hanging, timeoutMs: 30 }), (err) => err instanceof ApiError && err.kind === "timeout");
});

test("an unreachable API and HTTP errors are classified with the API's message", async () => {
  const refused = async () => {
    throw new TypeError("Failed to fetch");
  };
  await assert.rejects(postAnnotate("http://127.0.0.1:9", { url: "https://a.example/", lang: "en", blocks: [] }, { fetchFn: refused }), (err) => err.kind === "unreachable");
  const failing = async () => new Response(JSON.stringify({ error: { status: 422, message: "body.url: not an http(s) URL" } }), { status: 422 });
  await assert.rejects(postAnnotate("http://127.0.0.1:9", { url: "x", lang: "en", blocks: [] }, { fetchFn: failing }), (err) => err.kind === "http" && /422: body.url/.test(err.message));
});

test("annotate posts exactly the URL, the language and the blocks, without credentials", async () => {
  let seen;
  const ok = async (url, init) => {
    seen = { url, init };
    return new Response(JSON.stringify({ mentions: [], entities: {} }), { status: 200 });
  };
  await postAnnotate("http://127.0.0.1:8000", { url: "https://sputniknews.com/a", lang: "tr", blocks: ["One", "Two"] }, { fetchFn: ok });
  assert.equal(seen.url, "http://127.0.0.1:8000/v1/annotate");
  assert.equal(seen.init.method, "POST");
  assert.equal(seen.init.credentials, "omit");
  assert.deepEqual(JSON.parse(seen.init.body), { url: "https://sputniknews.com/a", lang: "tr", blocks: ["One", "Two"] });
});
