/** Storage keys shared by the background and the extension pages. */

/** `storage.local` key of the locally kept `/v1/index`. */
export const INDEX_KEY = "hostIndex";
/** `storage.local` key of the locally kept name pack (`/v1/names`). */
export const NAMES_KEY = "namePack";
/** `storage.local` key of the card bucket scheme (`/v1/cards`). */
export const CARD_SCHEME_KEY = "cardScheme";
/** `storage.local` key prefix of each kept card bucket (`/v1/cards/bucket/{prefix}`). */
export const CARD_BUCKET_PREFIX = "cardBucket:";
