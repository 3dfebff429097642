/** Talk to the background from the page: every answer is validated, every failure becomes null. */

import { ext } from "../shared/browser.js";
import { validateResponse } from "../shared/messages.js";

/**
 * Send a message to the background; a malformed answer or any failure (the extension was
 * reloaded, the worker is gone) is null, never an error thrown into the page.
 * @param {import("../shared/messages.js").Message} message
 */
export async function send(message) {
  try {
    return validateResponse(message.type, await ext.sendMessage(message));
  } catch {
    return null;
  }
}
