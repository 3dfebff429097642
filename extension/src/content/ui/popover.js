/** One shared card: a non-modal dialog placed after its marker in reading order. */

import { h, shadowHost } from "../../shared/dom.js";
import { CARD_CSS } from "./styles.js";
import { placeCard, sentenceRanges } from "./place.js";
import { pageIsDark } from "./theme.js";

export const CARD_TAG = "provenance-notes-card";
const OPEN_DELAY_MS = 120;
const CLOSE_DELAY_MS = 250;
const TABBABLE = "a[href], button:not([disabled]), input:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/** @typedef {{kind: string, title: string, body: Node[]}} CardContent */

/** The marker host (light DOM element) holding a marker button. */
const markerHost = (button) => /** @type {ShadowRoot} */ (button.getRootNode()).host ?? button;

/**
 * Create the popover; `attach` wires a marker button to it, `destroy` removes everything.
 * @param {Document} doc
 */
export function createPopover(doc) {
  const win = /** @type {Window} */ (doc.defaultView);
  const { host, root } = shadowHost(doc, CARD_TAG, CARD_CSS);
  const panel = h(doc, "div", { class: "pn card", role: "dialog", "aria-modal": "false", "aria-labelledby": "pn-title", lang: "en", dir: "auto", hidden: true });
  const topLayer = typeof panel.showPopover === "function";
  if (topLayer) panel.setAttribute("popover", "manual");
  root.append(panel);
  /** @type {HTMLElement | null} */
  let anchor = null;
  /** @type {Range[]} the anchor's sentence, which the card leaves visible */
  let sentence = [];
  let pinned = false;
  let openTimer = 0;
  let closeTimer = 0;

  const clearTimers = () => {
    win.clearTimeout(openTimer);
    win.clearTimeout(closeTimer);
  };
  const reposition = () => anchor && placeCard(win, panel, anchor, sentence);

  /** Close when a pointer goes down outside the card and its marker. */
  function onOutside(event) {
    const path = event.composedPath();
    if (!path.includes(host) && !(anchor && path.includes(anchor))) close(false);
  }

  /** Escape closes the card wherever focus is; focus returns to the marker when it was ours. */
  function onDocumentKey(event) {
    if (event.key !== "Escape" || !anchor) return;
    const path = event.composedPath();
    const ours = path.includes(host) || path.includes(anchor);
    if (ours) event.stopPropagation();
    close(ours);
  }

  /** The controls Tab can reach inside the card, in order. */
  const tabbables = () => [...root.querySelectorAll(TABBABLE)].filter((el) => !el.closest("[hidden]"));

  /**
   * Show the card for a marker.
   * @param {HTMLElement} button
   * @param {() => CardContent} content
   * @param {{pin: boolean, focus: boolean}} how
   */
  function open(button, content, { pin, focus }) {
    clearTimers();
    if (anchor !== button) {
      const { kind, title, body } = content();
      panel.replaceChildren(
        h(doc, "div", { class: "head" }, [
          h(doc, "div", {}, [h(doc, "div", { class: "kind", text: kind }), h(doc, "h2", { id: "pn-title", tabindex: "-1", text: title })]),
          h(doc, "button", { class: "close", type: "button", "aria-label": "Close", text: "×", onclick: () => close(true) }),
        ]),
        ...body,
      );
      anchor?.setAttribute("aria-expanded", "false");
      anchor = button;
      sentence = sentenceRanges(button);
    }
    const after = markerHost(button);
    if (after.nextSibling !== host) after.after(host);
    panel.classList.toggle("dark", pageIsDark(win, after));
    panel.hidden = false;
    if (topLayer && !panel.matches(":popover-open")) panel.showPopover();
    pinned = pinned || pin;
    button.setAttribute("aria-expanded", "true");
    reposition();
    doc.addEventListener("pointerdown", onOutside, true);
    doc.addEventListener("keydown", onDocumentKey, true);
    win.addEventListener("scroll", reposition, { passive: true, capture: true });
    win.addEventListener("resize", reposition);
    if (focus) root.getElementById("pn-title")?.focus({ preventScroll: true });
  }

  /** Hide the card and take it out of the page; optionally give focus back to its marker. */
  function close(restoreFocus) {
    clearTimers();
    if (topLayer && panel.matches(":popover-open")) panel.hidePopover();
    panel.hidden = true;
    pinned = false;
    doc.removeEventListener("pointerdown", onOutside, true);
    doc.removeEventListener("keydown", onDocumentKey, true);
    win.removeEventListener("scroll", reposition, { capture: true });
    win.removeEventListener("resize", reposition);
    const previous = anchor;
    anchor?.setAttribute("aria-expanded", "false");
    anchor = null;
    sentence = [];
    if (restoreFocus && previous) previous.focus({ preventScroll: true });
    host.remove();
  }

  const scheduleClose = () => {
    win.clearTimeout(closeTimer);
    closeTimer = win.setTimeout(() => !pinned && close(false), CLOSE_DELAY_MS);
  };

  panel.addEventListener("mouseenter", () => win.clearTimeout(closeTimer));
  // A reader working inside a card opened by hover (feedback, sources) keeps it open.
  panel.addEventListener("focusin", () => {
    if (anchor) pinned = true;
  });
  panel.addEventListener("mouseleave", () => !pinned && scheduleClose());
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      close(true);
      return;
    }
    if (event.key !== "Tab") return;
    const list = tabbables();
    const current = root.activeElement;
    const first = current === root.getElementById("pn-title") || current === list[0];
    const last = current === list[list.length - 1] || list.length === 0;
    if ((event.shiftKey && first) || (!event.shiftKey && last)) {
      event.preventDefault();
      close(true);
    }
  });
  panel.addEventListener("focusout", (event) => {
    const next = /** @type {Node | null} */ (event.relatedTarget);
    if (next && (root.contains(next) || next === anchor || next === host || (anchor && next === markerHost(anchor)))) return;
    if (next) close(false);
  });

  /**
   * Wire a marker button (a disclosure button) to the popover.
   * @param {HTMLElement} button
   * @param {() => CardContent} content
   */
  function attach(button, content) {
    button.addEventListener("mouseenter", () => {
      win.clearTimeout(closeTimer);
      openTimer = win.setTimeout(() => open(button, content, { pin: false, focus: false }), OPEN_DELAY_MS);
    });
    button.addEventListener("mouseleave", () => {
      win.clearTimeout(openTimer);
      if (!pinned) scheduleClose();
    });
    button.addEventListener("click", (event) => {
      event.preventDefault();
      event.stopPropagation();
      if (anchor === button && pinned) close(false);
      else open(button, content, { pin: true, focus: true });
    });
  }

  return {
    attach,
    close: () => close(false),
    destroy() {
      close(false);
      host.remove();
    },
  };
}
