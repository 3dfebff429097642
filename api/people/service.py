"""Curator edits of people, proposed as drafts."""

from sqlmodel import Session

from api.auth.models import Actor
from api.people.models import PersonCreate, PersonUpdate
from api.revisions import drafts
from api.revisions.models import EntityType
from api.revisions.working import Working

PERSON = EntityType.person


def create(session: Session, actor: Actor, data: PersonCreate) -> Working:
    """Propose a new person."""
    document = data.model_dump(mode="json", exclude={"reason"}, exclude_none=True)
    return drafts.create(session, actor, PERSON, document, data.reason)


def update(
    session: Session, actor: Actor, slug: str, if_match: str | None, data: PersonUpdate
) -> Working:
    """Propose changed fields of a person."""
    changes = data.model_dump(mode="json", exclude_unset=True, exclude={"reason"})
    return drafts.edit(
        session, actor, PERSON, slug, if_match, lambda doc: {**doc, **changes}, data.reason
    )
