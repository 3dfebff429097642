import { readFileSync } from "node:fs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { fixturePage, makeDom } from "./support/dom.js";
import { answerFor, mirzayan } from "./support/cards.js";
import { extractBlocks } from "../src/content/extract.js";
import { renderAnnotations } from "../src/content/render.js";
import { sanitizeAnnotateResult, sanitizeCard } from "../src/shared/api-response.js";
import { direction, disputeMark, disputeWords, hostRuleWords, mentionRuleWords, reviewLine, revisionWords, whyDisclosure } from "../src/content/ui/why.js";

const API = "https://notes.example.org";
const reviewed = { revision: 4, status: "reviewed", reviewed_by: "rita", published_at: "2026-11-30T09:00:00Z", history: "/v1/entities/gevorg-mirzayan/history" };

test("each matching rule has its own words, quoting the text that matched", () => {
  assert.equal(mentionRuleWords({ rule: "name", text: "Gevorg Mirzayan" }), "“Gevorg Mirzayan” is the profile's name.");
  assert.match(mentionRuleWords({ rule: "alias", text: "RT" }), /one of the profile's aliases/);
  assert.match(mentionRuleWords({ rule: "surname", text: "Mirzayan" }), /surname of a person named in full earlier/);
  assert.match(mentionRuleWords({ rule: "cited_outlet", match: "alias", text: "RIA" }), /cited in the text \(by an alias\)/);
  // An answer without `rule` (an older server) still says why, from kind and match.
  assert.match(mentionRuleWords({ kind: "cited_outlet", match: "name", text: "Sputnik" }), /profiled outlet cited in the text\.$/);
  assert.match(mentionRuleWords({ kind: "person", match: "surname", text: "Mirzayan" }), /surname/);
  assert.equal(mentionRuleWords({ rule: "unknown" }), "");
});

test("the banner says which host rule put the page under the outlet", () => {
  assert.match(hostRuleWords({ host: "sputniknews.com", path_prefix: "", rule: "host" }), /on sputniknews\.com, a profiled host/);
  assert.match(hostRuleWords({ host: "rt.com", path_prefix: "", rule: "registrable_domain" }), /under rt\.com, a profiled domain/);
  assert.match(hostRuleWords({ host: "sputnikglobe.com", path_prefix: "/tr/", rule: "path_prefix" }), /under sputnikglobe\.com\/tr\/, a profiled section/);
  assert.equal(hostRuleWords(null), "");
});

test("last reviewed is the reviewer's publish date; a seeded profile says it is not reviewed yet", () => {
  const { document } = makeDom("<p></p>");
  const card = sanitizeCard({ ...mirzayan, reviewed_at: reviewed.published_at, review: reviewed }, API);
  assert.equal(reviewLine(document, card).textContent, "Last reviewed 30 Nov 2026");
  assert.equal(revisionWords(card.review), "Published revision 4, reviewed by rita on 30 Nov 2026.");
  const seeded = sanitizeCard({ ...mirzayan, reviewed_at: undefined, review: { ...reviewed, revision: 1, status: "seeded", reviewed_by: null, published_at: "2026-12-01T00:10:00Z" } }, API);
  assert.equal(reviewLine(document, seeded).textContent, "Seeded 1 Dec 2026, not yet reviewed");
  assert.match(revisionWords(seeded.review), /^Published revision 1, loaded from a seed or import file on 1 Dec 2026; no reviewer/);
  assert.equal(reviewLine(document, sanitizeCard(mirzayan)), null, "no review facts: no claim");
});

test("the disclosure is a real button that shows and hides its panel, with aria-expanded", () => {
  const { document } = makeDom("<p></p>");
  const card = sanitizeCard({ ...mirzayan, review: reviewed }, API);
  const [button, panel] = whyDisclosure(document, card, "“Gevorg Mirzayan” is the profile's name.", "pn-why-x");
  document.body.append(button, panel);
  assert.equal(button.tagName, "BUTTON");
  assert.equal(button.getAttribute("type"), "button");
  assert.equal(button.getAttribute("aria-controls"), "pn-why-x");
  assert.equal(panel.id, "pn-why-x");
  assert.equal(panel.hidden, true);
  button.click();
  assert.equal(panel.hidden, false);
  assert.equal(button.getAttribute("aria-expanded"), "true");
  const items = [...panel.querySelectorAll("li")].map((li) => li.textContent);
  assert.deepEqual(items, ["“Gevorg Mirzayan” is the profile's name.", "Published revision 4, reviewed by rita on 30 Nov 2026.", "Public history of this profile"]);
  assert.equal(panel.querySelector("a").href, `${API}/v1/entities/gevorg-mirzayan/history`);
  button.click();
  assert.equal(panel.hidden, true);
  assert.equal(button.getAttribute("aria-expanded"), "false");
});

test("the panel follows the note's direction: right to left for an Arabic note", () => {
  const { document } = makeDom("<p></p>");
  assert.equal(direction("ar"), "rtl");
  assert.equal(direction("fa-IR"), "rtl");
  assert.equal(direction("tr"), "ltr");
  assert.equal(direction(""), "auto");
  const card = sanitizeCard({ ...mirzayan, note: { lang: "ar", text: "نص" }, review: reviewed }, API);
  const [, panel] = whyDisclosure(document, card, "", "pn-why-ar");
  assert.equal(panel.getAttribute("dir"), "rtl");
  assert.equal(panel.getAttribute("lang"), "en", "the words themselves are English");
});

test("a relative history link without an API base, or a hostile one, renders no link", () => {
  assert.equal(sanitizeCard({ ...mirzayan, review: reviewed }).review.history, null);
  assert.equal(sanitizeCard({ ...mirzayan, review: { ...reviewed, history: "javascript:alert(1)" } }, API).review.history, null);
  assert.equal(sanitizeCard({ ...mirzayan, review: { ...reviewed, history: "//evil.example/x" } }, API).review.history, null);
});

test("the dispute mark says the subject disputes the note while a reply is open, then its outcome", () => {
  const { document } = makeDom("<p></p>");
  const withDispute = (dispute) => sanitizeCard({ ...mirzayan, dispute }, API);
  const open = disputeMark(document, withDispute({ status: "open", url: "/v1/entities/gevorg-mirzayan/replies" }));
  assert.equal(open.querySelector(".dispute-words").textContent, "The subject disputes this.");
  assert.equal(open.getAttribute("role"), "status");
  assert.equal(open.querySelector("a").href, `${API}/v1/entities/gevorg-mirzayan/replies`);
  assert.equal(disputeWords(withDispute({ status: "accepted", revision: 5 }).dispute), "The subject disputed this; the reply was accepted (revision 5).");
  assert.equal(disputeWords(withDispute({ status: "declined", reason: "the sources stand" }).dispute), "The subject disputed this; the reply was declined: the sources stand");
  assert.equal(disputeMark(document, sanitizeCard(mirzayan)), null);
});

test("rendered cards and the banner carry the disclosure, from the server's own vectors", () => {
  const { answer } = JSON.parse(readFileSync(new URL("./fixtures/annotate-vectors.json", import.meta.url), "utf8"));
  const { document } = makeDom(fixturePage());
  const blocks = extractBlocks(document);
  const raw = answerFor(blocks.map((b) => b.text), [["Gevorg Mirzayan", ["gevorg-mirzayan"], { rule: "name" }]]);
  raw.outlet_match = { host: "sputniknews.com", path_prefix: null, rule: "host" };
  raw.entities["gevorg-mirzayan"] = { ...raw.entities["gevorg-mirzayan"], review: answer.entities["gevorg-mirzayan"].review };
  raw.outlet = { ...raw.outlet, review: answer.entities.sputnik.review };
  renderAnnotations(document, blocks, sanitizeAnnotateResult(raw, API), { host: "sputniknews.com", hideBanner: false, onHideBanner() {}, onReport() {} });

  const banner = document.querySelector("provenance-notes-banner").shadowRoot;
  banner.querySelector(".why-toggle").click();
  const bannerWhy = banner.getElementById("pn-why");
  assert.equal(bannerWhy.hidden, false);
  assert.match(bannerWhy.textContent, /This page is on sputniknews\.com, a profiled host of this outlet\./);
  assert.match(bannerWhy.textContent, /Published revision 1, loaded from a seed or import file/);
  assert.match(banner.querySelector(".foot").textContent, /Seeded \d+ \w+ \d{4}, not yet reviewed/);

  const marker = [...document.querySelectorAll("provenance-notes-marker")][0].shadowRoot.querySelector("button");
  marker.click();
  const card = document.querySelector("provenance-notes-card").shadowRoot;
  const toggle = card.querySelector(".why-toggle");
  assert.equal(toggle.getAttribute("aria-controls"), "pn-why-gevorg-mirzayan");
  toggle.click();
  const why = card.getElementById("pn-why-gevorg-mirzayan");
  assert.match(why.textContent, /“Gevorg Mirzayan” is the profile's name\./);
  assert.equal(why.querySelector("a").href, `${API}/v1/entities/gevorg-mirzayan/history`);
});
