// Local matching: the kept name pack finds names; card buckets bring their cards without naming them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { installFakeExtension } from "./support/fake-ext.js";
import { bucketOf, cardScheme, cardsFor } from "../src/background/card-cache.js";
import { createLocalAnnotator, pageOutlet } from "../src/background/local-match.js";
import { names } from "../src/background/names-store.js";
import { createMatcher } from "../src/match/matcher.js";
import { sanitizeAnnotateResult } from "../src/shared/api-response.js";

const BASE = "http://127.0.0.1:8000";
const PACK = JSON.parse(readFileSync(new URL("./fixtures/match-pack.json", import.meta.url), "utf8"));
const sha = (slug) => createHash("sha256").update(slug).digest("hex");
const json = (status, body, etag) => new Response(status === 304 ? null : JSON.stringify(body), { status, headers: etag ? { ETag: etag } : {} });

/** A fake API over a few compact cards, split into buckets as api/cards/buckets.py does. */
function fakeApi(cards, { length = 1, version = 3 } = {}) {
  const seen = [];
  const state = { version };
  const fetchFn = async (url, init) => {
    seen.push({ url, headers: init.headers, body: init.body });
    const path = new URL(url).pathname;
    if (path === "/v1/cards") return json(200, { data_version: state.version, hash: "sha256", key: "slug", prefix_length: length, buckets: 16 ** length, entities: 9, smallest_bucket: 1, largest_bucket: 9 }, `"s${state.version}"`);
    const prefix = path.split("/").pop();
    const etag = `"b${prefix}"`;
    if (init.headers["If-None-Match"] === etag) return json(304, null, etag);
    const entities = Object.fromEntries(Object.entries(cards).filter(([slug]) => sha(slug).startsWith(prefix)));
    return json(200, { data_version: state.version, prefix, entities, organizations: { [`org-of-${prefix}`]: { name: "Org", kind: "university", country: "RU" } }, citations: { 1: { url: "https://example.org/1", title: "One", publisher: "P", accessed: "2026-01-01" } } }, etag);
  };
  return { fetchFn, seen, state };
}

const card = (slug, name) => ({ slug, type: "person", kind: "person", name, citations: [1], sources: 1, reviewed_at: "2026-11-25T17:00:00Z" });
const CARDS = { "gevorg-mirzayan": card("gevorg-mirzayan", "Gevorg Mirzayan"), "cenk-baslamis": card("cenk-baslamis", "Cenk Başlamış"), sputnik: { ...card("sputnik", "Sputnik"), type: "organization", kind: "outlet" } };

test("an entity's bucket is the start of SHA-256 of its slug, as the server hashes it", async () => {
  for (const slug of ["gevorg-mirzayan", "sputnik", "e2e-şehir"]) {
    for (const length of [1, 2, 3, 4]) assert.equal(await bucketOf(slug, length), sha(slug).slice(0, length));
  }
});

test("cards come by bucket, kept until the data version moves, then revalidated", async () => {
  installFakeExtension();
  const api = fakeApi(CARDS);
  const first = await cardsFor(BASE, "en", ["gevorg-mirzayan", "cenk-baslamis"], { fetchFn: api.fetchFn });
  assert.deepEqual(Object.keys(first.entities).sort(), ["cenk-baslamis", "gevorg-mirzayan"]);
  assert.ok(first.citations[1], "the buckets' citations come along");
  const paths = api.seen.map((r) => new URL(r.url).pathname + new URL(r.url).search);
  const buckets = [...new Set([sha("gevorg-mirzayan")[0], sha("cenk-baslamis")[0]])].sort();
  assert.deepEqual(paths, ["/v1/cards", ...buckets.map((p) => `/v1/cards/bucket/${p}?lang=en`)]);
  for (const request of api.seen) {
    assert.doesNotMatch(request.url, /mirzayan|baslamis/, "no slug in any request");
    assert.equal(request.body, undefined);
  }

  await cardsFor(BASE, "en", ["gevorg-mirzayan"], { fetchFn: api.fetchFn });
  assert.equal(api.seen.length, paths.length, "a kept bucket of the current version is not asked for again");

  api.state.version = 4;
  await cardScheme.refresh(BASE, { fetchFn: api.fetchFn });
  const again = await cardsFor(BASE, "en", ["gevorg-mirzayan"], { fetchFn: api.fetchFn });
  const last = api.seen.at(-1);
  assert.equal(last.headers["If-None-Match"], `"b${sha("gevorg-mirzayan")[0]}"`);
  assert.deepEqual(again.entities["gevorg-mirzayan"], CARDS["gevorg-mirzayan"], "a 304 keeps the cards");
});

