"""Curator edits of an organization's or a person's relations, proposed as drafts of it."""

from typing import Any

from sqlmodel import Session

from api.auth.models import Actor
from api.errors import NotFound
from api.relations.models import RelationChange
from api.revisions import drafts
from api.revisions.models import EntityType
from api.revisions.working import Working


def _relation(data: RelationChange) -> dict[str, Any]:
    return data.model_dump(mode="json", exclude={"reason"}, exclude_none=True)


def _at(doc: dict[str, Any], index: int, slug: str) -> list[dict[str, Any]]:
    relations: list[dict[str, Any]] = list(doc.get("relations", []))
    if not 0 <= index < len(relations):
        raise NotFound(f"'{slug}' has no relation #{index} (it has {len(relations)})")
    return relations


def add(
    session: Session,
    actor: Actor,
    entity_type: EntityType,
    slug: str,
    if_match: str | None,
    data: RelationChange,
) -> Working:
    """Propose one more relation."""
    relation = _relation(data)

    def change(doc: dict[str, Any]) -> dict[str, Any]:
        return {**doc, "relations": [*doc.get("relations", []), relation]}

    return drafts.edit(session, actor, entity_type, slug, if_match, change, data.reason, "document")


def replace(
    session: Session,
    actor: Actor,
    entity_type: EntityType,
    slug: str,
    index: int,
    if_match: str | None,
    data: RelationChange,
) -> Working:
    """Propose a relation in place of the one at `index`."""

    def change(doc: dict[str, Any]) -> dict[str, Any]:
        relations = _at(doc, index, slug)
        relations[index] = _relation(data)
        return {**doc, "relations": relations}

    return drafts.edit(session, actor, entity_type, slug, if_match, change, data.reason, "document")


def remove(
    session: Session,
    actor: Actor,
    entity_type: EntityType,
    slug: str,
    index: int,
    if_match: str | None,
    reason: str,
) -> Working:
    """Propose removing the relation at `index`."""

    def change(doc: dict[str, Any]) -> dict[str, Any]:
        relations = _at(doc, index, slug)
        del relations[index]
        return {**doc, "relations": relations}

    return drafts.edit(session, actor, entity_type, slug, if_match, change, reason, "document")
