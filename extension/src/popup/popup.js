/** Toolbar popup: the current page's summary, the annotate button and a per-site switch. */

import { ext } from "../shared/browser.js";
import { h } from "../shared/dom.js";
import { msg, validateResponse } from "../shared/messages.js";
import { setHostListed } from "../shared/settings.js";

const REASON_WORDS = {
  local: "Names are matched on this device: nothing about this page leaves the browser.",
  server: "You opted in to matching on the server: this page's address and article text go to the API.",
  user: "Annotated on request.",
  disabled: "Automatic notes are off for this site: nothing runs unless you ask.",
  "auto-off": "Automatic notes are off in the options: nothing runs unless you ask.",
  "not-http": "Notes work on web pages only.",
};

const app = /** @type {HTMLElement} */ (document.getElementById("app"));

/** Ask the background for this tab's state (null when it cannot answer). */
async function loadState(tabId) {
  try {
    return validateResponse("popup-state", await ext.sendMessage(msg.popupState(tabId)));
  } catch {
    return null;
  }
}

/** What was found on the page. */
function summaryView(state) {
  const s = state.summary;
  if (!s) return [];
  if (s.state === "error" || s.error) {
    return [h(document, "p", { class: "error", text: `The API could not be used, so the page was left untouched. ${s.error ?? ""}` })];
  }
  if (s.state === "empty") return [h(document, "p", { class: "muted", text: "No article text was found on this page." })];
  if (s.state !== "annotated") return [];
  return [
    h(document, "h2", { text: "Outlet" }),
    s.outlet
      ? h(document, "p", {}, [h(document, "strong", { text: s.outlet.name }), " ", s.outlet.category ? h(document, "span", { class: "pill", text: s.outlet.category }) : null])
      : h(document, "p", { class: "muted", text: "Not a profiled outlet." }),
    h(document, "h2", { text: "People and outlets quoted" }),
    s.names.length ? h(document, "ul", {}, s.names.map((n) => h(document, "li", { text: n }))) : h(document, "p", { class: "muted", text: "None found." }),
    h(document, "p", { class: "muted", text: s.notes === 1 ? "1 note on this page." : `${s.notes} notes on this page.` }),
  ];
}

/** Draw the popup for a tab. */
async function draw(tabId) {
  const state = await loadState(tabId);
  if (!state) {
    app.replaceChildren(h(document, "h1", { text: "Provenance Notes" }), h(document, "p", { class: "error", text: "The extension is not ready; try again." }));
    return;
  }
  const button = h(document, "button", { class: "primary", type: "button", text: "Annotate this page", disabled: state.reason === "not-http" });
  button.addEventListener("click", async () => {
    button.setAttribute("disabled", "");
    button.textContent = "Annotating…";
    await ext.sendMessage(msg.popupAnnotate(tabId)).catch(() => null);
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const next = await loadState(tabId);
      if (next?.summary && ["annotated", "error", "empty"].includes(next.summary.state)) break;
    }
    await draw(tabId);
  });
  const toggle = h(document, "input", { type: "checkbox", id: "site-off", checked: state.siteDisabled });
  toggle.addEventListener("change", async () => {
    await setHostListed("disabledSites", state.host, /** @type {HTMLInputElement} */ (toggle).checked);
    await draw(tabId);
  });
  const options = h(document, "button", { class: "link", type: "button", text: "Options and privacy" });
  options.addEventListener("click", () => ext.openOptionsPage());
  const index = state.index.error
    ? h(document, "span", { class: "error", text: "Site list: API unreachable" })
    : h(document, "span", { class: "muted", text: `${state.index.count} profiled hosts` });
  // replaceChildren would turn a null into the text "null": leave absent parts out.
  const parts = [
    h(document, "h1", { text: "Provenance Notes" }),
    state.host ? h(document, "p", { class: "host", text: state.host }) : null,
    h(document, "p", { class: "muted", text: REASON_WORDS[state.reason] ?? "" }),
    ...summaryView(state),
    button,
    state.host ? h(document, "label", {}, [toggle, `No automatic notes on ${state.host}`]) : null,
    h(document, "div", { class: "foot" }, [options, index]),
  ];
  app.replaceChildren(...parts.filter((part) => part !== null));
}

/** The tab to describe: the active one, or `?tab=ID` when the popup is opened as a page (tests). */
async function targetTab() {
  const forced = Number(new URLSearchParams(location.search).get("tab"));
  if (Number.isInteger(forced) && forced > 0) return forced;
  return (await ext.activeTab())?.id;
}

targetTab()
  .then((tabId) => (tabId === undefined ? null : draw(tabId)))
  .catch(() => null);
