/** The exact statement of what the extension sends, shown on the options page and in the popup. */

/** @type {ReadonlyArray<{title: string, text: string}>} */
export const WHAT_IS_SENT = Object.freeze([
  {
    title: "The list of profiled sites",
    text: "When the browser starts, every 30 minutes and when you change the API address, the extension downloads GET /v1/index from the API server. That request carries nothing about the pages you visit.",
  },
  {
    title: "On a profiled site",
    text: "When automatic notes are on, it sends POST /v1/annotate with exactly three things: the page address (URL), your browser's language code (such as \"en\") so notes come in your language, and the text of the article's paragraphs and headings as found by Mozilla Readability.",
  },
  {
    title: "On every other site",
    text: "Nothing, unless you press \"Annotate this page\" in the toolbar popup, or switch on \"every other site\" in the options; then the same three things are sent for that page.",
  },
  {
    title: "Never sent",
    text: "Cookies, accounts or identifiers, other tabs, your browsing history, the rest of the page (menus, comments, forms) or anything you type. The API server sees your IP address, as with any web request. Settings stay in this browser.",
  },
  {
    title: "Feedback on a card",
    text: "Only when you press \"Helpful\", or send \"Not helpful\": POST /v1/feedback with that profile's id and the revision the card shows, your vote, the reasons you ticked and the words you typed. Not the page address, not who you are; the server keeps counts, and no IP address or browser details with them.",
  },
]);
