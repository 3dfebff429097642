"""Import Wikidata items as one changeset of drafts: new profiles, or merges into linked ones."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from api.auth.models import Actor
from api.changesets import service as changesets
from api.changesets.models import Changeset
from api.importers.wikidata.entities import Entity
from api.importers.wikidata.mapping import Linked, Mapped, map_entities
from api.organizations.models import Organization
from api.people.models import Person
from api.profiles.projection import table
from api.revisions.models import Document, EntityType
from api.revisions.working import load

LISTS = ("aliases", "citations", "domains", "relations")


@dataclass
class Prepared:
    """The documents to propose, and the report of what each item gives."""

    documents: list[tuple[EntityType, dict[str, Any]]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def linked_profiles(session: Session, qids: set[str]) -> Linked:
    """Find live profiles already linked to these items, and every slug in use."""
    orgs, people = table(Organization), table(Person)
    linked = Linked()
    for model, target in ((orgs, linked.organizations), (people, linked.people)):
        for qid, slug in session.execute(select(model.c.wikidata, model.c.slug)):
            if qid in qids:
                target[qid] = slug
    docs = table(Document)
    linked.slugs.update(
        session.execute(select(docs.c.slug).where(docs.c.entity_type != "citation")).scalars()
    )
    return linked


def merge(current: dict[str, Any], incoming: dict[str, Any]) -> dict[str, Any]:
    """Add an item's facts to a curated profile: new aliases, domains, relations and its
    citation; the curator's name, kind, country, description and category stay."""
    merged = dict(current)
    for key in LISTS:
        have = list(merged.get(key, []))
        have_keys = [_identity(key, x) for x in have]
        have += [x for x in incoming.get(key, []) if _identity(key, x) not in have_keys]
        if have:
            merged[key] = have
    for key in ("wikidata", "website", "country", "description"):
        if key in incoming and not merged.get(key):
            merged[key] = incoming[key]
    return merged


def _identity(key: str, item: Any) -> Any:
    if key == "domains":
        return (item["host"], item.get("path_prefix"))
    if key == "relations":
        return (item["type"], item["object"])
    if key == "aliases":
        from api.importers.names import name_key

        return name_key(item)
    return item


def prepare(session: Session, entities: Iterable[Entity], accessed: str) -> Prepared:
    """Map items and merge those already linked by QID into their current working copy."""
    listed = list(entities)
    linked = linked_profiles(session, {e.qid for e in listed})
    mapped: Mapped = map_entities(listed, linked, accessed)
    prepared = Prepared(lines=list(mapped.lines))
    prepared.documents += [(EntityType.citation, c) for c in mapped.citations]
    skipped: set[str] = set()
    for entity_type, docs, links in (
        (EntityType.organization, mapped.organizations, linked.organizations),
        (EntityType.person, mapped.people, linked.people),
    ):
        for doc in docs:
            qid = doc["wikidata"]
            if qid in links:
                current = load(session, entity_type, links[qid]).snapshot or {}
                merged = merge(current, doc)
                if merged == current:
                    prepared.lines.append(f"= {entity_type} {links[qid]} ({qid}): no new facts")
                    continue
                added = [k for k in LISTS if merged.get(k) != current.get(k)]
                prepared.lines.append(
                    f"~ update {entity_type} {links[qid]} ({qid}): adds {', '.join(added)}"
                )
                prepared.documents.append((entity_type, merged))
            elif entity_type is EntityType.organization and "country" not in doc:
                prepared.lines.append(f"- skip {qid} ({doc['name']}): no country (P17) known")
                skipped.add(doc["slug"])
            else:
                prepared.lines.append(
                    f"+ create {entity_type} {doc['slug']} ({qid}): {doc['name']}"
                )
                prepared.documents.append((entity_type, doc))
    for _, doc in prepared.documents:
        kept = [r for r in doc.get("relations", []) if r["object"] not in skipped]
        if len(kept) != len(doc.get("relations", [])):
            prepared.lines.append(f"! {doc.get('slug')}: relations to skipped items left out")
            doc["relations"] = kept
    return prepared


def import_entities(
    session: Session,
    actor: Actor,
    entities: Iterable[Entity],
    *,
    reason: str,
    accessed: str,
    acknowledge_duplicates: bool = False,
) -> tuple[Changeset | None, Prepared]:
    """Propose the items as one changeset of drafts for review (never published here)."""
    prepared = prepare(session, entities, accessed)
    profiles = [d for t, d in prepared.documents if t is not EntityType.citation]
    if not profiles:
        return None, prepared
    used = {k for _, d in prepared.documents for k in _cited(d)}
    documents = [
        (t, d) for t, d in prepared.documents if t is not EntityType.citation or d["key"] in used
    ]
    changeset = changesets.propose(
        session, actor, reason, documents, acknowledge_duplicates=acknowledge_duplicates
    )
    return changeset, prepared


def _cited(doc: dict[str, Any]) -> set[str]:
    keys = set(doc.get("citations", []))
    for part in ("domains", "relations"):
        for item in doc.get(part, []):
            keys.update(item.get("citations", []))
    return keys
