/** Test helpers: jsdom documents, the fixture article as a page, and DOM serialisation. */

import { JSDOM } from "jsdom";
import { readFileSync } from "node:fs";

/** A jsdom window + document for an HTML string at a URL. */
export function makeDom(html, url = "https://sputniknews.com/20210303/talks.html") {
  const dom = new JSDOM(html, { url, pretendToBeVisual: true });
  return { window: dom.window, document: dom.window.document };
}

/** Escape text for an HTML source string. */
export const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The own-words fixture article rendered as a news page (chrome lines in a header). */
export function fixturePage() {
  const text = readFileSync(new URL("../fixtures/own-article.txt", import.meta.url), "utf8");
  const [chrome, ...paras] = text.split(/\n\s*\n/).map((p) => p.trim());
  const tail = paras.splice(-1, 1)[0];
  const body = paras.map((p) => `<p>${esc(p).replace("Gevorg Mirzayan", '<a href="/person">Gevorg</a> <b>Mirzayan</b>')}</p>`).join("\n");
  return `<!doctype html><html><head><title>Talks resume</title></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav><div class="meta">${esc(chrome).replace(/\n/g, "<br>")}</div></header>
<article><h1>Ankara and Moscow resume air defence talks</h1>${body}</article>
<footer>${esc(tail).replace(/\n/g, "<br>")}</footer></body></html>`;
}

/** A stable text form of a subtree (markup included) to compare before/after. */
export function serialize(window, node) {
  return new window.XMLSerializer().serializeToString(node);
}
