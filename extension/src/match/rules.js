// The rules of api/annotate/rules.py that look at the text around a hit, over code points.

import { cut, hasCase, isAlnum, isAlpha, isDigit, isLower, isUpper } from "./chars.js";

export const ANY_CASE = 0;
export const CAPITAL = 1;
export const EVERY_WORD = 2;
export const CAPITALS = 3;

const PARTS = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\-‐'’]+/u;
const EXPANSION_WORD = /[\p{L}\p{Nl}\p{No}][\p{L}\p{N}_'’-]*/gu;
const LEADING = new Set(Array.from("(«\"“„'‘["));
const LETTER = /[\p{L}\p{Nl}\p{No}]/u;
const NOT_CYRILLIC = /[^\u0400-\u052f]/u;

const length = (text) => Array.from(text).length;
const first = (text) => Array.from(text)[0] ?? "";

function capitalised(parts) {
  return parts.every((p) => !(hasCase(p) && (length(p) > 1 || !isLower(p))) || isUpper(first(p)));
}

/** The strictest case need that `hit` satisfies. */
export function caseOf(hit) {
  if (isUpper(hit)) return CAPITALS;
  if (!isUpper(first(hit))) return ANY_CASE;
  return capitalised(hit.split(PARTS)) ? EVERY_WORD : CAPITAL;
}

/** The rules bound to one name pack's word lists, a folder and the article's code points. */
export function makeRules(pack, folder) {
  const r = pack.rules;
  const hyphens = new Set(Array.from(r.hyphens));
  const titles = new Set(r.titles);
  const starters = new Set(r.sentence_starters);
  const small = new Set(r.small_words);
  let givenNames = null; // built on the first Cyrillic word that may be a given name
  const fold = folder.foldText;

  const codeAt = (pts, i, step) => {
    let found = false;
    while (i >= 0 && i < pts.length && isAlnum(pts[i])) {
      found = found || isUpper(pts[i]) || isDigit(pts[i]);
      i += step;
    }
    return found;
  };

  return {
    codeCompound(pts, start, end) {
      if (end + 1 < pts.length && hyphens.has(pts[end]) && codeAt(pts, end + 1, 1)) return true;
      return start >= 2 && hyphens.has(pts[start - 1]) && codeAt(pts, start - 2, -1);
    },
    inParentheses: (pts, start, end) => start > 0 && pts[start - 1] === "(" && pts[end] === ")",
    runsOn: (pts, end) => pts[end] === " " && pts[end + 1] !== undefined && isUpper(pts[end + 1]),
    expansionBefore(pts, start, acronym) {
      const letters = fold(acronym);
      const words = cut(pts, Math.max(0, start - 200), Math.max(0, start - 1));
      const found = words.match(EXPANSION_WORD) ?? [];
      let initials = "";
      while (found.length && initials.length < letters.length) {
        const word = found.pop();
        if (small.has(fold(word))) continue;
        initials = fold(first(word)) + initials;
      }
      return initials === letters;
    },
    givenNameBefore(pts, start) {
      if (start < 3 || pts[start - 1] !== " ") return null;
      const low = Math.max(0, start - 40);
      let begin = 0;
      for (let i = start - 2; i >= low; i--) {
        if (pts[i] === " " || pts[i] === "\x00") {
          begin = i + 1;
          break;
        }
      }
      let a = begin;
      while (a < start - 1 && LEADING.has(pts[a])) a++;
      const word = Array.from(cut(pts, a, start - 1));
      if (!word.length || !isUpper(word[0])) return null;
      if (word.length === 2 && word[1] === ".") return word[0];
      const text = word.join("");
      if (!isLower(word.slice(1).join("")) || !isAlpha(text)) return null;
      const folded = fold(text);
      if (titles.has(folded) || starters.has(folded)) return null;
      const cyrillic = LETTER.test(text) && !word.some((c) => LETTER.test(c) && NOT_CYRILLIC.test(c));
      if (cyrillic && !(givenNames ??= new Set(r.given_names.split("\n"))).has(folded)) return null;
      return text;
    },
  };
}
