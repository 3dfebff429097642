/** Sanitise `POST /v1/annotate` answers into the plain shapes the UI renders (idempotent). */

import { safeWebUrl } from "./urls.js";

/**
 * @typedef {{url: string | null, title: string, publisher: string, published: string, archive_url: string | null}} Citation
 * @typedef {{slug: string, name: string, kind: string, country: string}} OrgRef
 * @typedef {{label: string, role: string, organization: OrgRef, citations: Citation[]}} Affiliation
 * @typedef {{from_name: string, label: string, role: string, to_name: string, citations: Citation[]}} Hop
 * @typedef {{summary: string, reaches: string, hops: Hop[]}} StateTie
 * @typedef {{value: string, label: string, as_of: string, citations: Citation[]}} Category
 * @typedef {{scheme: string, scheme_name: string, authority: string, value: string, label: string,
 *   attributed_to: string, as_of: string, citations: Citation[]}} Designation
 * @typedef {object} Card
 * @property {string} slug
 * @property {string} type
 * @property {string} kind
 * @property {string} name
 * @property {string} description
 * @property {string} country
 * @property {string} note
 * @property {string} note_lang BCP 47 tag of the note ("" when unknown)
 * @property {Category | null} category
 * @property {Designation[]} designations
 * @property {Citation[]} citations
 * @property {Affiliation[]} affiliations
 * @property {StateTie[]} state_ties
 * @property {number} sources
 * @property {string} reviewed_at when a reviewer published it ("" when seeded)
 * @property {Review | null} review
 * @property {Dispute | null} dispute
 * @typedef {{revision: number, status: string, reviewed_by: string, published_at: string, history: string | null}} Review
 * @typedef {{status: string, revision: number | null, reason: string, url: string | null}} Dispute
 * @typedef {{host: string, path_prefix: string, rule: string}} OutletMatch
 * @typedef {{block: number, start: number, end: number, text: string, entities: string[],
 *   kind: string, match: string, rule: string, ambiguous: boolean}} Mention
 * @typedef {{outlet: Card | null, outlet_match: OutletMatch | null, mentions: Mention[], entities: Record<string, Card>}} AnnotateResult
 */

const LIST_MAX = 100;

/** A string of at most `max` units ("" otherwise). */
const text = (v, max = 2000) => (typeof v === "string" ? v.slice(0, max) : "");

/** An array (empty otherwise), capped. */
const list = (v) => (Array.isArray(v) ? v.slice(0, LIST_MAX) : []);

/** A plain object ({} otherwise). */
const obj = (v) => (v && typeof v === "object" && !Array.isArray(v) ? v : {});

/** @returns {Citation} */
function citation(raw) {
  const c = obj(raw);
  return {
    url: safeWebUrl(c.url),
    title: text(c.title, 500),
    publisher: text(c.publisher, 200),
    published: text(c.published, 40),
    archive_url: safeWebUrl(c.archive_url),
  };
}

const citations = (v) => list(v).map(citation);

/** @returns {OrgRef} */
function orgRef(raw) {
  const o = obj(raw);
  return { slug: text(o.slug, 200), name: text(o.name, 500), kind: text(o.kind, 60), country: text(o.country, 8) };
}

/** A BCP 47 language tag, or "" when it is not one. */
const langTag = (value) => (typeof value === "string" && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/.test(value) ? value : "");

/** An API link: absolute http(s), or a path resolved against the API base (null otherwise). */
function apiLink(value, base) {
  if (typeof value !== "string" || value.length > 2048) return null;
  if (safeWebUrl(value)) return safeWebUrl(value);
  if (!base || !value.startsWith("/") || value.startsWith("//")) return null;
  try {
    return safeWebUrl(new URL(value, `${base}/`).href);
  } catch {
    return null;
  }
}

/** @returns {Review | null} */
function review(raw, slug, base) {
  if (!raw || typeof raw !== "object") return null;
  const r = obj(raw);
  if (!Number.isInteger(r.revision)) return null;
  // The compact form leaves the history path out: it is the card's own.
  const history = r.history ?? (slug ? `/v1/entities/${encodeURIComponent(slug)}/history` : null);
  return { revision: r.revision, status: text(r.status, 20), reviewed_by: text(r.reviewed_by, 120), published_at: text(r.published_at, 40), history: apiLink(history, base) };
}

/** @returns {Dispute | null} */
function dispute(raw, base) {
  if (!raw || typeof raw !== "object") return null;
  const d = obj(raw);
  return { status: text(d.status, 20), revision: Number.isInteger(d.revision) ? d.revision : null, reason: text(d.reason, 1000), url: apiLink(d.url, base) };
}

/**
 * @param {unknown} raw
 * @param {string} [base] the API base its relative links are resolved against
 * @returns {Card}
 */
