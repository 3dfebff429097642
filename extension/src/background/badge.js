/** The toolbar icon's badge and tooltip: note counts and API trouble. */

import { ext } from "../shared/browser.js";

const NAME = "Provenance Notes";
const COLOR_NOTES = "#0b5cad";
const COLOR_ERROR = "#b3261e";

/** Show the number of notes on a tab's page. */
export function showNotes(tabId, count) {
  const title = count === 1 ? `${NAME}: 1 note on this page` : `${NAME}: ${count} notes on this page`;
  return ext.setBadge({ tabId, text: count > 0 ? String(count) : "", color: COLOR_NOTES, title });
}

/** Say that the API failed for this tab's page (unreachable, slow or an error). */
export function showTabError(tabId, message) {
  return ext.setBadge({ tabId, text: "!", color: COLOR_ERROR, title: `${NAME}: API problem, page left untouched. ${message}` });
}

/** Clear a tab's badge back to the default title. */
export function clearTab(tabId) {
  return ext.setBadge({ tabId, text: "", title: NAME });
}

/** Set the default badge for all tabs from the index state (error or fine). */
export function showGlobal(error) {
  return error
    ? ext.setBadge({ text: "!", color: COLOR_ERROR, title: `${NAME}: cannot refresh the list of profiled sites. ${error}` })
    : ext.setBadge({ text: "", title: NAME });
}
