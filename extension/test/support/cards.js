/** Sample API answers shaped like docs/API.md, for unit tests. */

export const citation = (n) => ({
  url: `https://example.org/source-${n}`,
  title: `Source ${n}`,
  publisher: "Example Publisher",
  published: "2020-01-01",
  accessed: "2026-11-25",
  archive_url: null,
  quote: null,
  note: null,
});

export const mirzayan = {
  slug: "gevorg-mirzayan",
  type: "person",
  kind: "person",
  name: "Gevorg Mirzayan",
  aliases: ["Геворг Мирзаян"],
  country: "RU",
  description: "Political scientist; Associate Professor at the Financial University.",
  url: "/v1/entities/gevorg-mirzayan",
  note: { lang: "en", text: "Teaches at a university run by the Russian government." },
  category: null,
  citations: [citation(1)],
  affiliations: [
    {
      type: "employed_by",
      label: "employed by",
      role: "Associate Professor",
      organization: { slug: "financial-university", name: "Financial University under the Government of the Russian Federation", kind: "university", country: "RU" },
      start: null,
      end: null,
      citations: [citation(2)],
    },
  ],
  state_ties: [
    {
      summary: "Gevorg Mirzayan → Financial University → Government of the Russian Federation",
      reaches: { slug: "government-of-russia", name: "Government of the Russian Federation", kind: "government", country: "RU", why: "government" },
      hops: [
        { from: "gevorg-mirzayan", from_name: "Gevorg Mirzayan", type: "employed_by", label: "employed by", role: "Associate Professor", to: "financial-university", to_name: "Financial University under the Government of the Russian Federation", citations: [citation(2)] },
        { from: "financial-university", from_name: "Financial University under the Government of the Russian Federation", type: "controlled_by", label: "controlled by", role: null, to: "government-of-russia", to_name: "Government of the Russian Federation", citations: [{ ...citation(3), url: "http://insecure.example/decree" }] },
      ],
    },
  ],
  sources: 3,
  reviewed_at: "2026-11-25T17:00:00Z",
};

export const baslamis = {
  ...mirzayan,
  slug: "cenk-baslamis",
  name: "Cenk Başlamış",
  country: "TR",
  description: "Turkish journalist (as described by Sputnik).",
  note: { lang: "en", text: "<img src=x onerror=alert(1)>" },
  affiliations: [],
  state_ties: [],
  sources: 1,
};

export const sputnik = {
  ...mirzayan,
  slug: "sputnik",
  type: "organization",
  kind: "outlet",
  name: "Sputnik",
  description: "Russian state news agency and radio.",
  note: null,
  category: { value: "state_controlled", label: "State-controlled media", as_of: "2024-01-01", citations: [citation(4)] },
  affiliations: [],
  state_ties: [
    {
      summary: "Sputnik → Rossiya Segodnya → Government of the Russian Federation",
      reaches: { slug: "government-of-russia", name: "Government of the Russian Federation", kind: "government", country: "RU", why: "government" },
      hops: [
        { from: "sputnik", from_name: "Sputnik", type: "owned_by", label: "owned by", role: null, to: "rossiya-segodnya", to_name: "Rossiya Segodnya", citations: [citation(5)] },
        { from: "rossiya-segodnya", from_name: "Rossiya Segodnya", type: "controlled_by", label: "controlled by", role: null, to: "government-of-russia", to_name: "Government of the Russian Federation", citations: [citation(6)] },
      ],
    },
  ],
  sources: 2,
};

/** An annotate answer for the given blocks: every occurrence of each needle becomes a mention. */
export function answerFor(blocks, needles) {
  const mentions = [];
  blocks.forEach((text, block) => {
    for (const [needle, slugs, extra = {}] of needles) {
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
        mentions.push({ block, start: at, end: at + needle.length, text: needle, entities: slugs, kind: "person", match: "name", ambiguous: slugs.length > 1, ...extra });
      }
    }
  });
  return { url: "https://sputniknews.com/a", offset_unit: "utf16", data_version: 1, outlet: sputnik, mentions, entities: { "gevorg-mirzayan": mirzayan, "cenk-baslamis": baslamis, sputnik } };
}
