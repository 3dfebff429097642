import { test } from "node:test";
import assert from "node:assert/strict";
import { fixturePage, makeDom, serialize } from "./support/dom.js";
import { answerFor } from "./support/cards.js";
import { extractBlocks } from "../src/content/extract.js";
import { renderAnnotations } from "../src/content/render.js";
import { sanitizeAnnotateResult } from "../src/shared/api-response.js";

const NEEDLES = [
  ["Gevorg Mirzayan", ["gevorg-mirzayan"]],
  ["Mirzayan said", ["gevorg-mirzayan"], { match: "surname" }],
  ["Cenk Başlamış", ["cenk-baslamis"]],
  ["Başlamış told", ["cenk-baslamis"], { match: "surname" }],
];

/** The fixture page, its blocks and a rendered answer. */
function renderFixture(opts = {}) {
  const { window, document } = makeDom(fixturePage());
  const before = serialize(window, document.body);
  const blocks = extractBlocks(document);
  // "X said" needles stand for surname mentions: trim them to the surname.
  const raw = answerFor(blocks.map((b) => b.text), NEEDLES);
  for (const m of raw.mentions) if (m.match === "surname") m.end = m.start + m.text.split(" ")[0].length;
  const hidden = [];
  const reports = [];
  const rendered = renderAnnotations(document, blocks, sanitizeAnnotateResult(raw), {
    host: "sputniknews.com",
    hideBanner: false,
    onHideBanner: (remember) => hidden.push(remember),
    onReport: (slug) => reports.push(slug),
    ...opts,
  });
  return { window, document, before, blocks, rendered, hidden, reports };
}

const markers = (document) => [...document.querySelectorAll("provenance-notes-marker")];
const shadowText = (el) => el.shadowRoot.textContent;

test("the article's text blocks come from Readability, without navigation or footer", () => {
  const { document } = makeDom(fixturePage());
  const texts = extractBlocks(document).map((b) => b.text);
  assert.ok(texts.some((t) => t.startsWith("Gevorg Mirzayan, a political scientist")), texts.join("\n"));
  assert.ok(texts.some((t) => t.includes("Başlamış told Sputnik Türkiye")));
  assert.ok(!texts.some((t) => t.includes("Home World")), "site navigation is not sent");
  assert.ok(!texts.some((t) => t.includes("Comment via")), "the footer is not sent");
});

test("a marker follows every mention, outside links, and the banner tops the article", () => {
  const { document, rendered } = renderFixture();
  const all = markers(document);
  assert.equal(all.length, 4);
  assert.equal(rendered.markers, 4);
  assert.equal(rendered.notes, 3, "outlet + two people");
  assert.deepEqual(rendered.names, ["Cenk Başlamış", "Gevorg Mirzayan"]);
  const first = document.querySelector("b").nextSibling;
  assert.equal(first.tagName, "PROVENANCE-NOTES-MARKER", "after <b>Mirzayan</b>, not inside the link");
  for (const m of all) assert.equal(m.closest("a"), null);
  const banner = document.querySelector("provenance-notes-banner");
  assert.ok(banner);
  assert.match(shadowText(banner), /Sputnik/);
  assert.match(shadowText(banner), /State-controlled media/);
  assert.match(shadowText(banner), /Owned by Rossiya Segodnya → controlled by Government of the Russian Federation/);
  assert.equal(banner.nextElementSibling.tagName, "P", "right before the first article paragraph");
});

