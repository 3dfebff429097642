import { test } from "node:test";
import assert from "node:assert/strict";
import { fixturePage, makeDom } from "./support/dom.js";
import { answerFor } from "./support/cards.js";
import { extractBlocks } from "../src/content/extract.js";
import { renderAnnotations } from "../src/content/render.js";
import { sanitizeAnnotateResult } from "../src/shared/api-response.js";
import { chooseBox } from "../src/content/ui/place.js";
import { BANNER_CSS } from "../src/content/ui/styles.js";
import { contrast, pageIsDark, parseColor } from "../src/content/ui/theme.js";

/** The fixture page (optionally restyled) with Mirzayan and Başlamış annotated. */
function page({ style = "", dir = "", mutate = (raw) => raw } = {}) {
  const html = fixturePage().replace("<head>", `<head><style>${style}</style>`).replace("<html>", `<html${dir ? ` dir="${dir}"` : ""}>`);
  const { window, document } = makeDom(html);
  const blocks = extractBlocks(document);
  const raw = answerFor(blocks.map((b) => b.text), [["Gevorg Mirzayan", ["gevorg-mirzayan"]], ["Cenk Başlamış", ["cenk-baslamis"]]]);
  renderAnnotations(document, blocks, sanitizeAnnotateResult(mutate(raw)), { host: "sputniknews.com", hideBanner: false, onHideBanner() {}, onReport() {} });
  const buttons = [...document.querySelectorAll("provenance-notes-marker")].map((m) => m.shadowRoot.querySelector("button"));
  const mirzayan = buttons.find((b) => b.getAttribute("aria-label").includes("Mirzayan"));
  return { window, document, buttons, mirzayan };
}

