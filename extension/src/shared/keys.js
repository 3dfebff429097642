/** Storage keys shared by the background and the extension pages. */

/** `storage.local` key of the locally kept `/v1/index`. */
export const INDEX_KEY = "hostIndex";
