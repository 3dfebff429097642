"""Curator edits of citations, proposed as drafts."""

from sqlmodel import Session

from api.auth.models import Actor
from api.citations.models import CitationCreate, CitationUpdate
from api.revisions import drafts
from api.revisions.models import EntityType
from api.revisions.working import Working

CITATION = EntityType.citation


def create(session: Session, actor: Actor, data: CitationCreate) -> Working:
    """Propose a new citation."""
    document = data.model_dump(mode="json", exclude={"reason"}, exclude_none=True)
    return drafts.create(session, actor, CITATION, document, data.reason)


def update(
    session: Session, actor: Actor, key: str, if_match: str | None, data: CitationUpdate
) -> Working:
    """Propose changed fields of a citation."""
    changes = data.model_dump(mode="json", exclude_unset=True, exclude={"reason"})
    return drafts.edit(
        session, actor, CITATION, key, if_match, lambda doc: {**doc, **changes}, data.reason
    )
