import { test } from "node:test";
import assert from "node:assert/strict";
import { fixturePage, makeDom } from "./support/dom.js";
import { answerFor, mirzayan } from "./support/cards.js";
import { extractBlocks } from "../src/content/extract.js";
import { renderAnnotations } from "../src/content/render.js";
import { feedbackSection } from "../src/content/ui/feedback.js";
import { sanitizeAnnotateResult, sanitizeCard } from "../src/shared/api-response.js";
import { postFeedback } from "../src/shared/api-client.js";
import { msg, validateMessage, validateResponse } from "../src/shared/messages.js";
import { createRouter } from "../src/background/router.js";
import { setExtensionApi } from "../src/shared/browser.js";
import { DEFAULT_SETTINGS } from "../src/shared/settings.js";

/** A feedback section for Mirzayan's card, with a `send` that records messages. */
function section({ answer = { type: "feedback-result", ok: true, revision: 3 }, card = sanitizeCard(mirzayan) } = {}) {
  const { window, document } = makeDom("<!doctype html><html><body><div id=card></div></body></html>");
  const sent = [];
  const send = async (message) => {
    sent.push(message);
    return answer;
  };
  const el = feedbackSection(document, card, send);
  document.getElementById("card").append(el);
  const button = (words) => [...el.querySelectorAll("button")].find((b) => b.textContent === words);
  const box = (value) => el.querySelector(`input[value="${value}"]`);
  return { window, document, el, sent, button, box };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

test("helpful sends the profile and the vote, then thanks the reader with focus kept on the card", async () => {
  const { document, el, sent, button } = section();
  assert.equal(el.querySelector(".fb-form").hidden, true, "the reasons wait until 'Not helpful'");
  button("Helpful").click();
  await settle();
  assert.deepEqual(sent, [{ type: "send-feedback", entity: "gevorg-mirzayan", revision: null, vote: "helpful", reasons: [], text: null }]);
  const status = el.querySelector("[role=status]");
  assert.match(status.textContent, /^Thank you\. .*does not change the note by itself\.$/);
  assert.equal(document.activeElement, status, "focus moves to the thank-you, inside the card");
  assert.equal(el.querySelector(".fb-votes").hidden, true);
});

test("not helpful opens the reasons; a reason is required, and the chosen ones are sent", async () => {
  const { document, el, sent, button, box } = section();
  const toggle = button("Not helpful");
  assert.equal(toggle.getAttribute("aria-expanded"), "false");
  assert.equal(toggle.getAttribute("aria-controls"), el.querySelector("form").id);
  toggle.click();
  assert.equal(toggle.getAttribute("aria-expanded"), "true");
  assert.equal(document.activeElement, box("outdated"), "focus goes to the first reason");
  const labels = [...el.querySelectorAll("fieldset label")].map((l) => l.textContent.trim());
  assert.deepEqual(labels, ["Outdated", "Wrong person", "Source missing or dead", "Unfair wording", "Other"]);
  el.querySelector("form").requestSubmit(button("Send"));
  await settle();
  assert.equal(sent.length, 0);
  assert.equal(el.querySelector("[role=alert]").textContent, "Pick at least one reason.");
  assert.equal(document.activeElement, box("outdated"));
  box("source_dead").click();
  el.querySelector("form").requestSubmit(button("Send"));
  await settle();
  assert.deepEqual(sent, [msg.sendFeedback("gevorg-mirzayan", null, "not_helpful", ["source_dead"], null)]);
  assert.match(el.querySelector("[role=status]").textContent, /^Thank you/);
});

test("'Other' needs words; they are trimmed, sent in the reader's direction, and the card's revision goes along", async () => {
  const card = { ...sanitizeCard(mirzayan), review: { revision: 4 } };
  const { document, el, sent, button, box } = section({ card });
  button("Not helpful").click();
  box("other").click();
  const text = el.querySelector("textarea");
  assert.equal(text.getAttribute("dir"), "auto");
  assert.equal(text.getAttribute("maxlength"), "1000");
  assert.equal(el.querySelector(`label[for="${text.id}"]`).textContent, "In your words");
  el.querySelector("form").requestSubmit(button("Send"));
  await settle();
  assert.equal(sent.length, 0);
  assert.equal(document.activeElement, text);
  assert.equal(text.getAttribute("aria-invalid"), "true");
  text.value = "  Его уволили в 2024 году.  ";
  box("outdated").click();
  el.querySelector("form").requestSubmit(button("Send"));
  await settle();
  assert.deepEqual(sent, [msg.sendFeedback("gevorg-mirzayan", 4, "not_helpful", ["outdated", "other"], "Его уволили в 2024 году.")]);
});

test("a failed send says so, keeps the choices and lets the reader try again", async () => {
  const { document, el, sent, button, box } = section({ answer: { type: "feedback-result", ok: false, error: { kind: "http", message: "HTTP 429: at most 30 feedback votes an hour" } } });
  button("Not helpful").click();
  box("wrong_person").click();
  el.querySelector("form").requestSubmit(button("Send"));
  await settle();
  assert.equal(sent.length, 1);
  assert.match(el.querySelector("[role=alert]").textContent, /^Not sent \(HTTP 429: at most 30/);
  assert.equal(button("Send").hasAttribute("disabled"), false);
  assert.equal(box("wrong_person").checked, true);
  assert.equal(document.activeElement, button("Send"));
  button("Cancel").click();
  assert.equal(el.querySelector("form").hidden, true);
  assert.equal(document.activeElement, button("Not helpful"));
});

test("in the card, the reasons are reachable by keyboard and the card stays open while they are used", async () => {
  const { window, document } = makeDom(fixturePage());
  const blocks = extractBlocks(document);
  const raw = answerFor(blocks.map((b) => b.text), [["Gevorg Mirzayan", ["gevorg-mirzayan"]]]);
  renderAnnotations(document, blocks, sanitizeAnnotateResult(raw), { host: "sputniknews.com", hideBanner: false, onHideBanner() {}, onReport() {} });
  const sent = [];
  setExtensionApi({ runtime: { id: "ext", sendMessage: async (m) => (sent.push(m), { type: "feedback-result", ok: true, revision: 1 }) } });
  try {
    const marker = document.querySelector("provenance-notes-marker").shadowRoot.querySelector("button");
    marker.click();
    const root = document.querySelector("provenance-notes-card").shadowRoot;
    const panel = root.querySelector(".card");
    assert.equal(panel.getAttribute("lang"), "en");
    const notHelpful = [...root.querySelectorAll(".fb-vote")].find((b) => b.textContent === "Not helpful");
    notHelpful.click();
    const first = root.querySelector("input[value=outdated]");
    assert.equal(root.activeElement, first);
    const tab = (target) => target.dispatchEvent(new window.KeyboardEvent("keydown", { key: "Tab", bubbles: true, composed: true, cancelable: true }));
    assert.equal(tab(first), true, "Tab inside the reasons is the browser's own");
    assert.equal(panel.hidden, false);
    root.querySelector("input[value=source_dead]").click();
    root.querySelector("form").requestSubmit(root.querySelector(".fb-send"));
    await settle();
    assert.deepEqual(sent, [msg.sendFeedback("gevorg-mirzayan", null, "not_helpful", ["source_dead"], null)]);
    assert.equal(panel.hidden, false, "the card is still open");
    assert.equal(root.activeElement, root.querySelector(".fb-thanks"));
  } finally {
    setExtensionApi(undefined);
  }
});

test("feedback messages are validated: known reasons, each once, a slug, no other field", () => {
  const good = msg.sendFeedback("gevorg-mirzayan", 2, "not_helpful", ["source_dead", "other"], "dead link");
  assert.equal(validateMessage(good).ok, true);
  for (const bad of [
    { ...good, reasons: ["source_dead", "source_dead"] },
    { ...good, reasons: ["spam"] },
    { ...good, entity: "Not A Slug" },
    { ...good, revision: 0 },
    { ...good, vote: "meh" },
    { ...good, text: "   " },
    { ...good, text: "x".repeat(1001) },
    { ...good, url: "https://sputniknews.com/a" },
  ]) {
    assert.equal(validateMessage(bad).ok, false, JSON.stringify(bad).slice(0, 120));
  }
  assert.deepEqual(validateResponse("send-feedback", { type: "feedback-result", ok: true, revision: 2 }), { type: "feedback-result", ok: true, revision: 2 });
  assert.equal(validateResponse("send-feedback", { type: "feedback-result", ok: true }), null);
});

/** A router whose only API call is `postFeedback`. */
function feedbackRouter(postFeedback) {
  return createRouter({
    extensionId: "ext",
    extensionOrigin: "chrome-extension://ext/",
    loadSettings: async () => ({ ...DEFAULT_SETTINGS, apiBase: "http://127.0.0.1:8000" }),
    postFeedback,
  });
}

test("the background sends only the profile, revision, vote, reasons and words, for a tab", async () => {
  const calls = [];
  const route = feedbackRouter(async (apiBase, payload) => (calls.push([apiBase, payload]), { entity: payload.entity, revision: 5, vote: payload.vote, message: "thank you" }));
  const sender = { id: "ext", tab: { id: 7 }, url: "https://sputniknews.com/20200126/x.html" };
  assert.deepEqual(await route(msg.sendFeedback("gevorg-mirzayan", null, "not_helpful", ["source_dead"], null), sender), { type: "feedback-result", ok: true, revision: 5 });
  await route(msg.sendFeedback("gevorg-mirzayan", 4, "not_helpful", ["other"], "gone"), sender);
  assert.deepEqual(calls, [
    ["http://127.0.0.1:8000", { entity: "gevorg-mirzayan", vote: "not_helpful", reasons: ["source_dead"] }],
    ["http://127.0.0.1:8000", { entity: "gevorg-mirzayan", vote: "not_helpful", reasons: ["other"], revision: 4, text: "gone" }],
  ]);
  assert.equal(await route(msg.sendFeedback("gevorg-mirzayan", null, "helpful"), { id: "other-extension", tab: { id: 7 } }), null);
  assert.equal(await route(msg.sendFeedback("gevorg-mirzayan", null, "helpful"), { id: "ext", url: "chrome-extension://ext/popup.html" }), null);
});

test("an API failure comes back to the card as a classified error", async () => {
  const route = feedbackRouter(async () => {
    const err = new Error("HTTP 404: 'gevorg-mirzayan' has no published revision 9");
    Object.assign(err, { kind: "http" });
    throw err;
  });
  const answer = await route(msg.sendFeedback("gevorg-mirzayan", 9, "helpful"), { id: "ext", tab: { id: 1 } });
  assert.deepEqual(answer, { type: "feedback-result", ok: false, error: { kind: "http", message: "HTTP 404: 'gevorg-mirzayan' has no published revision 9" } });
  assert.deepEqual(validateResponse("send-feedback", answer), answer);
});

test("postFeedback posts JSON to /v1/feedback without credentials or referrer", async () => {
  let seen;
  const ok = async (url, init) => {
    seen = { url, init };
    return new Response(JSON.stringify({ entity: "sputnik", revision: 1, vote: "helpful", message: "thank you" }), { status: 202 });
  };
  const receipt = await postFeedback("http://127.0.0.1:8000", { entity: "sputnik", vote: "helpful", reasons: [] }, { fetchFn: ok });
  assert.equal(receipt.revision, 1);
  assert.equal(seen.url, "http://127.0.0.1:8000/v1/feedback");
  assert.equal(seen.init.method, "POST");
  assert.equal(seen.init.credentials, "omit");
  assert.equal(seen.init.referrerPolicy, "no-referrer");
  assert.deepEqual(JSON.parse(seen.init.body), { entity: "sputnik", vote: "helpful", reasons: [] });
});

test("a card opened by hover stays open once the reader works in it", async () => {
  const { window, document } = makeDom(fixturePage());
  const blocks = extractBlocks(document);
  const raw = answerFor(blocks.map((b) => b.text), [["Gevorg Mirzayan", ["gevorg-mirzayan"]]]);
  renderAnnotations(document, blocks, sanitizeAnnotateResult(raw), { host: "sputniknews.com", hideBanner: false, onHideBanner() {}, onReport() {} });
  const marker = document.querySelector("provenance-notes-marker").shadowRoot.querySelector("button");
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  marker.dispatchEvent(new window.MouseEvent("mouseenter"));
  await wait(200);
  const root = document.querySelector("provenance-notes-card").shadowRoot;
  const panel = root.querySelector(".card");
  assert.equal(panel.hidden, false, "hover opens the card");
  [...root.querySelectorAll(".fb-vote")].find((b) => b.textContent === "Not helpful").click();
  panel.dispatchEvent(new window.MouseEvent("mouseleave"));
  await wait(400);
  assert.equal(panel.hidden, false, "leaving it with the pointer does not lose the reader's choices");
});
