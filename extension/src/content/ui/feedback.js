/** "Was this helpful?" on a card: helpful, or not helpful with reasons, sent through the background. */

import { h } from "../../shared/dom.js";
import { FEEDBACK_REASONS, MAX_FEEDBACK_TEXT, msg } from "../../shared/messages.js";
import { send as sendToBackground } from "../messenger.js";

/** @typedef {import("../../shared/messages.js").FeedbackReason} FeedbackReason */

/** @type {Record<FeedbackReason, string>} */
export const REASON_LABELS = Object.freeze({
  outdated: "Outdated",
  wrong_person: "Wrong person",
  source_dead: "Source missing or dead",
  unfair_wording: "Unfair wording",
  other: "Other",
});

const THANKS = "Thank you. Curators see what readers say about this note; it does not change the note by itself.";

/** The revision the card shows, when the API said (the server takes the current one otherwise). */
function revisionOf(card) {
  const revision = card.review?.revision;
  return Number.isInteger(revision) && revision > 0 ? revision : null;
}

/**
 * The feedback controls of one card. `send` delivers a message to the background and resolves
 * to its validated answer or null (the content script's messenger by default).
 * @param {Document} doc
 * @param {import("../../shared/api-response.js").Card} card
 * @param {(message: object) => Promise<any>} [send]
 */
export function feedbackSection(doc, card, send = sendToBackground) {
  const id = (part) => `pn-fb-${card.slug}-${part}`;
  const status = h(doc, "p", { class: "fb-status", id: id("status"), role: "status", tabindex: "-1" });
  const problem = h(doc, "p", { class: "fb-error", id: id("error"), role: "alert" });
  const boxes = FEEDBACK_REASONS.map((reason) =>
    h(doc, "label", { class: "fb-reason" }, [h(doc, "input", { type: "checkbox", name: "reason", value: reason }), ` ${REASON_LABELS[reason]}`]),
  );
  const text = h(doc, "textarea", { id: id("text"), name: "text", rows: "2", maxlength: String(MAX_FEEDBACK_TEXT), dir: "auto", "aria-describedby": id("hint") });
  const submit = h(doc, "button", { type: "submit", class: "fb-send", text: "Send" });
  const cancel = h(doc, "button", { type: "button", class: "fb-cancel", text: "Cancel" });
  const form = h(doc, "form", { class: "fb-form", id: id("form"), hidden: true, "aria-label": `What is wrong with the note on ${card.name}?`, novalidate: true }, [
    h(doc, "fieldset", {}, [h(doc, "legend", { text: "What is wrong?" }), ...boxes]),
    h(doc, "label", { for: id("text"), text: "In your words" }),
    text,
    h(doc, "p", { class: "fb-hint", id: id("hint"), text: "Needed for \u201cOther\u201d. Sent with the reasons and this profile only: not the page, not who you are." }),
    problem,
    h(doc, "div", { class: "fb-actions" }, [submit, cancel]),
  ]);
  const helpful = h(doc, "button", { type: "button", class: "fb-vote", text: "Helpful" });
  const notHelpful = h(doc, "button", { type: "button", class: "fb-vote", "aria-expanded": "false", "aria-controls": id("form"), text: "Not helpful" });
  const votes = h(doc, "div", { class: "fb-votes", role: "group", "aria-labelledby": id("question") }, [
    h(doc, "span", { class: "fb-question", id: id("question"), text: "Was this note helpful?" }),
    helpful,
    notHelpful,
  ]);
  const section = h(doc, "section", { class: "feedback", "aria-label": `Feedback on ${card.name}` }, [votes, form, status]);

  const checked = () => /** @type {FeedbackReason[]} */ (boxes.map((label) => label.querySelector("input")).filter((box) => box.checked).map((box) => box.value));

  function showProblem(message, focus) {
    problem.textContent = message;
    text.setAttribute("aria-invalid", String(focus === text));
    focus.focus();
  }

  /** Send one vote; on success the whole section becomes the thank-you note, focused. */
  async function deliver(vote, reasons, words) {
    problem.textContent = "";
    status.textContent = "Sending\u2026";
    for (const control of [helpful, notHelpful, submit]) control.setAttribute("disabled", "");
    const answer = await send(msg.sendFeedback(card.slug, revisionOf(card), vote, reasons, words));
    if (answer?.ok) {
      votes.hidden = true;
      form.hidden = true;
      status.textContent = THANKS;
      status.classList.add("fb-thanks");
      status.focus();
      return;
    }
    for (const control of [helpful, notHelpful, submit]) control.removeAttribute("disabled");
    status.textContent = "";
    const why = answer?.error?.message ? ` (${answer.error.message})` : "";
    showProblem(`Not sent${why}. Try again in a moment.`, form.hidden ? helpful : submit);
  }

  helpful.addEventListener("click", () => void deliver("helpful", [], null));
  notHelpful.addEventListener("click", () => {
    form.hidden = !form.hidden;
    notHelpful.setAttribute("aria-expanded", String(!form.hidden));
    if (!form.hidden) /** @type {HTMLElement} */ (boxes[0].querySelector("input")).focus();
  });
  cancel.addEventListener("click", () => {
    form.hidden = true;
    problem.textContent = "";
    notHelpful.setAttribute("aria-expanded", "false");
    notHelpful.focus();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const reasons = checked();
    const words = text.value.trim() ? text.value.trim().slice(0, MAX_FEEDBACK_TEXT) : null;
    if (reasons.length === 0) return showProblem("Pick at least one reason.", /** @type {HTMLElement} */ (boxes[0].querySelector("input")));
    if (reasons.includes("other") && !words) return showProblem("Say in a few words what is wrong (\u201cOther\u201d).", text);
    void deliver("not_helpful", reasons, words);
  });
  return section;
}
