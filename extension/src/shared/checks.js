/** Tiny runtime type checks used to validate messages and API data on receipt. */

/** @typedef {(value: unknown) => boolean} Check */

/** A string of at most `max` UTF-16 units. @returns {Check} */
export const str = (max = 10_000) => (v) => typeof v === "string" && v.length <= max;

/** A boolean. @type {Check} */
export const bool = (v) => typeof v === "boolean";

/** An integer within [min, max]. @returns {Check} */
export const int = (min = 0, max = Number.MAX_SAFE_INTEGER) => (v) =>
  Number.isInteger(v) && /** @type {number} */ (v) >= min && /** @type {number} */ (v) <= max;

/** One of the listed literal values. @returns {Check} */
export const oneOf = (...values) => (v) => values.includes(v);

/** An absolute http(s) URL. @type {Check} */
export const httpUrl = (v) => {
  if (!str(8192)(v)) return false;
  try {
    const { protocol } = new URL(/** @type {string} */ (v));
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
};

/** An array of at most `max` items, each passing `check`. @returns {Check} */
export const arrayOf = (check, max) => (v) => Array.isArray(v) && v.length <= max && v.every(check);

/** `null` or passing `check`. @returns {Check} */
export const nullable = (check) => (v) => v === null || check(v);

/** Absent or passing `check`. @returns {Check} */
export const optional = (check) => (v) => v === undefined || check(v);

/** A plain object with exactly these (possibly optional) fields. @returns {Check} */
export const shape = (fields) => (v) => {
  if (!v || typeof v !== "object" || Array.isArray(v)) return false;
  const obj = /** @type {Record<string, unknown>} */ (v);
  return (
    Object.keys(obj).every((k) => Object.hasOwn(fields, k)) &&
    Object.entries(fields).every(([k, check]) => check(obj[k]))
  );
};

/** A plain (non-array) object. @type {Check} */
export const object = (v) => Boolean(v) && typeof v === "object" && !Array.isArray(v);