test("a page is annotated locally: the pack's mentions, the outlet from the index, bucket cards", async () => {
  const asked = [];
  const annotate = createLocalAnnotator({
    localMatcher: async () => ({ matcher: createMatcher(PACK), dataVersion: 0 }),
    cardsFor: async (apiBase, lang, slugs) => {
      asked.push({ apiBase, lang, slugs });
      return { entities: Object.fromEntries(slugs.filter((s) => CARDS[s]).map((s) => [s, CARDS[s]])), organizations: {}, citations: { 1: { url: "https://example.org/1", title: "One", publisher: "P", accessed: "2026-01-01" } } };
    },
  });
  const blocks = ["Political scientist Gevorg Mirzayan told Sputnik that talks go on.", "Mirzayan added nothing."];
  const outlet = pageOutlet({ host: "sputniknews.com", path_prefix: null, outlet: "sputnik" }, "https://tr.sputniknews.com/a.html");
  assert.deepEqual(outlet, { slug: "sputnik", match: { host: "sputniknews.com", path_prefix: null, rule: "parent_host" } });
  const raw = await annotate(BASE, { blocks, outlet, lang: "tr" });
  assert.deepEqual(raw.outlet_match, outlet.match);
  assert.deepEqual(raw.mentions.map((m) => m.rule), ["name", "cited_outlet", "surname"]);
  assert.deepEqual(asked, [{ apiBase: BASE, lang: "tr", slugs: ["sputnik", "gevorg-mirzayan"] }]);
  const result = sanitizeAnnotateResult(raw);
  assert.equal(result.outlet?.name, "Sputnik");
  assert.deepEqual(
    result.mentions.map((m) => [m.block, m.start, m.end, m.text, m.entities, m.match]),
    [
      [0, 20, 35, "Gevorg Mirzayan", ["gevorg-mirzayan"], "name"],
      [0, 41, 48, "Sputnik", ["sputnik"], "name"],
      [1, 0, 8, "Mirzayan", ["gevorg-mirzayan"], "surname"],
    ],
  );
  assert.equal(result.entities["gevorg-mirzayan"].citations[0].url, "https://example.org/1");

  asked.length = 0;
  const none = await annotate(BASE, { blocks: ["Nobody profiled is named here."], outlet: null, lang: "en" });
  assert.deepEqual(none.mentions, []);
  assert.deepEqual(asked, [{ apiBase: BASE, lang: "en", slugs: [] }]);
});

test("the name pack is kept with its ETag; a malformed pack is refused", async () => {
  installFakeExtension();
  const seen = [];
  const answers = [json(200, PACK, '"p0"'), json(304, null, '"p0"'), json(200, { format: 99 }, '"p1"')];
  const fetchFn = async (url, init) => (seen.push({ url, headers: init.headers }), answers.shift());
  const first = await names.refresh(BASE, { fetchFn });
  assert.equal(first.pack.slugs.length, PACK.slugs.length);
  assert.equal(seen[0].url, `${BASE}/v1/names`);
  await names.refresh(BASE, { fetchFn });
  assert.equal(seen[1].headers["If-None-Match"], '"p0"');
  const bad = await names.refresh(BASE, { fetchFn });
  assert.match(bad.error, /format 2/);
  assert.equal(bad.pack.slugs.length, PACK.slugs.length, "the good pack is kept");
});
