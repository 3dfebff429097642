"""Turn outlet groups into seed-format documents: outlets, their owning companies, citations."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from api.importers.asd.grouping import Group, group_rows
from api.importers.asd.source import TYPOLOGY, Row, Skipped
from api.importers.countries import country_name
from api.importers.curated import HostAddition
from api.importers.existing import Existing
from api.importers.names import guess_kind, name_key, slugify, too_plain

OUTLET_TEXT = "Listed as state-affiliated media in the State Media Matrix."
COMPANY_TEXT = "Named as the owner of state-affiliated media in the State Media Matrix."
_MINISTRY = re.compile(r"^(ministry|ministerio|minist[eè]re|ministério)\b", re.I)


@dataclass(frozen=True, slots=True)
class Dataset:
    """Which version of the dataset is imported, and the dates its citations carry."""

    commit: str = "d878fee"
    published: str = "2024-02-01"
    accessed: str = "2026-12-01"

    @property
    def key(self) -> str:
        return f"asd-state-media-matrix-{self.commit.lower()[:12]}"

    smm_key = "asd-state-media-monitor-typology"

    def citations(self) -> list[dict[str, Any]]:
        return [
            {
                "key": self.key,
                "url": "https://github.com/ASD-at-GMF/state-media-profiles/blob/"
                f"{self.commit}/State_Media_Matrix.csv",
                "title": f"State Media Matrix (State_Media_Matrix.csv at commit {self.commit})",
                "publisher": "Alliance for Securing Democracy (German Marshall Fund of the "
                "United States)",
                "published": self.published,
                "accessed": self.accessed,
                "note": "MIT licence. One row per state-affiliated media host; its country, "
                "company, main asset and typology columns come from the State Media Monitor. "
                "A category is a yearly judgement and a row can be out of date.",
            },
            {
                "key": self.smm_key,
                "url": "https://statemediamonitor.com/typology/",
                "title": "Typology",
                "publisher": "State Media Monitor (Media and Journalism Research Center)",
                "accessed": self.accessed,
                "note": "Defines the seven models of state and public media that the State "
                "Media Matrix assigns, told apart by funding, governance and editorial control.",
            },
        ]


@dataclass
class Built:
    """The documents an import gives, and everything it left out or changed, for the report."""

    citations: list[dict[str, Any]] = field(default_factory=list)
    organizations: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (file, doc)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # curated outlets that gain hosts
    additions: dict[str, list[HostAddition]] = field(default_factory=dict)  # file → additions
    claimed: set[tuple[str, str]] = field(default_factory=set)
    rows: int = 0


class _Slugs:
    def __init__(self, taken: Iterable[str]) -> None:
        self.taken = set(taken)

    def claim(self, name: str, country: str, fallback: str) -> str:
        base = slugify(name) or slugify(fallback) or "outlet"
        for candidate in (base, f"{base}-{country.lower()}"):
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        number = 2
        while f"{base}-{country.lower()}-{number}" in self.taken:
            number += 1
        self.taken.add(f"{base}-{country.lower()}-{number}")
        return f"{base}-{country.lower()}-{number}"


def qualified(name: str, company: str, country: str, notes: list[str]) -> str:
    """The name a profile takes: a too plain one ("Daily News", "Mir") is qualified with the
    company or the country, so that the matcher does not find it in running text."""
    if not too_plain(name):
        return name
    usable = company and not too_plain(company) and name_key(company) != name_key(name)
    by = company if usable else country_name(country)
    shown = f"{name} ({by})"
    notes.append(f"plain name '{name}' qualified as '{shown}'")
    return shown


def _category(group: Group, as_of: str, cites: list[str]) -> dict[str, Any] | None:
    certain = list(dict.fromkeys(r.category for r in group.rows if r.category))
    unsure = sorted({r.code or "blank" for r in group.rows if not r.category})
    if len(certain) == 1:
        if unsure:
            group.notes.append(f"code(s) {', '.join(unsure)} on some rows; kept {certain[0]}")
        return {"value": certain[0], "as_of": as_of, "citations": cites}
    if certain:
        codes = sorted({r.code for r in group.rows})
        group.notes.append(f"rows disagree ({', '.join(codes)}): category left out")
    else:
        group.notes.append(f"typology {', '.join(unsure)} is not a certain code: category left out")
    return None


def _matched(group: Group, existing: Existing) -> tuple[str, str] | None:
    for domain in group.domains:
        if domain in existing.hosts:
            return existing.hosts[domain], f"matched by domain {domain[0]}{domain[1]}"
    for row in group.rows:
        for name in (row.asset.name, *row.asset.aliases):
            slug = existing.outlet_names.get((row.country, name_key(name)))
            if slug:
                return slug, f"matched by name '{name}'"
    return None


def _merge_curated(
    group: Group, slug: str, how: str, existing: Existing, built: "Built", cites: list[str]
) -> None:
    """Report a group that a curated outlet already covers; queue the hosts it lacks."""
    where = existing.slugs.get(slug, "?")
    lacking = tuple(d for d in group.domains if d not in existing.hosts and d not in built.claimed)
    label = f"{group.first.asset.name} (lines {group.lines})"
    if not lacking:
        built.skipped.append(f"- skip {label}: already curated as '{slug}' in {where}, {how}")
        return
    built.claimed.update(lacking)
    built.additions.setdefault(where, []).append(HostAddition(slug, lacking, tuple(cites)))
    hosts = ", ".join(h + p for h, p in lacking)
    built.updated.append(f"~ update {slug} in {where}: + domains {hosts}  ({label}, {how})")


def build(items: Iterable[Row | Skipped], existing: Existing, dataset: Dataset) -> Built:
    """Build every document of one import, in file order."""
    built = Built(citations=dataset.citations())
    rows: list[Row] = []
    for item in items:
        built.rows += 1
        if isinstance(item, Skipped):
            built.skipped.append(f"- skip line {item.line} ({item.label}): {item.reason}")
        else:
            rows.append(item)
            if item.status and not item.status.casefold().startswith("merged from"):
                built.notes.append(f"! line {item.line}: status '{item.status}' (row kept)")
            if item.code and item.code not in TYPOLOGY:
                built.notes.append(f"! line {item.line}: uncertain typology code '{item.code}'")
    cites = [dataset.key, dataset.smm_key]
    slugs = _Slugs(existing.slugs)
    outlets: list[tuple[Group, dict[str, Any]]] = []
    by_name: dict[tuple[str, str], str] = {}  # (country, name key) → generated outlet slug
    for group in group_rows(rows):
        match = _matched(group, existing)
        if match is not None:
            _merge_curated(group, *match, existing, built, cites)
            continue
        first = group.first
        name = qualified(first.asset.name, first.company.name, first.country, group.notes)
        aliases: list[str] = []
        for row in group.rows:
            for alias in (row.asset.name, *row.asset.aliases):
                if too_plain(alias) or name_key(alias) == name_key(name) or alias in aliases:
                    continue
                aliases.append(alias)
        doc: dict[str, Any] = {
            "slug": slugs.claim(name, first.country, first.host),
            "name": name,
            "kind": first.asset.kind or guess_kind(name),
            "country": first.country,
            "website": first.url if "://" in first.url else f"http://{first.url}",
            "description": OUTLET_TEXT,
            "aliases": aliases,
            "citations": cites,
            "domains": [
                {"host": h, **({"path_prefix": p} if p else {}), "citations": cites}
                for h, p in group.domains
            ],
        }
        category = _category(group, dataset.published, cites)
        if category:
            doc["category"] = category
        for row_names in ((r.asset.name, *r.asset.aliases) for r in group.rows):
            for key in (name_key(n) for n in (name, *aliases, *row_names)):
                by_name.setdefault((first.country, key), doc["slug"])
        outlets.append((group, doc))
    companies: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
    for group, doc in outlets:
        owner = _owner(group, doc, existing, by_name, companies, slugs, cites)
        if owner:
            doc["relations"] = [{"type": "owned_by", "object": owner, "citations": cites}]
        region = slugify(_region(group)) or "other"
        built.organizations.append((region, {k: v for k, v in doc.items() if v != []}))
        built.notes += [f"! {doc['slug']} (lines {group.lines}): {n}" for n in group.notes]
    for file, company in companies.values():
        built.organizations.append((file, company))
    return built


def _region(group: Group) -> str:
    return group.first.region or group.first.country


def _owner(
    group: Group,
    doc: dict[str, Any],
    existing: Existing,
    by_name: dict[tuple[str, str], str],
    companies: dict[tuple[str, str], tuple[str, dict[str, Any]]],
    slugs: _Slugs,
    cites: list[str],
) -> str | None:
    """Return the slug of the outlet's owning company, making its profile when it is new."""
    company = group.first.company
    country = group.first.country
    others = {r.company.name for r in group.rows} - {company.name}
    if others:
        group.notes.append(
            f"also listed under {', '.join(sorted(others))}; owner kept: {company.name}"
        )
    keys = [name_key(n) for n in (company.name, *company.aliases)]
    for key in keys:
        slug = by_name.get((country, key)) or existing.org_names.get((country, key))
        if slug:
            return None if slug == doc["slug"] else slug
    ident = (country, keys[0])
    if ident not in companies:
        shown = qualified(company.name, "", country, group.notes)
        aliases = [a for a in company.aliases if not too_plain(a)]
        kind = "ministry" if _MINISTRY.match(company.name) else "company"
        companies[ident] = (
            slugify(_region(group)) or "other",
            {
                "slug": slugs.claim(shown, country, company.name),
                "name": shown,
                "kind": kind,
                "country": country,
                "description": COMPANY_TEXT,
                **({"aliases": aliases} if aliases else {}),
                "citations": cites,
            },
        )
    return str(companies[ident][1]["slug"])
