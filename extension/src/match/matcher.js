// The local matcher: api/annotate/matcher.py's scan over a name pack (GET /v1/names).
// createMatcher(pack).annotate(blocks) returns the mentions POST /v1/annotate would find.

import { cut, isLower, isMark, isSpace, isUpper } from "./chars.js";
import { bisectRight, makeFolder } from "./fold.js";
import { CAPITALS, ANY_CASE, caseOf, makeRules } from "./rules.js";

// Variant flags (api/annotate/builder.py).
const ACRONYM = 1;
const PATTERNS = 2;
const CLITIC = 4;
const SPLIT = 8;
const CASED = 16;
const UNCASED_NOTHING = 32;
const ARTICLED = 64;
const SEPARATOR = "\x00";
const ARABIC = /[\u0600-\u06ff\u0750-\u077f]/;
const SURROGATE = /[\ud800-\udfff]/;


function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

function patternOf(tokens) {
  const parts = tokens.map((t) => (t === "*" ? "[\\p{L}\\p{N}_]+" : t === "#" ? "\\p{Nd}+" : escape(t)));
  return new RegExp(`(?<![\\p{L}\\p{N}_])${parts.join(" ")}(?![\\p{L}\\p{N}_])`, "gu");
}

function decodeVariant(raw, outcomes) {
  const [flags, exact, surnameOf, cases, surnameCased, initials, patterns] = raw;
  const outcome = (c) => {
    if (c === null) return null;
    const key = JSON.stringify(c);
    let shared = outcomes.get(key);
    if (!shared) outcomes.set(key, (shared = { slugs: c[0], match: c[1] }));
    return shared;
  };
  return {
    flags,
    exact,
    surnameOf: new Set(surnameOf),
    cases: cases.map(outcome),
    surnameCased: Boolean(surnameCased),
    initials: new Set(initials),
    patterns: patterns.map(patternOf),
  };
}

