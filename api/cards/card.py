"""A built card and its two JSON forms: whole (one entity) and compact (many, in one answer)."""

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import orjson

from api.cards.store import CITATION_FIELDS

FALLBACK_LANG = "en"
JSON_OPTIONS = orjson.OPT_UTC_Z
CONTAINERS = (dict, list)


def dumps(value: Any) -> bytes:
    """Serialize to compact UTF-8 JSON (datetimes in UTC end in `Z`, as pydantic writes them)."""
    return orjson.dumps(value, option=JSON_OPTIONS)


def without_empty(value: Any) -> Any:
    """Drop null and empty-list fields from every object in `value` (descending only into
    objects and lists: a card has many more plain values than containers)."""
    if isinstance(value, dict):
        return {
            k: without_empty(v) if type(v) in CONTAINERS else v
            for k, v in value.items()
            if v is not None and v != []
        }
    if isinstance(value, list):
        return [without_empty(v) if type(v) in CONTAINERS else v for v in value]
    return value


@dataclass
class Card:
    """Everything one card shows, with citations by key and organizations by slug.

    `body` is the compact form without the reader note; `sources` holds every cited source by
    key, `organizations` the name, kind and country of every organization the card links to.
    Rendered bytes are kept per note language, so a `lang` without a note adds nothing."""

    slug: str
    body: dict[str, Any]
    notes: dict[str, str]
    domains: list[dict[str, Any]]
    sources: dict[int, dict[str, Any]]  # by citation id
    organizations: dict[str, dict[str, Any]]
    cited: tuple[int, ...]  # the citations the compact form refers to (not the domains')
    _rendered: dict[tuple[str, str | None], bytes] = field(default_factory=dict, repr=False)

    def note_lang(self, lang: str | None) -> str | None:
        """The language of the note a reader asking for `lang` gets: `lang`, its base
        language, English, else the first there is (None when the card has no note)."""
        if not self.notes:
            return None
        if lang:
            if lang in self.notes:
                return lang
            base = lang.split("-")[0]
            if base in self.notes:
                return base
        return FALLBACK_LANG if FALLBACK_LANG in self.notes else min(self.notes)

    @property
    def renderings(self) -> int:
        """How many serialized forms this card keeps (one per form and note language)."""
        return len(self._rendered)

    def note(self, lang: str | None) -> dict[str, str] | None:
        chosen = self.note_lang(lang)
        return None if chosen is None else {"lang": chosen, "text": self.notes[chosen]}

    def compact(self, lang: str | None) -> bytes:
        """The card as `POST /v1/annotate` lists it: citations by id, organizations by slug,
        null and empty fields left out, and no `url` (it is `/v1/entities/{slug}`) nor
        `review.history` (`/v1/entities/{slug}/history`)."""
        return self._render("compact", lang, lambda: self._compact(lang))

    def _compact(self, lang: str | None) -> dict[str, Any]:
        body = {k: v for k, v in self.body.items() if k != "url"}
        if body["review"]:  # its history is /v1/entities/{slug}/history, like `url`
            body["review"] = {k: v for k, v in body["review"].items() if k != "history"}
        return without_empty({**body, "note": self.note(lang)})  # type: ignore[no-any-return]

    def whole(self, lang: str | None) -> bytes:
        """The card on its own, every citation and organization written out in place."""
        return self._render("whole", lang, lambda: self.expand(lang))

    @cached_property
    def short_sources(self) -> dict[str, dict[str, Any]]:
        """The sources the compact form cites, by id, as it lists them (no quote or curator
        note)."""
        return {
            str(key): {
                name: self.sources[key][name]
                for name in CITATION_FIELDS
                if self.sources[key][name] is not None
            }
            for key in self.cited
        }

    def _render(self, form: str, lang: str | None, build: Any) -> bytes:
        key = (form, self.note_lang(lang))
        rendered = self._rendered.get(key)
        if rendered is None:
            rendered = self._rendered[key] = dumps(build())
        return rendered

    def expand(self, lang: str | None) -> dict[str, Any]:
        """The whole form: the shape of `CardPublic`."""
        b = self.body
        cite = self._citations
        category = b["category"]
        return {
            **b,
            "note": self.note(lang),
            "category": category and {**category, "citations": cite(category["citations"])},
            "designations": [{**d, "citations": cite(d["citations"])} for d in b["designations"]],
            "citations": cite(b["citations"]),
            "affiliations": [
                {
                    **a,
                    "organization": self._org(a["organization"]),
                    "citations": cite(a["citations"]),
                }
                for a in b["affiliations"]
            ],
            "state_ties": [self._tie(t) for t in b["state_ties"]],
            "domains": [{**d, "citations": cite(d["citations"])} for d in self.domains],
        }

    def _citations(self, keys: list[int]) -> list[dict[str, Any]]:
        return [self.sources[key] for key in keys]

    def _org(self, slug: str) -> dict[str, Any]:
        return {"slug": slug, **self.organizations[slug]}

    def _tie(self, tie: dict[str, Any]) -> dict[str, Any]:
        hops = []
        slug, name = self.slug, self.body["name"]
        via = self.body["affiliations"][tie["via"]]
        first = {**via, "to": via["organization"]}
        for hop in [first, *tie["hops"]]:
            to_name = self.organizations[hop["to"]]["name"]
            hops.append(
                {
                    "from": slug,
                    "from_name": name,
                    "type": hop["type"],
                    "label": hop["label"],
                    "role": hop["role"],
                    "to": hop["to"],
                    "to_name": to_name,
                    "citations": self._citations(hop["citations"]),
                }
            )
            slug, name = hop["to"], to_name
        return {
            "summary": " → ".join([self.body["name"], *(h["to_name"] for h in hops)]),
            "reaches": {**self._org(tie["reaches"]), "why": tie["why"]},
            "hops": hops,
        }
