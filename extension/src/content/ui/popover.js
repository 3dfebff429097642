/** One shared card popover: opens on hover, focus or click of a marker; Escape closes it. */

import { h, shadowHost } from "../../shared/dom.js";
import { CARD_CSS } from "./styles.js";

export const CARD_TAG = "provenance-notes-card";
const OPEN_DELAY_MS = 120;
const CLOSE_DELAY_MS = 250;
const GAP = 6;

/** @typedef {{kind: string, title: string, body: Node[]}} CardContent */

/**
 * Create the popover; `attach` wires a marker button to it, `destroy` removes everything.
 * @param {Document} doc
 */
export function createPopover(doc) {
  const win = /** @type {Window} */ (doc.defaultView);
  const { host, root } = shadowHost(doc, CARD_TAG, CARD_CSS);
  const panel = h(doc, "div", { class: "pn card", role: "dialog", "aria-modal": "false", "aria-labelledby": "pn-title", hidden: true });
  root.append(panel);
  /** @type {HTMLElement | null} */
  let anchor = null;
  let pinned = false;
  let refocusing = false;
  let openTimer = 0;
  let closeTimer = 0;

  const clearTimers = () => {
    win.clearTimeout(openTimer);
    win.clearTimeout(closeTimer);
  };

  /** Place the panel under the marker, or above it when there is no room below. */
  function position(button) {
    const rect = button.getBoundingClientRect();
    const width = panel.offsetWidth;
    const height = panel.offsetHeight;
    const left = Math.max(8, Math.min(rect.left, win.innerWidth - width - 8));
    const below = rect.bottom + GAP + height <= win.innerHeight || rect.top < height + GAP;
    const top = below ? rect.bottom + GAP : rect.top - GAP - height;
    panel.style.left = `${left + win.scrollX}px`;
    panel.style.top = `${top + win.scrollY}px`;
  }

  /** Close when a pointer goes down outside the card and its marker. */
  function onOutside(event) {
    const path = event.composedPath();
    if (!path.includes(host) && !(anchor && path.includes(anchor))) close(false);
  }

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
    }
    if (!host.isConnected) doc.documentElement.append(host);
    panel.hidden = false;
    pinned = pinned || pin;
    button.setAttribute("aria-expanded", "true");
    position(button);
    doc.addEventListener("pointerdown", onOutside, true);
    if (focus) root.getElementById("pn-title")?.focus({ preventScroll: true });
  }

  /** Hide the card; optionally give focus back to its marker. */
  function close(restoreFocus) {
    clearTimers();
    panel.hidden = true;
    pinned = false;
    doc.removeEventListener("pointerdown", onOutside, true);
    const previous = anchor;
    anchor?.setAttribute("aria-expanded", "false");
    anchor = null;
    if (restoreFocus && previous) {
      refocusing = true;
      previous.focus({ preventScroll: true });
      refocusing = false;
    }
  }

  const scheduleClose = () => {
    win.clearTimeout(closeTimer);
    closeTimer = win.setTimeout(() => !pinned && close(false), CLOSE_DELAY_MS);
  };

  panel.addEventListener("mouseenter", () => win.clearTimeout(closeTimer));
  panel.addEventListener("mouseleave", () => !pinned && scheduleClose());
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      close(true);
    }
  });
  panel.addEventListener("focusout", (event) => {
    const next = /** @type {Node | null} */ (event.relatedTarget);
    if (next && (root.contains(next) || next === anchor)) return;
    if (next) close(false);
  });

  /**
   * Wire a marker button to the popover.
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
    button.addEventListener("focus", () => !refocusing && open(button, content, { pin: false, focus: false }));
    button.addEventListener("blur", (event) => {
      if (event.relatedTarget !== host && !pinned) scheduleClose();
    });
    button.addEventListener("click", (event) => {
      event.preventDefault();
      event.stopPropagation();
      if (anchor === button && pinned) close(false);
      else open(button, content, { pin: true, focus: true });
    });
    button.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && anchor === button) close(false);
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
