/** The exact statement of what the extension sends, shown on the options page (and in the README). */

/**
 * Firefox data-collection types of the opt-in to matching on the server: the page address
 * (`browsingActivity`) and the article text (`websiteContent`). Declared as optional in the
 * manifest; by default the extension collects nothing (`required: ["none"]`).
 */
export const SERVER_MATCHING_DATA = Object.freeze(["browsingActivity", "websiteContent"]);

/** @type {ReadonlyArray<{title: string, text: string}>} */
export const WHAT_IS_SENT = Object.freeze([
  {
    title: "Downloads that carry nothing about your pages",
    text: "When the browser starts, every 30 minutes and when you change the API address, the extension downloads from the API server the list of profiled sites (GET /v1/index), the name list it matches with (GET /v1/names) and the card bucket scheme (GET /v1/cards), each revalidated with its ETag.",
  },
  {
    title: "On every page you read",
    text: "The names in the article's paragraphs and headings (as found by Mozilla Readability) are matched on this device. The outlet banner comes from the downloaded site list. Nothing about the page leaves the browser: not its address, its site, its text, nor which names it contains.",
  },
  {
    title: "Cards of the names found",
    text: "Cards come in buckets: GET /v1/cards/bucket/{prefix}?lang={your browser's language code}, where the prefix is the first hex digit(s) of the SHA-256 hash of a found profile's id. Every bucket holds the cards of at least 8 profiles, so the server cannot tell which one was on the page. A bucket is kept and asked for again only after the published data changed.",
  },
  {
    title: "Only if you opt in: matching on the server",
    text: "With \"Match on the API server\" switched on in the options (and, in Firefox, the data-collection permission granted), each page's address, your browser's language code and the article's text go to POST /v1/annotate instead.",
  },
  {
    title: "Never sent",
    text: "Cookies, accounts or identifiers, other tabs, your browsing history, the rest of the page (menus, comments, forms) or anything you type into web pages (only the correction and feedback forms below send what you type in them). The API server sees your IP address, as with any web request. Settings stay in this browser.",
  },
  {
    title: "Reporting a correction",
    text: "Only when you press \"Report a correction\" on a card: the form loads that profile (GET /v1/entities/{id}) and sends what you type (POST /v1/corrections).",
  },
  {
    title: "Feedback on a card",
    text: "Only when you press \"Helpful\", or send \"Not helpful\": POST /v1/feedback with that profile's id and the revision the card shows, your vote, the reasons you ticked and the words you typed. Not the page address, not who you are; the server keeps counts, and no IP address or browser details with them.",
  },
]);
