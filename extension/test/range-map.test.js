import { test } from "node:test";
import assert from "node:assert/strict";
import { makeDom } from "./support/dom.js";
import { buildBlocks } from "../src/content/block-text.js";
import { rangeFor } from "../src/content/range-map.js";

/** Build the block of the first <p> and a range over the first occurrence of `needle`. */
function setup(html, needle) {
  const { document } = makeDom(`<!doctype html><body>${html}</body>`);
  const [block] = buildBlocks([...document.querySelectorAll("p")]);
  const start = block.text.indexOf(needle);
  assert.ok(start >= 0, `"${needle}" in "${block.text}"`);
  return { document, block, start, end: start + needle.length };
}

test("a mention split by <b>, <a> and <i> maps to one range across the elements", () => {
  const { document, block, start, end } = setup('<p>Political scientist <b>Gevorg</b> <a href="#">Mirza<i>yan</i></a>, associate</p>', "Gevorg Mirzayan");
  assert.equal(block.text, "Political scientist Gevorg Mirzayan, associate");
  const range = rangeFor(document, block, start, end);
  assert.equal(range.toString(), "Gevorg Mirzayan");
  assert.equal(range.startContainer.data, "Gevorg");
  assert.equal(range.endContainer.data, "yan");
  assert.equal(range.endOffset, 3);
});

test("whitespace runs collapse to one space in the block text and map back to the full run", () => {
  const { document, block, start, end } = setup("<p>\n   Gevorg\n      Mirzayan   said\n</p>", "Gevorg Mirzayan");
  assert.equal(block.text, "Gevorg Mirzayan said");
  assert.equal(rangeFor(document, block, start, end).toString(), "Gevorg\n      Mirzayan");
});

test("offsets count UTF-16 code units: emoji and flags before a mention", () => {
  const { document, block, start, end } = setup("<p>😀🇹🇷 <b>Cenk</b> Başlamış told</p>", "Cenk Başlamış");
  assert.equal(start, 7, "😀 is 2 units, 🇹🇷 is 4, then a space");
  assert.notEqual(start, [...block.text.slice(0, start)].length, "code points would give another offset");
  assert.equal(rangeFor(document, block, start, end).toString(), "Cenk Başlamış");
});

test("combining marks before and inside a mention stay in place", () => {
  const decomposed = "Cenk Bas\u0327lamis\u0327";
  const { document, block, start, end } = setup(`<p>Cafe\u0301 talk: <em>${decomposed}</em> said</p>`, decomposed);
  assert.equal(start, 12);
  const range = rangeFor(document, block, start, end);
  assert.equal(range.toString(), decomposed);
  assert.equal(range.endOffset, range.endContainer.length, "the trailing combining mark is inside the range");
});

test("no-break spaces are sent as spaces without shifting offsets", () => {
  const { document, block, start, end } = setup("<p>wrote for\u00a0<a>Sputnik</a> after</p>", "for Sputnik");
  assert.equal(block.text, "wrote for Sputnik after");
  assert.equal(rangeFor(document, block, start, end).toString(), "for\u00a0Sputnik");
});

test("line breaks separate words; a mention after one maps exactly", () => {
  const { document, block, start, end } = setup("<p>Moscow<br>Mirzayan said</p>", "Mirzayan");
  assert.equal(block.text, "Moscow Mirzayan said");
  assert.equal(rangeFor(document, block, start, end).toString(), "Mirzayan");
});

test("nested chosen blocks are not read twice", () => {
  const { document } = makeDom("<!doctype html><body><div id=d>Intro text<p>Inner Mirzayan</p>outro</div></body>");
  const div = document.getElementById("d");
  const p = document.querySelector("p");
  const [outer, inner] = buildBlocks([div, p]);
  assert.equal(outer.text, "Intro text outro");
  assert.equal(inner.text, "Inner Mirzayan");
  assert.equal(rangeFor(document, outer, 11, 16).toString(), "outro");
});

test("scripts, styles, hidden elements and our own UI are not article text", () => {
  const { document } = makeDom(
    "<!doctype html><body><p>A<script>var x=1</script><style>p{}</style><span hidden>secret</span><provenance-notes-marker></provenance-notes-marker> B</p></body>",
  );
  assert.equal(buildBlocks([document.querySelector("p")])[0].text, "A B");
});

test("offsets outside the block, empty spans and changed text give no range", () => {
  const { document, block, start, end } = setup("<p>Gevorg <b>Mirzayan</b> said</p>", "Mirzayan");
  assert.equal(rangeFor(document, block, start, start), null);
  assert.equal(rangeFor(document, block, 5, block.text.length + 1), null);
  assert.equal(rangeFor(document, block, -1, 3), null);
  document.querySelector("b").firstChild.data = "Someone";
  assert.equal(rangeFor(document, block, start, end), null, "the page changed since the text was read");
  document.querySelector("b").remove();
  assert.equal(rangeFor(document, block, start, end), null, "the node is gone");
});

test("a mention ending at a block's end and one starting at a collapsed space", () => {
  const { document, block } = setup("<p>  told <a>Sputnik Türkiye</a></p>", "Sputnik Türkiye");
  assert.equal(block.text, "told Sputnik Türkiye");
  assert.equal(rangeFor(document, block, 5, 20).toString(), "Sputnik Türkiye");
  assert.equal(rangeFor(document, block, 4, 12).toString().trim(), "Sputnik");
});
