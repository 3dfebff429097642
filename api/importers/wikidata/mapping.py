"""Map Wikidata items to seed-format documents: kind, country, domains, relations, aliases."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from api.importers.names import name_key, slugify
from api.importers.wikidata.entities import Entity
from api.organizations.models import OUTLET_KINDS, DomainDocument

HUMAN = "Q5"
# P31 (instance of) values → organization kinds; the first match in the item's order wins.
KINDS: dict[str, str] = {
    "Q192283": "news_agency",  # news agency
    "Q1616075": "broadcaster",  # television station
    "Q15265344": "broadcaster",  # broadcaster
    "Q14350": "broadcaster",  # radio station
    "Q2001305": "broadcaster",  # television channel
    "Q11032": "outlet",  # newspaper
    "Q1110794": "outlet",  # daily newspaper
    "Q1153191": "outlet",  # online newspaper
    "Q41298": "outlet",  # magazine
    "Q35127": "outlet",  # website
    "Q3918": "university",  # university
    "Q875538": "university",  # public university
    "Q1371037": "think_tank",  # think tank
    "Q7188": "government",  # government
    "Q192350": "ministry",  # ministry
    "Q327333": "state_agency",  # government agency
    "Q1331793": "company",  # media company
    "Q4830453": "company",  # business
    "Q783794": "company",  # company
    "Q270791": "company",  # state-owned enterprise
    "Q7278": "party",  # political party
    "Q163740": "ngo",  # nonprofit organization
    "Q79913": "ngo",  # non-governmental organization
}
# P17 (country) values → ISO 3166-1 codes, for items whose country item is not in the export.
# Any item in the import that has P297 (ISO 3166-1 alpha-2 code) adds to this table.
COUNTRIES: dict[str, str] = {
    "Q159": "RU",
    "Q148": "CN",
    "Q43": "TR",
    "Q794": "IR",
    "Q30": "US",
    "Q145": "GB",
    "Q142": "FR",
    "Q183": "DE",
    "Q212": "UA",
    "Q184": "BY",
    "Q846": "QA",
    "Q851": "SA",
    "Q878": "AE",
    "Q79": "EG",
    "Q17": "JP",
    "Q668": "IN",
    "Q884": "KR",
    "Q423": "KP",
    "Q717": "VE",
    "Q241": "CU",
    "Q801": "IL",
    "Q822": "LB",
    "Q858": "SY",
}
RELATIONS = {  # property → (relation type, subject is a person)
    "P127": ("owned_by", False),
    "P749": ("part_of", False),
    "P108": ("employed_by", True),
    "P1416": ("affiliated_with", True),
}


@dataclass
class Mapped:
    """The documents for a set of items, and what was left out and why."""

    citations: list[dict[str, Any]] = field(default_factory=list)
    organizations: list[dict[str, Any]] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


@dataclass
class Linked:
    """Profiles the database already links to Wikidata items, and the slugs in use."""

    organizations: dict[str, str] = field(default_factory=dict)  # QID → slug
    people: dict[str, str] = field(default_factory=dict)
    slugs: set[str] = field(default_factory=set)


def name_of(entity: Entity) -> str | None:
    """The English label, else the first label by language code."""
    if "en" in entity.labels:
        return entity.labels["en"]
    return entity.labels[sorted(entity.labels)[0]] if entity.labels else None


def aliases_of(entity: Entity, name: str) -> list[str]:
    """Every other label and alias in every language, once each as the matcher folds them."""
    seen = {name_key(name)}
    out: list[str] = []
    names = [*entity.labels.values(), *(a for group in entity.aliases.values() for a in group)]
    for text in names:
        text = " ".join(text.split())
        if text and len(text) <= 300 and name_key(text) not in seen:
            seen.add(name_key(text))
            out.append(text)
    return out


def kind_of(entity: Entity) -> str | None:
    """`person`, an organization kind, or None when no P31 value is known."""
    instances = entity.items("P31")
    if HUMAN in instances:
        return "person"
    return next((KINDS[q] for q in instances if q in KINDS), None)


def citation_for(entity: Entity, accessed: str) -> dict[str, Any]:
    """The citation every claim of the item carries: its URL at the exported revision."""
    qid, revision = entity.qid, entity.revision
    url = f"https://www.wikidata.org/wiki/{qid}"
    doc: dict[str, Any] = {
        "key": f"wikidata-{qid.lower()}" + (f"-r{revision}" if revision else ""),
        "url": f"https://www.wikidata.org/w/index.php?title={qid}&oldid={revision}"
        if revision
        else url,
        "title": f"{name_of(entity) or qid} ({qid})"
        + (f", revision {revision}" if revision else ""),
        "publisher": "Wikidata",
        "accessed": accessed,
        "note": f"Wikidata item {url}, CC0; exported by a curator and imported for review.",
    }
    if entity.modified:
        doc["published"] = entity.modified[:10]
    return doc


def hosts_of(entity: Entity) -> list[str]:
    """The hosts of the item's official websites (P856), without `www.`."""
    hosts: list[str] = []
    for statement in entity.statements("P856"):
        try:
            host = (urlsplit(statement.value.text or "").hostname or "").removeprefix("www.")
            DomainDocument(host=host)
        except ValueError:
            continue
        if host not in hosts:
            hosts.append(host)
    return hosts


