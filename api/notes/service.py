"""Curator edits of reader notes, proposed as drafts of the organization or person."""

from typing import Any

from sqlmodel import Session

from api.auth.models import Actor
from api.errors import NotFound
from api.revisions import drafts
from api.revisions.models import EntityType
from api.revisions.working import Working


def put(
    session: Session,
    actor: Actor,
    entity_type: EntityType,
    slug: str,
    lang: str,
    text: str,
    if_match: str | None,
    reason: str,
) -> Working:
    """Propose the note text for one language (added or replaced)."""

    def change(doc: dict[str, Any]) -> dict[str, Any]:
        return {**doc, "notes": {**doc.get("notes", {}), lang: text}}

    return drafts.edit(session, actor, entity_type, slug, if_match, change, reason, "document")


def remove(
    session: Session,
    actor: Actor,
    entity_type: EntityType,
    slug: str,
    lang: str,
    if_match: str | None,
    reason: str,
) -> Working:
    """Propose removing the note in one language."""

    def change(doc: dict[str, Any]) -> dict[str, Any]:
        notes = dict(doc.get("notes", {}))
        if notes.pop(lang, None) is None:
            raise NotFound(f"'{slug}' has no note in '{lang}'")
        return {**doc, "notes": notes}

    return drafts.edit(session, actor, entity_type, slug, if_match, change, reason, "document")
