"""Admin routes for history, diffs, revert and the review queue (curators), and for
publishing or rejecting drafts (reviewers)."""

from typing import Annotated

from fastapi import Path, Query, Response

from api.auth.deps import CurrentActor, role_router
from api.auth.models import Role
from api.common import DB_INT_MAX
from api.deps import IfMatch, PagingDep, SessionDep
from api.revisions import drafts, history, review
from api.revisions.models import (
    EntityPublic,
    EntityType,
    Page,
    PublishRequest,
    RejectRequest,
    RevertRequest,
    ReviewItem,
    RevisionDetail,
    RevisionDiff,
    RevisionPublic,
)
from api.revisions.working import Working, view

Number = Annotated[int, Path(ge=1, le=DB_INT_MAX, description="revision number")]
router = role_router("/admin/v1", "admin: revisions")
review_router = role_router("/admin/v1/revisions", "admin: review", Role.reviewer)


def _answer(working: Working, response: Response) -> EntityPublic:
    return EntityPublic.model_validate(
        {**view(working, response), "entity_type": working.entity_type}
    )


@router.get("/review", response_model=Page[ReviewItem], tags=["admin: review"])
def review_queue(
    session: SessionDep, paging: PagingDep, entity_type: EntityType | None = None
) -> Page[ReviewItem]:
    """List the drafts that wait for a reviewer, oldest first."""
    return paging.of(*history.queue(session, entity_type, paging.page, paging.per_page))


@router.get("/revisions/{entity_type}/{slug}", response_model=list[RevisionPublic])
def list_revisions(entity_type: EntityType, slug: str, session: SessionDep) -> list[RevisionPublic]:
    """List every revision of an entity, newest first."""
    return history.history(session, entity_type, slug)


@router.get("/revisions/{entity_type}/{slug}/{number}", response_model=RevisionDetail)
def get_revision(
    entity_type: EntityType, slug: str, number: Number, session: SessionDep
) -> RevisionDetail:
    """Show one revision with its full snapshot."""
    return history.detail(session, entity_type, slug, number)


@router.get("/revisions/{entity_type}/{slug}/{number}/diff", response_model=RevisionDiff)
def diff_revision(
    entity_type: EntityType,
    slug: str,
    number: Number,
    session: SessionDep,
    against: Annotated[
        int | None,
        Query(ge=1, le=DB_INT_MAX, description="default: the version it was based on"),
    ] = None,
) -> RevisionDiff:
    """Show what a revision changed, field by field and as a unified diff."""
    return history.diff(session, entity_type, slug, number, against)


@router.post("/revisions/{entity_type}/{slug}/{number}/revert", response_model=EntityPublic)
def revert_to_revision(
    entity_type: EntityType,
    slug: str,
    number: Number,
    data: RevertRequest,
    session: SessionDep,
    actor: CurrentActor,
    response: Response,
    if_match: IfMatch = None,
) -> EntityPublic:
    """Propose an earlier revision's content as a new draft (needs If-Match)."""
    working = drafts.revert(session, actor, entity_type, slug, number, if_match, data.reason)
    return _answer(working, response)


@review_router.post("/{entity_type}/{slug}/{number}/publish", response_model=EntityPublic)
def publish_revision(
    entity_type: EntityType,
    slug: str,
    number: Number,
    session: SessionDep,
    actor: CurrentActor,
    response: Response,
    data: PublishRequest | None = None,
) -> EntityPublic:
    """Publish a pending draft you did not write."""
    comment = data.comment if data else None
    working = review.publish(session, actor, entity_type, slug, number, comment)
    return _answer(working, response)


@review_router.post("/{entity_type}/{slug}/{number}/reject", response_model=EntityPublic)
def reject_revision(
    entity_type: EntityType,
    slug: str,
    number: Number,
    data: RejectRequest,
    session: SessionDep,
    actor: CurrentActor,
    response: Response,
) -> EntityPublic:
    """Reject a pending draft with a comment."""
    working = review.reject(session, actor, entity_type, slug, number, data.comment)
    return _answer(working, response)