def _slug(entity: Entity, name: str, taken: set[str]) -> str:
    base = slugify(name) or entity.qid.lower()
    slug = base if base not in taken else f"{base}-{entity.qid.lower()}"
    taken.add(slug)
    return slug


def map_entities(entities: Iterable[Entity], linked: Linked, accessed: str) -> Mapped:
    """Map items to documents; relations point at items of the import or linked profiles."""
    mapped = Mapped()
    countries = dict(COUNTRIES)
    items: list[tuple[Entity, str, str]] = []  # (entity, kind, name)
    for entity in entities:
        codes = [s.value.text for s in entity.best("P297") if s.value.text]
        if codes:
            countries[entity.qid] = codes[0].upper()
            mapped.lines.append(f"= {entity.qid}: country item, used for its code {codes[0]}")
            continue
        name, kind = name_of(entity), kind_of(entity)
        if name is None:
            mapped.lines.append(f"- skip {entity.qid}: no label in any language")
        elif kind is None and entity.qid not in linked.organizations:
            mapped.lines.append(f"- skip {entity.qid} ({name}): no known P31 (instance of)")
        else:
            items.append((entity, kind or "other", name))
    taken = set(linked.slugs)
    slugs: dict[str, tuple[str, bool]] = {}  # QID → (slug, is a person)
    for qid, slug in linked.organizations.items():
        slugs[qid] = (slug, False)
    for qid, slug in linked.people.items():
        slugs[qid] = (slug, True)
    for entity, kind, name in items:
        if entity.qid not in slugs:
            slugs[entity.qid] = (_slug(entity, name, taken), kind == "person")
    for entity, kind, name in items:
        _document(entity, kind, name, slugs, countries, accessed, mapped)
    return mapped


def _document(
    entity: Entity,
    kind: str,
    name: str,
    slugs: dict[str, tuple[str, bool]],
    countries: dict[str, str],
    accessed: str,
    mapped: Mapped,
) -> None:
    cite = citation_for(entity, accessed)
    person = slugs[entity.qid][1]
    doc: dict[str, Any] = {"slug": slugs[entity.qid][0], "name": name}
    if not person:
        doc["kind"] = kind
    country = next((countries[q] for q in entity.items("P17") if q in countries), None)
    if country:
        doc["country"] = country
    elif entity.items("P17"):
        mapped.lines.append(
            f"! {entity.qid}: country {entity.items('P17')[0]} unknown; export its item too"
        )
    doc["wikidata"] = entity.qid
    description = entity.descriptions.get("en")
    doc["description"] = (description or f"Described in Wikidata item {entity.qid}.")[:300]
    doc["aliases"] = aliases_of(entity, name)
    doc["citations"] = [cite["key"]]
    hosts = hosts_of(entity)
    if hosts:
        doc["website"] = entity.best("P856")[0].value.text
    if hosts and kind in {str(k) for k in OUTLET_KINDS}:
        doc["domains"] = [{"host": h, "citations": [cite["key"]]} for h in hosts]
    doc["relations"] = _relations(entity, person, slugs, cite["key"], mapped)
    mapped.citations.append(cite)
    (mapped.people if person else mapped.organizations).append(doc)


def _relations(
    entity: Entity,
    person: bool,
    slugs: dict[str, tuple[str, bool]],
    key: str,
    mapped: Mapped,
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for pid, (relation, for_people) in RELATIONS.items():
        if for_people != person:
            continue
        for statement in entity.statements(pid):
            target = statement.value.item
            resolved = slugs.get(target or "")
            if target is None or resolved is None or resolved[1]:
                mapped.lines.append(
                    f"! {entity.qid} {pid} {target}: not an organization of this import or the "
                    "database; relation left out (export that item too)"
                )
                continue
            edge: dict[str, Any] = {"type": relation, "object": resolved[0], "citations": [key]}
            start, end = statement.qualifier_date("P580"), statement.qualifier_date("P582")
            if start:
                edge["start"] = start
            if end:
                edge["end"] = end
            if edge not in out:
                out.append(edge)
    return out