const cardRoot = (document) => document.querySelector("provenance-notes-card")?.shadowRoot ?? null;
const panelOf = (document) => cardRoot(document)?.querySelector(".card") ?? null;
const isOpen = (document) => Boolean(panelOf(document) && !panelOf(document).hidden && panelOf(document).isConnected);
const key = (window, target, k, shiftKey = false) => target.dispatchEvent(new window.KeyboardEvent("keydown", { key: k, shiftKey, bubbles: true, composed: true, cancelable: true }));
/** The focused element, looking into shadow roots. */
function focused(document) {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

test("the card opens right after its marker in reading order, with focus on its title", () => {
  const { document, buttons } = page();
  buttons[0].click();
  const host = document.querySelector("provenance-notes-card");
  assert.equal(host.previousSibling, buttons[0].getRootNode().host, "card follows its marker in the DOM");
  assert.equal(focused(document), cardRoot(document).getElementById("pn-title"));
  assert.equal(panelOf(document).getAttribute("role"), "dialog");
  assert.equal(panelOf(document).getAttribute("aria-modal"), "false");
});

test("Tab past the card's last control closes it and gives focus back to its marker", () => {
  const { window, document, buttons } = page();
  buttons[0].click();
  const controls = [...cardRoot(document).querySelectorAll("a[href], button")].filter((el) => !el.closest("[hidden]"));
  const last = controls[controls.length - 1];
  last.focus();
  assert.equal(key(window, last, "Tab"), false, "the browser's own Tab is prevented");
  assert.equal(isOpen(document), false);
  assert.equal(focused(document), buttons[0]);
  assert.equal(buttons[0].getAttribute("aria-expanded"), "false");
  buttons[0].click();
  assert.equal(isOpen(document), true, "the next Enter/click on the marker opens again");
});

test("Shift+Tab from the card title closes it back to its marker, not the page's last link", () => {
  const { window, document, buttons } = page();
  buttons[1].click();
  key(window, cardRoot(document).getElementById("pn-title"), "Tab", true);
  assert.equal(isOpen(document), false);
  assert.equal(focused(document), buttons[1]);
});

test("Escape closes the card wherever focus went, and a marker's next activation opens it", () => {
  const { window, document, buttons } = page();
  buttons[0].click();
  const link = document.querySelector("nav a");
  link.focus();
  key(window, link, "Escape");
  assert.equal(isOpen(document), false);
  buttons[0].click();
  assert.equal(isOpen(document), true);
  key(window, buttons[0], "Escape");
  assert.equal(isOpen(document), false);
  assert.equal(document.querySelector("provenance-notes-card"), null, "a closed card leaves the page");
});

test("notes carry their own language and direction on a right-to-left page", () => {
  const { document, mirzayan } = page({ dir: "rtl" });
  mirzayan.click();
  const panel = panelOf(document);
  assert.equal(panel.getAttribute("lang"), "en");
  assert.equal(panel.getAttribute("dir"), "auto");
  const banner = document.querySelector("provenance-notes-banner").shadowRoot.querySelector("section");
  assert.equal(banner.getAttribute("lang"), "en");
  assert.equal(banner.getAttribute("dir"), "auto");
  const note = cardRoot(document).querySelector(".note");
  assert.equal(note.getAttribute("dir"), "auto");
  assert.equal(note.getAttribute("lang"), "en", "the note's own language from the API");
  assert.match(BANNER_CSS, /unicode-bidi: plaintext/);
  assert.doesNotMatch(BANNER_CSS, /text-align: left/);
});

test("each source shows its date and is set apart from the next one", () => {
  const two = (raw) => {
    const hop = raw.entities["gevorg-mirzayan"].state_ties[0].hops[0];
    hop.citations.push({ ...hop.citations[0], url: "http://second.example/", publisher: "Second Publisher", published: "2019-05" });
    return raw;
  };
  const { document, mirzayan } = page({ mutate: two });
  mirzayan.click();
  const hop = cardRoot(document).querySelector(".hop-sources");
  assert.match(hop.textContent, /^Sources: Example Publisher \(2020-01-01\); Second Publisher \(not secure\) \(2019-05\)$/);
  const list = [...cardRoot(document).querySelectorAll(".sources li")];
  assert.ok(list.length > 0 && list.every((li) => /\(\d{4}(-\d\d){0,2}\)/.test(li.textContent)), "every listed source has its date");
});

test("a source with an archived copy links it next to the source, an http one marked not secure", () => {
  const copies = {
    "https://example.org/source-1": "https://user:secret@archive.example/x",
    "https://example.org/source-2": "https://web.archive.org/web/2024/https://example.org/source-2",
    "http://insecure.example/decree": "http://archive.example/decree",
  };
  const archived = (raw) => {
    const card = raw.entities["gevorg-mirzayan"];
    const all = [...card.citations, ...card.affiliations.flatMap((a) => a.citations), ...card.state_ties[0].hops.flatMap((hop) => hop.citations)];
    for (const c of all) c.archive_url = copies[c.url] ?? null;
    return raw;
  };
  const { document, mirzayan } = page({ mutate: archived });
  mirzayan.click();
  const items = [...cardRoot(document).querySelectorAll(".sources li")];
  const links = items.flatMap((li) => [...li.querySelectorAll("a")].filter((a) => a.textContent.startsWith("archived copy")));
  assert.deepEqual(
    links.map((a) => [a.href, a.textContent, a.target, a.rel]),
    [
      ["https://web.archive.org/web/2024/https://example.org/source-2", "archived copy", "_blank", "noopener noreferrer"],
      ["http://archive.example/decree", "archived copy (not secure)", "_blank", "noopener noreferrer"],
    ],
    "a URL with credentials is no link at all",
  );
  assert.match(links[0].title, /^Archived copy of Example Publisher: Source 2$/);
  assert.match(links[1].getAttribute("aria-label"), /not secure: http/);
  const withCopy = items.find((li) => li.contains(links[0]));
  assert.match(withCopy.textContent, /^Example Publisher: Source 2 \(2020-01-01\) · archived copy$/);
});

test("a dark page gets dark notes even with a light system theme", () => {
  const dark = page({ style: "body { background: #121212; color: #eee; }" });
  assert.ok(dark.buttons.every((b) => b.classList.contains("dark")));
  assert.ok(dark.document.querySelector("provenance-notes-banner").shadowRoot.querySelector("section").classList.contains("dark"));
  dark.buttons[0].click();
  assert.ok(panelOf(dark.document).classList.contains("dark"));
  const light = page({ style: "body { background: #fdfdfd; }" });
  assert.ok(light.buttons.every((b) => !b.classList.contains("dark")));
  assert.equal(pageIsDark(light.window, light.document.body), false);
});

/** The colour variables of the light (`.pn {`) or dark (`.pn.dark {`) block. */
function palette(selector) {
  const block = BANNER_CSS.slice(BANNER_CSS.indexOf(`${selector} {`)).split("}")[0];
  const vars = {};
  for (const [, name, hex] of block.matchAll(/--pn-([a-z-]+):\s*#([0-9a-f]{6})/g)) vars[name] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return vars;
}

test("colours meet WCAG 2.2 AA on light and dark pages", () => {
  for (const [selector, pageBackgrounds] of [[".pn", ["#ffffff", "#f5f5f5"]], [".pn.dark", ["#000000", "#121212", "#1e1e1e"]]]) {
    const p = palette(selector);
    for (const fg of ["fg", "muted", "accent", "state"]) {
      assert.ok(contrast(p[fg], p.bg) >= 4.5, `${selector} ${fg} on the card: ${contrast(p[fg], p.bg).toFixed(2)}`);
      assert.ok(contrast(p[fg === "state" ? "state" : "fg"], p.banner) >= 4.5, `${selector} text on the banner`);
    }
    for (const tone of ["accent", "state", "ambiguous"]) {
      assert.ok(contrast(p["accent-fg"] ?? p.fg, p[tone]) >= 4.5, `${selector} marker text on ${tone}`);
      for (const bg of pageBackgrounds) {
        const rgb = parseColor(`rgb(${[1, 3, 5].map((i) => parseInt(bg.slice(i, i + 2), 16)).join(", ")})`);
        assert.ok(contrast(p[tone], rgb) >= 3, `${selector} ${tone} marker against page ${bg}: ${contrast(p[tone], rgb).toFixed(2)}`);
      }
    }
  }
});

test("targets are at least 24 px", () => {
  assert.match(BANNER_CSS, /\.close \{[^}]*min-width: 24px; min-height: 24px/);
  const { document } = page();
  const css = document.querySelector("provenance-notes-marker").shadowRoot.querySelector("style").textContent;
  assert.match(css, /\.marker \{[^}]*min-width: 24px; height: 24px/);
});

const rect = (top, left, bottom, right) => ({ top, left, bottom, right });

test("a wide screen puts the card beside or below the paragraph, never over it", () => {
  const card = { width: 380, height: 300 };
  const side = chooseBox({ width: 1400, height: 800 }, rect(200, 500, 224, 524), rect(100, 300, 400, 900), card);
  assert.ok(side.left >= 900, "right of the paragraph");
  const below = chooseBox({ width: 1000, height: 800 }, rect(200, 500, 224, 524), rect(100, 100, 400, 900), card);
  assert.ok(below.top >= 400 && below.top + card.height <= 800, "below the paragraph, on screen");
  const above = chooseBox({ width: 1000, height: 800 }, rect(600, 500, 624, 524), rect(400, 100, 700, 900), card);
  assert.ok(above.top + card.height <= 400 && above.top >= 0, "above the paragraph");
  const tall = chooseBox({ width: 1000, height: 800 }, rect(300, 500, 324, 524), rect(-500, 100, 1500, 900), card);
  assert.ok(tall.top >= 324 || tall.top + Math.min(card.height, tall.maxHeight) <= 300, "never over the marker's line");
  assert.ok(tall.top + Math.min(card.height, tall.maxHeight) <= 800, "inside the viewport");
});

test("on a 375 px phone the card is a sheet inside the viewport, away from its marker", () => {
  const view = { width: 375, height: 667 };
  const card = { width: 375, height: 900 };
  const low = chooseBox(view, rect(600, 100, 624, 124), rect(500, 0, 660, 375), card);
  assert.equal(low.sheet, true);
  assert.equal(low.top, 0, "a marker low on screen gets a sheet at the top");
  assert.ok(low.maxHeight <= 624 - 24 && low.maxHeight < 600, "the sheet ends above the marker");
  const high = chooseBox(view, rect(100, 100, 124, 124), rect(80, 0, 300, 375), card);
  assert.ok(high.top >= 124 && high.top + high.maxHeight <= 667, "a bottom sheet below the marker, inside the viewport");
});
