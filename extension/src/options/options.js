/** Options page: API address, when notes appear, per-site lists, and what is sent. */

import { ext } from "../shared/browser.js";
import { h } from "../shared/dom.js";
import { SERVER_MATCHING_DATA, WHAT_IS_SENT } from "../shared/privacy.js";
import { SETTINGS_KEY, loadSettings, setHostListed, updateSettings } from "../shared/settings.js";
import { normalizeApiBase } from "../shared/urls.js";
import { parseSiteEntry } from "../shared/host-entry.js";
import { INDEX_KEY } from "../shared/keys.js";

const $ = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

/** One list of hosts with a remove button each. */
function hostList(id, hosts, list) {
  $(id).replaceChildren(
    ...(hosts.length
      ? hosts.map((host) =>
          h(document, "li", {}, [
            h(document, "span", { text: host }),
            h(document, "button", { class: "secondary", type: "button", "aria-label": `Remove ${host}`, text: "Remove", onclick: () => setHostListed(list, host, false).then(draw) }),
          ]),
        )
      : [h(document, "li", { class: "muted", text: "None." })]),
  );
}

/** The state of the locally kept list of profiled sites. */
async function drawIndexStatus(apiBase) {
  const stored = (await ext.localGet(INDEX_KEY))[INDEX_KEY];
  const status = $("api-status");
  if (!stored || stored.apiBase !== apiBase) {
    status.className = "muted";
    status.textContent = "The list of profiled sites has not been downloaded yet.";
  } else if (stored.error) {
    status.className = "error";
    status.textContent = `Cannot reach the API: ${stored.error}`;
  } else {
    status.className = "muted";
    status.textContent = `Connected: ${stored.entries.length} profiled hosts, updated ${new Date(stored.fetchedAt).toLocaleString()}.`;
  }
}

/** Fill every control from the stored settings. */
async function draw() {
  const settings = await loadSettings();
  if (document.activeElement !== $("api-base")) $("api-base").value = settings.apiBase;
  $("auto").checked = settings.autoAnnotate;
  $("server-matching").checked = settings.serverMatching;
  hostList("disabled-sites", settings.disabledSites, "disabledSites");
  hostList("hidden-banners", settings.hiddenBanners, "hiddenBanners");
  await drawIndexStatus(settings.apiBase);
}

$("api-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const apiBase = normalizeApiBase($("api-base").value);
  if (!apiBase) {
    $("api-status").className = "error";
    $("api-status").textContent = "Enter an http:// or https:// address without query or fragment.";
    return;
  }
  await updateSettings({ apiBase });
  $("api-base").value = apiBase;
  $("api-status").className = "muted";
  $("api-status").textContent = "Saved. Downloading the list of profiled sites…";
});
$("auto").addEventListener("change", () => updateSettings({ autoAnnotate: $("auto").checked }));
$("server-matching").addEventListener("change", async () => {
  const on = $("server-matching").checked;
  // Firefox asks for its data-collection consent first; without it nothing is sent.
  const allowed = !on || (await ext.askToCollect([...SERVER_MATCHING_DATA]).catch(() => false));
  $("server-matching-status").textContent = allowed ? "" : "The browser's permission to send page addresses and text was not granted.";
  await updateSettings({ serverMatching: on && allowed });
  if (!allowed) $("server-matching").checked = false;
});
$("site-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const entry = parseSiteEntry($("site-host").value);
  const status = $("site-status");
  if ("error" in entry) {
    $("site-host").setAttribute("aria-invalid", "true");
    status.className = "error";
    status.textContent = entry.error;
    $("site-host").focus();
    return;
  }
  $("site-host").removeAttribute("aria-invalid");
  await setHostListed("disabledSites", entry.host, true);
  status.className = "muted";
  status.textContent = `Added ${entry.host}.`;
  $("site-host").value = "";
});
$("what-is-sent").replaceChildren(...WHAT_IS_SENT.flatMap(({ title, text }) => [h(document, "dt", { text: title }), h(document, "dd", { text })]));

ext.onStorageChanged((changes, area) => {
  if (area === "local" && (changes[SETTINGS_KEY] || changes[INDEX_KEY])) void draw();
});
void draw();
