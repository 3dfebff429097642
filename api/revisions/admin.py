"""Admin routes for history, diffs, revert and the review queue (curators), and for
publishing or rejecting drafts (reviewers)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response

from api.auth.deps import CurrentActor, require_role
from api.auth.models import Role
from api.common import DB_INT_MAX
from api.deps import IfMatch, SessionDep
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
router = APIRouter(
    prefix="/admin/v1",
    tags=["admin: revisions"],
    dependencies=[Depends(require_role(Role.curator))],
)
review_router = APIRouter(
    prefix="/admin/v1/revisions",
    tags=["admin: review"],
    dependencies=[Depends(require_role(Role.reviewer))],
)


def _answer(working: Working, response: Response) -> EntityPublic:
    return EntityPublic.model_validate(
        {**view(working, response), "entity_type": working.entity_type}
    )


@router.get("/review", response_model=Page[ReviewItem], tags=["admin: review"])
def review_queue(
    session: SessionDep,
    entity_type: EntityType | None = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 25,
) -> Page[ReviewItem]:
    """List the drafts that wait for a reviewer, oldest first."""
    total, items = history.queue(session, entity_type, page, per_page)
    return Page[ReviewItem](items=items, total=total, page=page, per_page=per_page)


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