test("markers are labelled disclosure buttons; the card shows the state tie with its source links", () => {
  const { document } = renderFixture();
  const marker = markers(document).find((m) => m.shadowRoot.querySelector("button").getAttribute("aria-label").includes("Mirzayan"));
  const button = marker.shadowRoot.querySelector("button");
  assert.equal(button.getAttribute("aria-label"), "Provenance note: Gevorg Mirzayan, has ties to the state");
  assert.equal(button.getAttribute("aria-expanded"), "false");
  assert.equal(button.hasAttribute("aria-haspopup"), false, "a disclosure button, not a menu button");
  button.click();
  const card = document.querySelector("provenance-notes-card");
  assert.ok(card, "the card host is added on first use");
  assert.equal(button.getAttribute("aria-expanded"), "true");
  const text = card.shadowRoot.textContent;
  const tie = card.shadowRoot.querySelector(".tie");
  assert.match(tie.getAttribute("aria-label"), /Gevorg Mirzayan → Financial University/);
  assert.match(tie.textContent, /^Gevorg Mirzayanemployed by · Associate ProfessorFinancial University under the Government of the Russian Federation/);
  assert.equal(card.shadowRoot.querySelectorAll(".chain li").length, 2);
  const links = [...card.shadowRoot.querySelectorAll("a")];
  assert.ok(links.length > 0);
  for (const a of links) {
    assert.match(a.href, /^https?:\/\//);
    assert.equal(a.target, "_blank");
    assert.equal(a.rel, "noopener noreferrer");
  }
  const decree = links.find((a) => a.href === "http://insecure.example/decree");
  assert.ok(decree, "the http: decree source is a link too");
  assert.match(decree.textContent, /\(not secure\)$/);
  assert.match(decree.getAttribute("aria-label"), /not secure: http/);
  assert.match(text, /Report a correction/);
});

test("curator text is inert: a note with markup renders as text, no element is created", () => {
  const { document, reports } = renderFixture();
  const marker = markers(document).find((m) => m.shadowRoot.querySelector("button").getAttribute("aria-label").includes("Başlamış"));
  marker.shadowRoot.querySelector("button").click();
  const card = document.querySelector("provenance-notes-card").shadowRoot;
  assert.match(card.textContent, /<img src=x onerror=alert\(1\)>/);
  assert.equal(card.querySelectorAll("img").length, 0);
  assert.equal(document.querySelectorAll("img").length, 0);
  [...card.querySelectorAll("button")].find((b) => b.textContent === "Report a correction").click();
  assert.deepEqual(reports, ["cenk-baslamis"]);
});

test("undo restores the page exactly, text nodes included", () => {
  const { window, document, before, rendered } = renderFixture();
  assert.notEqual(serialize(window, document.body), before);
  rendered.undo();
  assert.equal(serialize(window, document.body), before);
  const texts = [...document.querySelectorAll("p")].map((p) => p.childNodes.length);
  const fresh = makeDom(fixturePage()).document;
  assert.deepEqual(texts, [...fresh.querySelectorAll("p")].map((p) => p.childNodes.length), "split text nodes are joined again");
});

test("re-reading an annotated page gives the same blocks (markers are not text)", () => {
  const { document, blocks } = renderFixture();
  assert.deepEqual(extractBlocks(document).map((b) => b.text), blocks.map((b) => b.text));
});

test("the banner can be dismissed, and remembered; hidden banners are not drawn", () => {
  const { document, hidden } = renderFixture();
  const banner = document.querySelector("provenance-notes-banner");
  [...banner.shadowRoot.querySelectorAll("button")].find((b) => b.textContent.startsWith("Don't show")).click();
  assert.equal(document.querySelector("provenance-notes-banner"), null);
  assert.deepEqual(hidden, [true]);
  const again = renderFixture({ hideBanner: true });
  assert.equal(again.document.querySelector("provenance-notes-banner"), null);
  assert.equal(again.rendered.notes, 3, "the outlet still counts as a note");
});

test("ambiguous mentions say so and list every candidate", () => {
  const { document } = makeDom("<!doctype html><body><article><p>Yesterday Cenk Başlamış spoke at length about the talks, and many more words follow here to make an article.</p></article></body>");
  const blocks = extractBlocks(document);
  const result = sanitizeAnnotateResult(answerFor(blocks.map((b) => b.text), [["Cenk Başlamış", ["cenk-baslamis", "gevorg-mirzayan"]]]));
  renderAnnotations(document, blocks, result, { host: "example.org", hideBanner: true, onHideBanner() {}, onReport() {} });
  const button = document.querySelector("provenance-notes-marker").shadowRoot.querySelector("button");
  assert.equal(button.textContent, "?");
  assert.match(button.getAttribute("aria-label"), /matches 2 profiles/);
  button.click();
  const card = document.querySelector("provenance-notes-card").shadowRoot;
  assert.match(card.textContent, /Ambiguous name/);
  assert.equal(card.querySelectorAll("section.candidate").length, 2);
});

test("a rendering failure leaves the page untouched", () => {
  const { window, document } = makeDom(fixturePage());
  const before = serialize(window, document.body);
  const blocks = extractBlocks(document);
  const result = sanitizeAnnotateResult(answerFor(blocks.map((b) => b.text), NEEDLES));
  result.outlet = { ...result.outlet, state_ties: null };
  assert.throws(() => renderAnnotations(document, blocks, result, { host: "sputniknews.com", hideBanner: false, onHideBanner() {}, onReport() {} }));
  assert.equal(serialize(window, document.body), before);
});

test("Escape closes the card and gives focus back to its marker without reopening it", () => {
  const { window, document } = renderFixture();
  const button = document.querySelector("provenance-notes-marker").shadowRoot.querySelector("button");
  button.click();
  const card = document.querySelector("provenance-notes-card").shadowRoot.querySelector(".card");
  assert.equal(card.hidden, false);
  card.dispatchEvent(new window.KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
  assert.equal(card.hidden, true);
  assert.equal(button.getAttribute("aria-expanded"), "false");
  assert.equal(document.activeElement, button.getRootNode().host);
});