/** Build a matcher from a name pack document; read-only afterwards. */
export function createMatcher(pack) {
  const folder = makeFolder(pack.fold);
  const rules = makeRules(pack, folder);
  const proclitics = new Set(pack.rules.proclitics);
  const ignorable = new Set(Array.from(pack.rules.ignorable));
  const keys = new Map();
  const prefixes = new Set();
  const outcomes = new Map();
  pack.keys.forEach(([key, flags, variants], id) => {
    const entry = { id, flags, variants: variants.map((v) => decodeVariant(v, outcomes)) };
    const body = key.slice(0, -1);
    keys.set(body, entry);
    for (let i = 1; i <= body.length; i++) if (i === body.length || body[i] === " ") prefixes.add(body.slice(0, i));
  });
  const slugs = pack.slugs;
  const kinds = pack.kinds;

  function hits(words, pts, irregular) {
    const padded = ` ${words} `;
    const found = [];
    const scan = (s, lead) => {
      for (let e = s + 1; e < padded.length; e++) {
        if (padded[e] !== " ") continue;
        const candidate = padded.slice(s, e);
        if (!prefixes.has(candidate)) return;
        const key = keys.get(candidate);
        if (key === undefined) continue;
        const start = lead ? s : s - 1;
        const end = start + candidate.length - (lead ? 1 : 0);
        if (!irregular && key.flags & UNCASED_NOTHING && !isUpper(pts[start])) continue;
        found.push([start, end, key]);
      }
    };
    for (let s = 0; s < padded.length - 1; s++) {
      if (padded[s] === " ") {
        if (padded[s + 1] !== " ") scan(s, true);
      } else if (ARABIC.test(padded[s])) scan(s, false); // only Arabic forms lack a lead space
    }
    found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    return found;
  }

  function pick(key, folded, start, end) {
    for (const v of key.variants) {
      if (v.exact === null || folded.slice(start, end) === v.exact) return v;
    }
    return null;
  }

  function patterned(folded, start, end, variant) {
    const offset = Math.max(0, start - 100);
    const window = folded.slice(offset, end + 100);
    for (const pattern of variant.patterns) {
      pattern.lastIndex = 0;
      for (const m of window.matchAll(pattern)) {
        if (m.index + offset <= start && m.index + m[0].length + offset >= end) return true;
      }
    }
    return false;
  }

  function afterProclitic(words, start) {
    const begin = words.lastIndexOf(" ", start - 1) + 1;
    return begin === start || proclitics.has(words.slice(begin, start));
  }

  const dropped = (c) => ignorable.has(c) || isSpace(c) || c === SEPARATOR;

  function find(pts, blockStarts) {
    const folded = folder.foldPoints(pts);
    const ftext = folded.text;
    const irregular = folded.irregular;
    const found = [];
    const seen = new Set();
    const refused = new Set();
    let taken = 0;
    const text = (a, b) => cut(pts, a, b);
    const spelledOut = (key, start, end, ours) => {
      if (!rules.inParentheses(pts, start, end)) return false;
      if (!rules.expansionBefore(pts, start, text(start, end)) || ours) return false;
      refused.add(key.id);
      return true;
    };
    const definedHere = (start, ids) => {
      if (!found.length) return false;
      const [, end, earlier] = found[found.length - 1];
      const between = text(end, start);
      return (between === "(" || between === " (") && earlier.slugs.some((s) => ids.includes(s));
    };
    for (const [start, end, key] of hits(folded.words, pts, irregular)) {
      if (start < taken) {
        if (key.flags & ACRONYM) spelledOut(key, ...folded.span(start, end), false);
        continue;
      }
      let cpStart = start;
      let cpEnd = end;
      if (irregular) {
        [cpStart, cpEnd] = folded.span(start, end);
        if (cpStart > 0 && isMark(pts[cpStart - 1])) continue;
        while (cpEnd > cpStart && dropped(pts[cpEnd - 1])) cpEnd--;
      }
      if (key.flags & UNCASED_NOTHING && !isUpper(pts[cpStart])) continue;
      const variant = pick(key, ftext, start, end);
      if (variant === null) continue;
      const hit = text(cpStart, cpEnd);
      const flags = variant.flags;
      let resolved;
      if (!flags) resolved = variant.cases[CAPITALS];
      else {
        if (flags & CLITIC && !afterProclitic(folded.words, start)) continue;
        if (!(flags & CASED) || isUpper(hit)) resolved = variant.cases[CAPITALS];
        else if (!isUpper(pts[cpStart])) resolved = variant.cases[ANY_CASE];
        else resolved = variant.cases[caseOf(hit)];
        if (flags & ACRONYM && resolved !== null) {
          if (rules.codeCompound(pts, cpStart, cpEnd)) continue;
          const ours = definedHere(cpStart, resolved.slugs);
          if (spelledOut(key, cpStart, cpEnd, ours)) continue;
        }
        if (flags & ARTICLED && rules.runsOn(pts, cpEnd)) continue;
        if (flags & PATTERNS && patterned(ftext, start, end, variant)) {
          taken = end;
          continue;
        }
      }
      if (variant.surnameOf.size && (!variant.surnameCased || isUpper(pts[cpStart]))) {
        const low = cpStart > 40 ? cpStart - 40 : 0;
        let begin = 0;
        for (let i = cpStart - 2; i >= low; i--) {
          if (pts[i] === " ") {
            begin = i + 1;
            break;
          }
        }
        if (cpStart > 2 && (!isLower(pts[begin]) || text(begin, cpStart).includes(SEPARATOR))) {
          const given = rules.givenNameBefore(pts, cpStart);
          if (given !== null && !variant.initials.has(folder.foldText(given))) {
            refused.add(key.id);
            taken = end;
            continue;
          }
        }
        resolved = withSurname(variant, resolved, seen);
      }
      if (resolved === null || (hit.includes(SEPARATOR) && !(flags & SPLIT))) continue;
      taken = end;
      if (resolved.slugs.length) {
        found.push([cpStart, cpEnd, resolved, key.id]);
        if (resolved.match === "name" || variant.exact !== null) for (const s of resolved.slugs) seen.add(s);
      }
    }
    return refused.size ? found.filter((f) => !refused.has(f[3])) : found;
  }

  function withSurname(variant, base, seen) {
    const earlier = [...variant.surnameOf].filter((s) => seen.has(s));
    if (!earlier.length) return base;
    if (base === null) return { slugs: earlier.sort((a, b) => a - b), match: "surname" };
    if (!base.slugs.length) return base;
    const all = [...new Set([...earlier, ...base.slugs])].sort((a, b) => a - b);
    return { slugs: all, match: base.match };
  }

  /** Every mention in the blocks, in reading order (the fields of the server's Mention). */
  function annotate(blocks) {
    if (!keys.size) return [];
    const joined = blocks.join(SEPARATOR);
    const astral = SURROGATE.test(joined);
    const pts = astral ? Array.from(joined) : joined;
    const starts = [];
    const lengths = [];
    let at = 0;
    for (const block of blocks) {
      const n = astral ? Array.from(block).length : block.length;
      starts.push(at);
      lengths.push(n);
      at += n + 1;
    }
    let units = null;
    if (astral) {
      units = new Array(pts.length + 1);
      units[0] = 0;
      for (let i = 0; i < pts.length; i++) units[i + 1] = units[i] + pts[i].length;
    }
    const unit = (i) => (units === null ? i : units[i]);
    const blockAt = (offset) => bisectRight(starts, offset) - 1;
    const mentions = [];
    for (const [start, end, resolved] of find(pts, starts)) {
      for (const [a, b] of pieces(start, end)) {
        const number = blockAt(a);
        const begin = starts[number];
        const ids = [...resolved.slugs].sort((x, y) => (slugs[x] < slugs[y] ? -1 : slugs[x] > slugs[y] ? 1 : 0));
        const names = ids.map((i) => slugs[i]);
        mentions.push({
          block: number,
          start: unit(a) - unit(begin),
          end: unit(b) - unit(begin),
          cpStart: a - begin,
          cpEnd: b - begin,
          text: cut(pts, a, b),
          entities: names,
          kind: kinds[ids[0]],
          match: resolved.match,
          ambiguous: names.length > 1,
        });
      }
    }
    return mentions;

    function pieces(start, end) {
      const out = [];
      let number = blockAt(start);
      let begin = starts[number];
      while (start < end) {
        const stop = Math.min(end, begin + lengths[number]);
        let lead = start;
        while (lead < stop && isSpace(pts[lead])) lead++;
        let tail = stop;
        while (tail > lead && isSpace(pts[tail - 1])) tail--;
        if (tail > lead) out.push([lead, tail]);
        number += 1;
        if (number === starts.length) break;
        begin = start = starts[number];
      }
      return out;
    }
  }

  return { annotate, size: keys.size };
}
