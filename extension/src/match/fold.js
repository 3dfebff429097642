// Folding for the local matcher: the rules of api/annotate/folding.py over the name pack's table.
// Offsets are code points. Each code point of the folded text is one string unit here: an astral
// character that folds to itself stands in as a private-use placeholder (word characters and
// others apart), so string indices are code-point indices on both sides.

const UNSPACED = /^[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const WORD = /[\p{L}\p{N}\p{M}]/u;
const ASTRAL_WORD = "\ue000";
const ASTRAL_OTHER = "\ue001";

/** One code point's fold: [folded text, its word skeleton] (single-unit characters only). */
function foldPoint(table, char) {
  let folded = table.get(char);
  if (folded === undefined) folded = char;
  if (folded.length === 1 && UNSPACED.test(folded)) folded = ` ${folded} `;
  let text = "";
  let words = "";
  for (const c of folded) {
    const word = WORD.test(c);
    const unit = c.length === 1 ? c : word ? ASTRAL_WORD : ASTRAL_OTHER;
    text += unit;
    words += word ? unit : " ";
  }
  return [text, words];
}

/** A folder bound to one name pack's fold table, with a cache of folded characters. */
export function makeFolder(foldTable) {
  const table = new Map(Object.entries(foldTable));
  const cache = new Map();
  const point = (char) => {
    let part = cache.get(char);
    if (part === undefined) {
      part = foldPoint(table, char);
      cache.set(char, part);
    }
    return part;
  };
  /** Fold an array of code points: text, words and the folded start of each code point. */
  function foldPoints(points) {
    const texts = new Array(points.length);
    const words = new Array(points.length);
    for (let i = 0; i < points.length; i++) [texts[i], words[i]] = point(points[i]);
    squeeze(points, texts, words, point);
    return new Folded(texts, words);
  }
  return {
    foldPoints,
    fold: (text) => foldPoints(Array.from(text)),
    foldText: (text) => foldPoints(Array.from(text)).text,
    alone: (char) => point(char)[0] === " ",
  };
}

/** The index after the last element of the sorted `values` that is at most `x`. */
export function bisectRight(values, x) {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A folded text and the map from its offsets back to the code points of the original. */
export class Folded {
  constructor(texts, words) {
    this.text = texts.join("");
    this.words = words.join("");
    const starts = new Array(texts.length + 1);
    let at = 0;
    let regular = true;
    for (let i = 0; i < texts.length; i++) {
      starts[i] = at;
      at += texts[i].length;
      if (texts[i].length !== 1) regular = false;
    }
    starts[texts.length] = at;
    this.starts = starts;
    this.irregular = !regular;
  }

  /** Map folded offset `i` to the original: a start, or an exclusive end. */
  toOriginal(i, end = false) {
    if (!this.irregular) return i;
    const starts = this.starts;
    const j = bisectRight(starts, i) - 1;
    return starts[j] === i ? j : j + (end ? 1 : 0);
  }

  span(start, end) {
    return [this.toOriginal(start), this.toOriginal(end, true)];
  }
}

/** Rule 2: in each run of spaces, drop those that stand for whole space characters, but keep
 * the first if nothing else is left (the spaces around Chinese characters stay). */
function squeeze(points, texts, words, point) {
  const joined = texts.join("");
  if (!joined.includes("  ")) return;
  const owner = [];
  for (let i = 0; i < texts.length; i++) for (let k = 0; k < texts[i].length; k++) owner.push(i);
  const runs = /  +/g;
  const dropped = [];
  for (let run = runs.exec(joined); run; run = runs.exec(joined)) {
    const alone = [];
    for (let i = run.index; i < run.index + run[0].length; i++) {
      if (point(points[owner[i]])[0] === " ") alone.push(owner[i]);
    }
    dropped.push(...(alone.length === run[0].length ? alone.slice(1) : alone));
  }
  for (const i of dropped) {
    texts[i] = "";
    words[i] = "";
  }
}
