import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { makeDom } from "./support/dom.js";
import { sanitizeCard } from "../src/shared/api-response.js";
import { entityBody } from "../src/content/ui/card.js";
import { createBanner } from "../src/content/ui/banner.js";
import { designationText } from "../src/content/ui/designations.js";
import { distinctCitations } from "../src/content/ui/links.js";

// Written by tests/designations/test_designations.py from the real API answer for the shipped data.
const raw = JSON.parse(readFileSync(new URL("./fixtures/designation-card.json", import.meta.url), "utf8"));

test("a designation keeps its scheme, words, state and sources through sanitising", () => {
  const card = sanitizeCard(raw);
  assert.equal(card.category, null);
  assert.equal(card.designations.length, 1);
  const [d] = card.designations;
  assert.equal(d.scheme_name, "VIGINUM (France)");
  assert.equal(d.attributed_to, "RU");
  assert.ok(d.citations.every((c) => c.url && c.url.startsWith("https://")));
  assert.match(designationText(d), /^Part of a network of sites that VIGINUM attributes .* — attributed to Russia \(/);
  assert.ok(distinctCitations(card).some((c) => c.url === d.citations[0].url));
});

test("the card shows the designation with its scheme as a pill apart from SMM categories, and its source", () => {
  const { document } = makeDom("<!doctype html><body></body>");
  const card = sanitizeCard(raw);
  const body = document.createElement("div");
  body.append(...entityBody(document, card, () => {}).filter(Boolean));
  const line = body.querySelector(".designation");
  assert.ok(line, "a designation line");
  assert.equal(line.querySelector(".pill.scheme").textContent, "VIGINUM (France)");
  assert.equal(line.getAttribute("title"), card.designations[0].authority);
  assert.match(line.textContent, /attributed to Russia/);
  const links = [...line.querySelectorAll("a")].map((a) => a.getAttribute("href"));
  assert.deepEqual(links, card.designations[0].citations.map((c) => c.url));
});

test("the outlet banner names the designation too", () => {
  const { document } = makeDom("<!doctype html><body></body>");
  const banner = createBanner(document, { outlet: sanitizeCard(raw), host: "pravda-fr.com", onHide: () => {}, onReport: () => {} });
  assert.match(banner.shadowRoot.textContent, /Pravda network/);
  assert.match(banner.shadowRoot.querySelector(".designation").textContent, /^VIGINUM \(France\) Part of a network/);
});
