"""Curator edits of organizations, outlet domains and categories, proposed as drafts."""

from typing import Any

from sqlmodel import Session

from api.auth.models import Actor
from api.errors import NotFound
from api.organizations.models import (
    CategoryUpdate,
    DomainCreate,
)
from api.revisions import drafts
from api.revisions.items import newest_tag
from api.revisions.models import EntityType
from api.revisions.working import Working

ORG = EntityType.organization


def add_domain(
    session: Session, actor: Actor, slug: str, if_match: str | None, data: DomainCreate
) -> Working:
    """Propose one more domain for an outlet."""
    domain = data.model_dump(mode="json", exclude={"reason"}, exclude_none=True)

    def change(doc: dict[str, Any]) -> dict[str, Any]:
        return {**doc, "domains": [*doc.get("domains", []), domain]}

    tag = newest_tag(session, ORG, slug, if_match)
    return drafts.edit(session, actor, ORG, slug, tag, change, data.reason, "document")


def remove_domain(
    session: Session,
    actor: Actor,
    slug: str,
    host: str,
    path_prefix: str | None,
    if_match: str | None,
    reason: str,
) -> Working:
    """Propose removing one domain of an outlet."""
    wanted = (host.lower(), path_prefix or None)

    def change(doc: dict[str, Any]) -> dict[str, Any]:
        domains = doc.get("domains", [])
        kept = [d for d in domains if (d["host"], d.get("path_prefix")) != wanted]
        if len(kept) == len(domains):
            raise NotFound(f"organization '{slug}' has no domain '{host}{path_prefix or ''}'")
        return {**doc, "domains": kept}

    tag = newest_tag(session, ORG, slug, if_match)
    return drafts.edit(session, actor, ORG, slug, tag, change, reason, "document")


def set_category(
    session: Session, actor: Actor, slug: str, if_match: str | None, data: CategoryUpdate
) -> Working:
    """Propose an outlet's state-media category (it replaces the current one)."""
    category = data.model_dump(mode="json", exclude={"reason"})
    return drafts.edit(
        session,
        actor,
        ORG,
        slug,
        if_match,
        lambda doc: {**doc, "category": category},
        data.reason,
        "document",
    )


def clear_category(
    session: Session, actor: Actor, slug: str, if_match: str | None, reason: str
) -> Working:
    """Propose removing an outlet's category."""

    def change(doc: dict[str, Any]) -> dict[str, Any]:
        if "category" not in doc:
            raise NotFound(f"organization '{slug}' has no category")
        return {k: v for k, v in doc.items() if k != "category"}

    return drafts.edit(session, actor, ORG, slug, if_match, change, reason, "document")
