import { readFileSync } from "node:fs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { sanitizeAnnotateResult, sanitizeCard } from "../src/shared/api-response.js";
import { answerFor, mirzayan } from "./support/cards.js";

test("a card keeps what the UI shows and its http(s) source links", () => {
  const card = sanitizeCard(mirzayan);
  assert.equal(card.name, "Gevorg Mirzayan");
  assert.equal(card.note, "Teaches at a university run by the Russian government.");
  assert.equal(card.state_ties[0].hops[0].to_name, "Financial University under the Government of the Russian Federation");
  assert.equal(card.state_ties[0].hops[0].citations[0].url, "https://example.org/source-2");
  assert.equal(card.state_ties[0].hops[1].citations[0].url, "http://insecure.example/decree", "http: sources stay links");
  assert.equal(sanitizeCard({ citations: [{ url: "ftp://example.org/x" }] }).citations[0].url, null, "other schemes are dropped");
  assert.equal(card.affiliations[0].role, "Associate Professor");
});

test("hostile or malformed fields become empty values, not errors", () => {
  const citations = [{ url: "javascript:alert(1)", title: 5, archive_url: "https://user:pw@archive.example/x" }];
  const card = sanitizeCard({ name: { toString: () => "x" }, citations, state_ties: "no", sources: -3 });
  assert.equal(card.name, "");
  assert.deepEqual(card.citations, [{ url: null, title: "", publisher: "", published: "", archive_url: null }]);
  assert.deepEqual(card.state_ties, []);
  assert.equal(card.sources, 0);
});

test("mentions with bad offsets or unknown entities are dropped; several candidates mean ambiguous", () => {
  const raw = answerFor(["Gevorg Mirzayan met Cenk Başlamış"], [["Gevorg Mirzayan", ["gevorg-mirzayan"]]]);
  raw.mentions.push(
    { block: 0, start: 5, end: 2, entities: ["gevorg-mirzayan"] },
    { block: 0, start: 0, end: 4, entities: ["nobody"] },
    { block: "0", start: 0, end: 4, entities: ["gevorg-mirzayan"] },
    { block: 0, start: 20, end: 33, text: "Cenk Başlamış", entities: ["cenk-baslamis", "gevorg-mirzayan"], ambiguous: false },
  );
  const result = sanitizeAnnotateResult(raw);
  assert.equal(result.mentions.length, 2);
  assert.equal(result.mentions[1].ambiguous, true);
  assert.equal(result.outlet.category.label, "State-controlled media");
});

test("an answer that is not an annotate answer, or counts other units, is refused", () => {
  assert.throws(() => sanitizeAnnotateResult({ error: { status: 500 } }));
  assert.throws(() => sanitizeAnnotateResult(null));
  assert.throws(() => sanitizeAnnotateResult({ offset_unit: "codepoints", mentions: [], entities: {} }));
});

test("sanitising is idempotent: the background and the content script both check", () => {
  const once = sanitizeAnnotateResult(answerFor(["Gevorg Mirzayan"], [["Gevorg Mirzayan", ["gevorg-mirzayan"]]]));
  assert.deepEqual(sanitizeAnnotateResult(JSON.parse(JSON.stringify(once))), once);
  assert.equal(once.entities["gevorg-mirzayan"].note, "Teaches at a university run by the Russian government.");
  assert.equal(once.entities["gevorg-mirzayan"].state_ties[0].reaches, "Government of the Russian Federation");
});

test("a compact answer shows exactly what the server's whole cards show (vectors made by the server)", () => {
  const { answer, whole } = JSON.parse(readFileSync(new URL("./fixtures/annotate-vectors.json", import.meta.url), "utf8"));
  const result = sanitizeAnnotateResult(answer);
  assert.deepEqual(Object.keys(result.entities).sort(), Object.keys(whole).sort());
  for (const [slug, card] of Object.entries(whole)) assert.deepEqual(result.entities[slug], sanitizeCard(card), slug);
  assert.deepEqual(result.outlet, sanitizeCard(whole[answer.outlet]));
  assert.ok(result.entities["gevorg-mirzayan"].state_ties[0].hops.length >= 2);
  assert.deepEqual(sanitizeAnnotateResult(JSON.parse(JSON.stringify(result))), result, "idempotent");
});

test("keys a compact answer does not define resolve to nothing, not to inherited properties", () => {
  const { answer } = JSON.parse(readFileSync(new URL("./fixtures/annotate-vectors.json", import.meta.url), "utf8"));
  const hostile = structuredClone(answer);
  const card = hostile.entities[hostile.outlet];
  card.citations = ["__proto__", "constructor", "missing", 999999999];
  card.affiliations[0].organization = "toString";
  hostile.outlet = "constructor";
  const result = sanitizeAnnotateResult(hostile);
  assert.equal(result.outlet, null);
  assert.deepEqual(result.entities[answer.outlet].citations, []);
  assert.equal(result.entities[answer.outlet].affiliations[0].organization.name, "");
});
