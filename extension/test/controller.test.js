import { test } from "node:test";
import assert from "node:assert/strict";
import { fixturePage, makeDom, serialize } from "./support/dom.js";
import { answerFor } from "./support/cards.js";
import { createController } from "../src/content/controller.js";
import { extractBlocks } from "../src/content/extract.js";
import { renderAnnotations } from "../src/content/render.js";
import { waitForArticle, watchUrl } from "../src/content/watch.js";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ARTICLE = "<p>Gevorg Mirzayan, a political scientist, wrote a long column on the talks between the two presidents, and his words were quoted at length by the agency that published them.</p>";

/** A controller over a jsdom page with a fake background that records messages. */
function setup(html, { send: sendOverride, allow = true } = {}) {
  const { window, document } = makeDom(html);
  const sent = [];
  const send = async (m) => {
    sent.push(m);
    if (sendOverride) return sendOverride(m);
    if (m.type === "page-status") return { type: "page-status-result", run: allow, reason: allow ? "local" : "auto-off", hideBanner: false };
    if (m.type === "annotate") return { type: "annotate-result", ok: true, result: answerFor(m.blocks, [["Gevorg Mirzayan", ["gevorg-mirzayan"]]]) };
    return { type: "ack" };
  };
  const controller = createController({ doc: document, win: window, send, extract: extractBlocks, render: renderAnnotations, waitForArticle, timing: { quietMs: 20, maxMs: 1500 } });
  return { window, document, sent, controller, types: () => sent.map((m) => m.type) };
}

test("a page is annotated once, however often it is asked", async () => {
  const { document, controller, types } = setup(fixturePage());
  await Promise.all([controller.run("auto"), controller.run("auto"), controller.run("user")]);
  await controller.run("auto");
  assert.equal(controller.phase(), "done");
  assert.deepEqual(types(), ["page-status", "annotate", "page-result"]);
  assert.equal(document.querySelectorAll("provenance-notes-marker").length, 1);
});

test("with automatic notes off, a page asks only the local status question, and nothing else", async () => {
  const { controller, types } = setup(fixturePage(), { allow: false });
  await controller.run("auto");
  assert.equal(controller.phase(), "off");
  assert.deepEqual(types(), ["page-status"]);
});

test("text that arrives late is annotated once it is there", async () => {
  const { window, document, controller, sent } = setup("<!doctype html><body><main id=app>Loading…</main></body>");
  const running = controller.run("auto");
  await sleep(60);
  assert.equal(controller.phase(), "waiting");
  document.getElementById("app").replaceChildren(...makeDom(`<!doctype html><body><article><h1>Talks</h1>${ARTICLE}</article></body>`).document.body.childNodes);
  await running;
  assert.equal(controller.phase(), "done");
  assert.equal(sent.filter((m) => m.type === "annotate").length, 1);
  assert.match(sent.find((m) => m.type === "annotate").blocks.join(" "), /Gevorg Mirzayan/);
  assert.equal(document.querySelectorAll("provenance-notes-marker").length, 1);
  void window;
});

test("history.pushState to a new article: old notes go, the new article is annotated once", async () => {
  const { window, document, controller, sent } = setup(fixturePage());
  await controller.run("auto");
  const stop = watchUrl(window, () => controller.navigated(), 10);
  window.history.pushState({}, "", "/20210304/next.html");
  document.querySelector("article").replaceChildren(...makeDom(`<!doctype html><body><article>${ARTICLE}</article></body>`).document.body.firstChild.childNodes);
  await sleep(30);
  window.history.pushState({}, "", "/20210304/next.html#comments");
  for (let i = 0; i < 100 && controller.phase() !== "done"; i++) await sleep(20);
  stop();
  const annotated = sent.filter((m) => m.type === "annotate").map((m) => m.url);
  assert.deepEqual(annotated, ["https://sputniknews.com/20210303/talks.html", "https://sputniknews.com/20210304/next.html"]);
  assert.equal(document.querySelectorAll("provenance-notes-marker").length, 1);
  assert.equal(document.querySelectorAll("provenance-notes-banner").length, 1);
});

test("API failure: the page stays untouched and the failure is reported", async () => {
  const failing = async (m) =>
    m.type === "page-status"
      ? { type: "page-status-result", run: true, reason: "local", hideBanner: false }
      : m.type === "annotate"
        ? { type: "annotate-result", ok: false, error: { kind: "unreachable", message: "cannot reach the API" } }
        : { type: "ack" };
  const { window, document, controller, sent } = setup(fixturePage(), { send: failing });
  const before = serialize(window, document.documentElement);
  await controller.run("auto");
  assert.equal(controller.phase(), "failed");
  assert.equal(serialize(window, document.documentElement), before);
  assert.deepEqual(sent.at(-1), { type: "page-result", url: "https://sputniknews.com/20210303/talks.html", state: "error", notes: 0, outlet: null, names: [] });
});

test("a dead background (null answers, thrown errors) never throws into the page", async () => {
  const { controller } = setup(fixturePage(), {
    send: async () => {
      throw new Error("Extension context invalidated");
    },
  });
  await controller.run("auto");
  assert.equal(controller.phase(), "failed");
  const quiet = setup(fixturePage(), { send: async () => null });
  await quiet.controller.run("user");
  assert.equal(quiet.controller.phase(), "failed");
});

test("the toolbar button annotates a page on request when automatic notes are off", async () => {
  const { controller, types } = setup(fixturePage(), { allow: false });
  await controller.run("auto");
  await controller.run("user");
  assert.equal(controller.phase(), "done");
  assert.deepEqual(types(), ["page-status", "page-status", "annotate", "page-result"]);
});

test("paragraphs added later on the same URL are annotated once, debounced, without resending", async () => {
  const { window, document, controller, sent } = setup(fixturePage());
  await controller.run("auto");
  assert.equal(document.querySelectorAll("provenance-notes-marker").length, 1);
  const article = document.querySelector("article");
  for (let i = 0; i < 3; i++) {
    const p = document.createElement("p");
    p.textContent = `Update ${i}: Gevorg Mirzayan added that the talks would go on for some weeks, according to people who followed them closely.`;
    article.append(p);
    await sleep(5);
  }
  await sleep(200);
  const annotates = sent.filter((m) => m.type === "annotate");
  assert.equal(annotates.length, 2, "one request for the whole burst of new paragraphs");
  assert.equal(annotates[1].blocks.length, 3, "only the new paragraphs are sent");
  assert.ok(annotates[1].blocks.every((t) => t.startsWith("Update ")));
  assert.equal(document.querySelectorAll("provenance-notes-marker").length, 4);
  document.querySelector("provenance-notes-marker").shadowRoot.querySelector("button").click();
  await sleep(100);
  assert.equal(sent.filter((m) => m.type === "annotate").length, 2, "our own card and markers trigger nothing");
  window.history.pushState({}, "", "/other.html");
  controller.navigated();
  assert.equal(document.querySelectorAll("provenance-notes-marker").length, 0, "navigation removes the late markers too");
});
