import { test } from "node:test";
import assert from "node:assert/strict";
import { makeDom } from "./support/dom.js";
import { GAP, MIN_ROOM, chooseBox, sentenceAround, sentenceRanges } from "../src/content/ui/place.js";

const rect = (top, left, bottom, right) => ({ top, left, bottom, right });
const lines = (top, bottom) => ({ top, bottom });
/** Whether a card box (its height capped by maxHeight) shares rows with a band of lines. */
const covers = (box, card, band) => box.top < band.bottom && box.top + Math.min(card.height, box.maxHeight) > band.top;

// A 1000 × 800 screen with a 800 px column: no room beside it for a 380 px card.
const VIEW = { width: 1000, height: 800 };
const TALL = rect(-500, 100, 1500, 900);
const CARD = { width: 380, height: 300 };
const MARKER = rect(300, 500, 324, 524);

test("in a paragraph taller than the screen the card leaves the whole sentence visible", () => {
  const sentence = lines(270, 400); // starts on the line above the marker, ends three lines below
  const box = chooseBox(VIEW, MARKER, TALL, CARD, sentence);
  assert.equal(covers(box, CARD, sentence), false, JSON.stringify(box));
  assert.ok(box.top >= sentence.bottom + GAP, "below the sentence, where there is room for all of it");
  assert.ok(box.top + CARD.height <= VIEW.height - GAP, "inside the viewport");
  const before = chooseBox(VIEW, MARKER, TALL, CARD); // no sentence known: only the marker's line is kept
  assert.equal(covers(before, CARD, sentence), true, "what a marker-only placement did");
});

test("a sentence low on the screen gets the card above it", () => {
  const marker = rect(560, 500, 584, 524);
  const sentence = lines(500, 640);
  const box = chooseBox(VIEW, marker, TALL, CARD, sentence);
  assert.equal(covers(box, CARD, sentence), false, JSON.stringify(box));
  assert.ok(box.top >= GAP);
});

test("without room for the whole card beside the sentence, it is shortened on the larger side", () => {
  const card = { width: 380, height: 400 };
  const sentence = lines(200, 560);
  const box = chooseBox(VIEW, rect(380, 500, 404, 524), TALL, card, sentence);
  assert.equal(covers(box, card, sentence), false, JSON.stringify(box));
  assert.ok(box.maxHeight >= MIN_ROOM && box.top + box.maxHeight <= VIEW.height - GAP, JSON.stringify(box));
});

test("a sentence that fills the screen still leaves the marker's line visible", () => {
  const box = chooseBox(VIEW, MARKER, TALL, CARD, lines(60, 760));
  assert.equal(covers(box, CARD, lines(MARKER.top, MARKER.bottom)), false, JSON.stringify(box));
  assert.ok(box.top + Math.min(CARD.height, box.maxHeight) <= VIEW.height, "inside the viewport");
});

test("the paragraph is still preferred when the card fits whole below it", () => {
  const block = rect(150, 100, 420, 900);
  const box = chooseBox(VIEW, MARKER, block, CARD, lines(270, 400));
  assert.ok(box.top >= block.bottom, JSON.stringify(box));
});

test("on a phone the sheet leaves the sentence visible, shortened if it must be", () => {
  const view = { width: 375, height: 667 };
  const card = { width: 375, height: 900 };
  const marker = rect(300, 100, 324, 124);
  const sentence = lines(280, 420);
  const box = chooseBox(view, marker, rect(200, 0, 500, 375), card, sentence);
  assert.equal(box.sheet, true);
  assert.equal(covers(box, card, sentence), false, JSON.stringify(box));
  assert.ok(box.top >= 0 && box.top + box.maxHeight <= view.height, JSON.stringify(box));
  assert.ok(box.maxHeight >= MIN_ROOM, "still a usable sheet");
});

test("the sentence around a mention is found by its end, in any language", () => {
  const text = "The talks resumed. In a long interview, Gevorg Mirzayan argued that both sides wanted a deal. Nobody disagreed.";
  const at = text.indexOf("Mirzayan") + "Mirzayan".length;
  const [start, end] = sentenceAround(text, at, "en");
  assert.equal(text.slice(start, end), "In a long interview, Gevorg Mirzayan argued that both sides wanted a deal.");
  const tr = "Görüşmeler sürdü. Cenk Başlamış, anlaşmanın yakın olduğunu söyledi. Başka bir cümle.";
  const [s2, e2] = sentenceAround(tr, tr.indexOf("Başlamış") + 8, "not a language tag!");
  assert.equal(tr.slice(s2, e2), "Cenk Başlamış, anlaşmanın yakın olduğunu söyledi.");
});

test("the sentence's ranges cover its text across elements, never our own UI", () => {
  const { document } = makeDom(
    `<!doctype html><html lang="en"><body><article><p>The talks resumed. In a long interview, <a href="/p">Gevorg</a> Mirzayan<provenance-notes-marker></provenance-notes-marker><provenance-notes-card></provenance-notes-card> argued that <b>both sides</b> wanted a deal. Nobody disagreed.</p></article></body></html>`,
  );
  const host = document.querySelector("provenance-notes-marker");
  const button = document.createElement("button");
  host.attachShadow({ mode: "open" }).append(button);
  document.querySelector("provenance-notes-card").attachShadow({ mode: "open" }).textContent = "Card text. Not the page.";
  const ranges = sentenceRanges(button);
  assert.equal(ranges.map(String).join(""), "In a long interview, Gevorg Mirzayan argued that both sides wanted a deal.");
  assert.ok(ranges.every((r) => r.startContainer.nodeType === 3 && r.startContainer === r.endContainer), "one text node each");
});