export function sanitizeCard(raw, base) {
  const c = obj(raw);
  const category = c.category && typeof c.category === "object" ? obj(c.category) : null;
  return {
    slug: text(c.slug, 200),
    type: text(c.type, 40),
    kind: text(c.kind, 60),
    name: text(c.name, 500),
    description: text(c.description, 2000),
    country: text(c.country, 8),
    note: text(typeof c.note === "string" ? c.note : obj(c.note).text, 4000),
    note_lang: langTag(c.note_lang ?? obj(c.note).lang),
    category: category
      ? { value: text(category.value, 80), label: text(category.label, 200), as_of: text(category.as_of, 40), citations: citations(category.citations) }
      : null,
    designations: list(c.designations).map((raw) => {
      const d = obj(raw);
      return {
        scheme: text(d.scheme, 40),
        scheme_name: text(d.scheme_name, 200),
        authority: text(d.authority, 300),
        value: text(d.value, 80),
        label: text(d.label, 300),
        attributed_to: text(d.attributed_to, 8),
        as_of: text(d.as_of, 40),
        citations: citations(d.citations),
      };
    }),
    citations: citations(c.citations),
    affiliations: list(c.affiliations).map((raw) => {
      const a = obj(raw);
      return { label: text(a.label, 100), role: text(a.role, 300), organization: orgRef(a.organization), citations: citations(a.citations) };
    }),
    state_ties: list(c.state_ties).map((raw) => {
      const t = obj(raw);
      return {
        summary: text(t.summary, 2000),
        reaches: text(typeof t.reaches === "string" ? t.reaches : obj(t.reaches).name, 500),
        hops: list(t.hops).map((raw) => {
          const h = obj(raw);
          return { from_name: text(h.from_name, 500), label: text(h.label, 100), role: text(h.role, 300), to_name: text(h.to_name, 500), citations: citations(h.citations) };
        }),
      };
    }),
    sources: Number.isInteger(c.sources) && c.sources >= 0 ? c.sources : 0,
    reviewed_at: text(c.reviewed_at, 40),
    review: review(c.review, text(c.slug, 200), base),
    dispute: dispute(c.dispute, base),
  };
}

/** Look a key (a string, or an integer id) up in a table sent with the answer (own keys only). */
function lookup(table, key) {
  const name = Number.isInteger(key) ? String(key) : key;
  return typeof name === "string" && Object.hasOwn(table, name) ? table[name] : undefined;
}

/**
 * Write out a compact card — citations, organizations and each chain's first step by key, as
 * `POST /v1/annotate` sends them — in the shape of a whole card (`GET /v1/entities/{slug}`).
 * Parts already written out pass through, so a whole card comes back as it was.
 */
export function expandCard(raw, organizations, sources) {
  const c = obj(raw);
  const orgs = obj(organizations);
  const cites = obj(sources);
  const cite = (v) => list(v).map((k) => (typeof k === "string" || Number.isInteger(k) ? lookup(cites, k) : k)).filter((k) => k !== undefined);
  const org = (v) => (typeof v === "string" ? { slug: v, ...obj(lookup(orgs, v)) } : v);
  const name = text(c.name, 500);
  const affiliations = list(c.affiliations).map((raw) => {
    const a = obj(raw);
    return { ...a, organization: org(a.organization), citations: cite(a.citations) };
  });
  const stateTies = list(c.state_ties).map((raw) => {
    const t = obj(raw);
    const via = Number.isInteger(t.via) ? affiliations[t.via] : undefined;
    if (!via) return t;
    const steps = [{ ...via, to: obj(via.organization).slug }, ...list(t.hops).map((h) => ({ ...obj(h), citations: cite(obj(h).citations) }))];
    let from = name;
    const hops = steps.map((step) => {
      const toName = obj(org(step.to)).name;
      const hop = { from_name: from, label: step.label, role: step.role, to_name: toName, citations: step.citations };
      from = toName;
      return hop;
    });
    return { summary: [name, ...hops.map((h) => h.to_name)].join(" → "), reaches: obj(org(t.reaches)).name, hops };
  });
  const category = c.category && typeof c.category === "object" ? { ...obj(c.category), citations: cite(obj(c.category).citations) } : null;
  const designations = list(c.designations).map((raw) => ({ ...obj(raw), citations: cite(obj(raw).citations) }));
  return { ...c, category, designations, citations: cite(c.citations), affiliations, state_ties: stateTies };
}

/** @returns {Mention | null} */
function mention(raw, entities) {
  const m = obj(raw);
  const ints = [m.block, m.start, m.end].every((n) => Number.isInteger(n) && n >= 0);
  if (!ints || m.end <= m.start) return null;
  const slugs = list(m.entities).filter((s) => typeof s === "string" && Object.hasOwn(entities, s));
  if (slugs.length === 0) return null;
  return {
    block: m.block,
    start: m.start,
    end: m.end,
    text: text(m.text, 1000),
    entities: slugs,
    kind: text(m.kind, 40),
    match: text(m.match, 40),
    rule: text(m.rule, 40),
    ambiguous: m.ambiguous === true || slugs.length > 1,
  };
}

/**
 * Sanitise a whole annotate answer; throws when it is not one.
 * @param {unknown} raw
 * @param {string} [base] the API base, for the answer's relative links (already absolute ones pass through)
 * @returns {AnnotateResult}
 */
export function sanitizeAnnotateResult(raw, base) {
  const r = obj(raw);
  if (r.offset_unit !== undefined && r.offset_unit !== "utf16") throw new Error("unsupported offset unit");
  if (!Array.isArray(r.mentions) || !r.entities || typeof r.entities !== "object") {
    throw new Error("not an annotate response");
  }
  // The server sends each card, organization and citation once, by key; written out here.
  const compact = typeof r.outlet === "string" || (r.citations && typeof r.citations === "object");
  const whole = (card) => (compact ? expandCard(card, r.organizations, r.citations) : card);
  /** @type {Record<string, Card>} */
  const entities = {};
  for (const [slug, card] of Object.entries(obj(r.entities)).slice(0, 1000)) entities[slug] = sanitizeCard(whole(card), base);
  const mentions = r.mentions.slice(0, 5000).map((m) => mention(m, entities)).filter((m) => m !== null);
  const outlet = typeof r.outlet === "string" ? (lookup(entities, r.outlet) ?? null) : r.outlet ? sanitizeCard(r.outlet, base) : null;
  const m = obj(r.outlet_match);
  const outletMatch = outlet && typeof m.host === "string" ? { host: text(m.host, 300), path_prefix: text(m.path_prefix, 300), rule: text(m.rule, 40) } : null;
  return { outlet, outlet_match: outletMatch, mentions, entities };
}
