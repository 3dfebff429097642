import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_BLOCKS, MAX_CHARS, msg, validateMessage, validateResponse } from "../src/shared/messages.js";

const URL = "https://sputniknews.com/a.html";

test("every constructor builds a valid member of the union", () => {
  const messages = [
    msg.pageStatus(URL),
    msg.annotate(URL, ["one", "two"], "auto"),
    msg.pageResult(URL, "annotated", 3, { name: "Sputnik", category: "State-controlled media" }, ["Gevorg Mirzayan"]),
    msg.pageResult(URL, "reset"),
    msg.hideBanner(URL, true),
    msg.popupState(4),
    msg.popupAnnotate(4),
    msg.openReport("gevorg-mirzayan"),
    msg.annotateNow(),
  ];
  for (const m of messages) assert.deepEqual(validateMessage(m), { ok: true, message: m }, m.type);
});

test("unknown types, extra fields and wrong field types are refused", () => {
  assert.equal(validateMessage(null).ok, false);
  assert.equal(validateMessage("page-status").ok, false);
  assert.equal(validateMessage({ type: "run-script" }).ok, false);
  assert.equal(validateMessage({ type: "constructor" }).ok, false);
  assert.equal(validateMessage({ type: "page-status", url: URL, extra: 1 }).ok, false);
  assert.equal(validateMessage({ type: "page-status", url: 42 }).ok, false);
  assert.equal(validateMessage({ type: "annotate", url: URL, blocks: "text", trigger: "auto" }).ok, false);
  assert.equal(validateMessage({ type: "annotate", url: URL, blocks: [1], trigger: "auto" }).ok, false);
  assert.equal(validateMessage({ type: "annotate", url: URL, blocks: [], trigger: "sometimes" }).ok, false);
  assert.equal(validateMessage({ type: "popup-state", tabId: -1 }).ok, false);
  assert.equal(validateMessage({ type: "open-report", entity: "../admin" }).ok, false);
});

test("only http(s) page URLs are accepted", () => {
  assert.equal(validateMessage(msg.pageStatus("javascript:alert(1)")).ok, false);
  assert.equal(validateMessage(msg.pageStatus("chrome://settings")).ok, false);
  assert.equal(validateMessage(msg.pageStatus("file:///etc/passwd")).ok, false);
});

test("annotate messages respect the API's limits", () => {
  assert.equal(validateMessage(msg.annotate(URL, Array(MAX_BLOCKS + 1).fill("x"), "auto")).ok, false);
  assert.equal(validateMessage(msg.annotate(URL, ["x".repeat(MAX_CHARS / 2), "y".repeat(MAX_CHARS / 2 + 1)], "auto")).ok, false);
  assert.equal(validateMessage(msg.annotate(URL, Array(MAX_BLOCKS).fill("x"), "user")).ok, true);
});

test("answers are validated against the request they answer", () => {
  const ok = { type: "annotate-result", ok: true, result: { mentions: [], entities: {} } };
  const failed = { type: "annotate-result", ok: false, error: { kind: "timeout", message: "no answer" } };
  assert.deepEqual(validateResponse("annotate", ok), ok);
  assert.deepEqual(validateResponse("annotate", failed), failed);
  assert.equal(validateResponse("annotate", { ...failed, error: { kind: "boom", message: "" } }), null);
  assert.equal(validateResponse("annotate", { type: "annotate-result", ok: true }), null);
  assert.equal(validateResponse("page-status", { type: "page-status-result", run: "yes", reason: "local", hideBanner: false }), null);
  assert.equal(validateResponse("page-status", undefined), null);
  assert.equal(validateResponse("no-such-request", { type: "ack" }), null);
});
