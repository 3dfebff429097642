/** Content entry: wires the controller to the page, URL changes and background messages. */

import { ext } from "../shared/browser.js";
import { validateMessage } from "../shared/messages.js";
import { createController } from "./controller.js";
import { extractBlocks } from "./extract.js";
import { send } from "./messenger.js";
import { renderAnnotations } from "./render.js";
import { waitForArticle, watchUrl } from "./watch.js";

const LOADED = Symbol.for("provenance-notes.loaded");
if (!globalThis[LOADED]) {
  globalThis[LOADED] = true;
  const controller = createController({ doc: document, win: window, send, extract: extractBlocks, render: renderAnnotations, waitForArticle });
  ext.onMessage(async (raw) => {
    const checked = validateMessage(raw);
    if (!checked.ok || checked.message.type !== "annotate-now") return null;
    void controller.run("user");
    return { type: "ack" };
  });
  watchUrl(window, () => controller.navigated());
  void controller.run("auto");
}
