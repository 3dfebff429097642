"""Small edits: add or remove one item of a list field (an alias, an exclude phrase) without
sending the whole list; If-Match is optional, since the change applies to the newest version."""

from typing import Any

from sqlmodel import Session

from api.auth.models import Actor
from api.errors import Conflict, NotFound
from api.profiles.search import fold
from api.revisions import drafts
from api.revisions.models import EntityType
from api.revisions.working import Working, etag, load


def newest_tag(session: Session, entity_type: EntityType, slug: str, if_match: str | None) -> str:
    """Return the client's If-Match, or the ETag of the newest revision when it sent none (an
    empty header is sent, not missing: it is checked, and refused, like any other)."""
    if if_match is not None:
        return if_match
    return etag(entity_type, slug, load(session, entity_type, slug).doc.head)


def add_item(
    session: Session,
    actor: Actor,
    entity_type: EntityType,
    slug: str,
    field: str,
    value: str,
    reason: str,
    if_match: str | None = None,
) -> Working:
    """Propose the working copy with one more `value` in list `field`."""

    def change(doc: dict[str, Any]) -> dict[str, Any]:
        items = doc.get(field, [])
        if any(fold(item) == fold(value) for item in items):
            raise Conflict(
                f"{entity_type} '{slug}' already lists '{value}' in {field}",
                fields=[{"loc": "value", "message": f"already in {field}"}],
            )
        return {**doc, field: [*items, value]}

    tag = newest_tag(session, entity_type, slug, if_match)
    return drafts.edit(session, actor, entity_type, slug, tag, change, reason, "document")


def remove_item(
    session: Session,
    actor: Actor,
    entity_type: EntityType,
    slug: str,
    field: str,
    value: str,
    reason: str,
    if_match: str | None = None,
) -> Working:
    """Propose the working copy without `value` in list `field` (compared exactly)."""

    def change(doc: dict[str, Any]) -> dict[str, Any]:
        items = doc.get(field, [])
        if value not in items:
            raise NotFound(f"{entity_type} '{slug}' has no '{value}' in {field}")
        return {**doc, field: [item for item in items if item != value]}

    tag = newest_tag(session, entity_type, slug, if_match)
    return drafts.edit(session, actor, entity_type, slug, tag, change, reason, "document")
