/** The "report a correction" form: sends only what the reader typed to the API. */

import { h } from "../shared/dom.js";
import { loadSettings } from "../shared/settings.js";
import { safeHttpsUrl } from "../shared/urls.js";
import { getEntity, postCorrection } from "../shared/api-client.js";

const $ = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
const entity = new URLSearchParams(location.search).get("entity") ?? "";
const slug = /^[a-z0-9]+(-[a-z0-9]+)*$/.test(entity) ? entity : null;

$("entity").textContent = slug ?? "this profile";

loadSettings().then((settings) => {
  $("api").textContent = settings.apiBase;
  if (slug) {
    getEntity(settings.apiBase, slug)
      .then((card) => {
        if (card && typeof card.name === "string" && card.name) $("entity").textContent = card.name;
      })
      .catch(() => null);
  }
  $("report-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const status = $("status");
    const source = $("source").value.trim();
    if (source && !safeHttpsUrl(source)) {
      status.className = "error";
      status.textContent = "The source must be an https:// address.";
      return;
    }
    const body = { entity: slug, message: $("message").value.trim(), source_url: source || null, contact: $("contact").value.trim() || null };
    status.className = "muted";
    status.textContent = "Sending…";
    try {
      const receipt = await postCorrection(settings.apiBase, body);
      const id = receipt && (typeof receipt.id === "number" || typeof receipt.id === "string") ? ` (reference ${receipt.id})` : "";
      status.className = "muted";
      status.replaceChildren(h(document, "strong", { text: `Thank you: your report was received${id}.` }));
      $("report-form").querySelector("button")?.setAttribute("disabled", "");
    } catch (err) {
      status.className = "error";
      status.textContent = err instanceof Error ? err.message : "Sending failed.";
    }
  });
});
