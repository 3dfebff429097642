// Python's character predicates (str.isupper, islower, isalpha, isalnum, isdigit, isspace and
// the combining-mark category) for the matcher's checks on the original text.

const UPPER = /\p{Uppercase}/u;
const LOWER = /\p{Lowercase}/u;
const TITLE = /\p{Lt}/u;
const ALPHA = /\p{L}/u;
const ALNUM = /[\p{L}\p{N}]/u;
const DIGIT = /[\p{Nd}\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792]/u;
const MARK = /\p{M}/u;
const SPACE = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** Whether some character of `text` is cased, and none is of the case `other` or title case. */
function allCased(text, own, other) {
  let any = false;
  for (const c of text) {
    if (other.test(c) || TITLE.test(c)) return false;
    if (own.test(c)) any = true;
  }
  return any;
}

/** str.isupper and str.islower. */
export const isUpper = (text) => allCased(text, UPPER, LOWER);
export const isLower = (text) => allCased(text, LOWER, UPPER);

const every = (pattern) => (text) => {
  if (!text) return false;
  for (const c of text) if (!pattern.test(c)) return false;
  return true;
};
export const isAlpha = every(ALPHA);
export const isAlnum = every(ALNUM);
export const isDigit = every(DIGIT);
export const isSpace = every(SPACE);
export const isMark = (c) => c !== undefined && MARK.test(c);

/** rules.cased: whether the first letter of `text` has an upper and a lower case. */
export function hasCase(text) {
  const first = firstPoint(text);
  return first !== "" && first.toUpperCase() !== first.toLowerCase();
}

export function firstPoint(text) {
  if (!text) return "";
  const code = text.codePointAt(0);
  return String.fromCodePoint(code);
}

/** The code points `a` to `b` of `pts`: a string without astral characters, or an array. */
export const cut = (pts, a, b) => (typeof pts === "string" ? pts.slice(a, b) : pts.slice(a, b).join(""));
