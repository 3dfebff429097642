"""Admin routes for changesets: propose and extend (curators), publish, reject or send back
(reviewers)."""

from typing import Annotated, Any

from fastapi import Path, Query, status

from api.auth.deps import CurrentActor, role_router
from api.auth.models import Role
from api.changesets import service, views
from api.changesets.models import (
    ChangesetCreate,
    ChangesetDocuments,
    ChangesetPublic,
    ChangesetReview,
    ChangesetStatus,
    ChangesetSummary,
    ChangesetVerdict,
)
from api.deps import PagingDep, SessionDep
from api.revisions.models import Page

ChangesetId = Annotated[int, Path(ge=1, le=2**31 - 1, description="changeset id")]


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    described = {
        401: "No usable bearer token",
        403: "The role is too low, or four eyes: you wrote part of it",
        404: "No such changeset",
        409: "Possible duplicates to acknowledge, a conflicting state, or a draft that cannot "
        "be published yet (the message says which and where)",
        412: "Someone changed a document a moment ago; reload",
        422: "Invalid documents or fields; every problem is named with its location",
    }
    return {code: {"description": described[code]} for code in codes}


router = role_router("/admin/v1/changesets", "admin: changesets", responses=_errors(401, 403))
review_router = role_router(
    "/admin/v1/changesets", "admin: changesets", Role.reviewer, _errors(401, 403, 404, 409)
)


@router.post(
    "",
    response_model=ChangesetPublic,
    status_code=status.HTTP_201_CREATED,
    responses=_errors(409, 412, 422),
)
def create_changeset(
    data: ChangesetCreate, session: SessionDep, actor: CurrentActor
) -> ChangesetPublic:
    """Propose several documents (seed-file format) as one changeset of drafts."""
    changeset = service.propose(
        session,
        actor,
        data.reason,
        data.documents(),
        acknowledge_duplicates=data.acknowledge_duplicates,
    )
    return views.describe(session, changeset)


@router.get("", response_model=Page[ChangesetSummary])
def list_changesets(
    session: SessionDep,
    paging: PagingDep,
    state: Annotated[ChangesetStatus | None, Query(alias="status")] = None,
) -> Page[ChangesetSummary]:
    """List changesets (by status: oldest first, the review queue's order)."""
    return views.listing(session, state, paging.page, paging.per_page)


@router.get("/{changeset_id}", response_model=ChangesetPublic, responses=_errors(404))
def get_changeset(changeset_id: ChangesetId, session: SessionDep) -> ChangesetPublic:
    """Show a changeset with its drafts, in publish order, and what each changes."""
    return views.describe(session, service.get(session, changeset_id))


@router.post(
    "/{changeset_id}/documents",
    response_model=ChangesetPublic,
    responses=_errors(404, 409, 412, 422),
)
def add_to_changeset(
    changeset_id: ChangesetId,
    data: ChangesetDocuments,
    session: SessionDep,
    actor: CurrentActor,
) -> ChangesetPublic:
    """Add documents to an open changeset (one sent back for changes reopens)."""
    changeset = service.add(
        session,
        actor,
        changeset_id,
        data.documents(),
        acknowledge_duplicates=data.acknowledge_duplicates,
    )
    return views.describe(session, changeset)


@review_router.post("/{changeset_id}/publish", response_model=ChangesetPublic)
def publish_changeset(
    changeset_id: ChangesetId,
    session: SessionDep,
    actor: CurrentActor,
    data: ChangesetReview | None = None,
) -> ChangesetPublic:
    """Publish every draft of a changeset you wrote none of, all or nothing."""
    changeset = service.publish(session, actor, changeset_id, data.comment if data else None)
    return views.describe(session, changeset)


@review_router.post(
    "/{changeset_id}/reject", response_model=ChangesetPublic, responses=_errors(422)
)
def reject_changeset(
    changeset_id: ChangesetId, data: ChangesetVerdict, session: SessionDep, actor: CurrentActor
) -> ChangesetPublic:
    """Reject every draft of a changeset with a comment."""
    return views.describe(session, service.reject(session, actor, changeset_id, data.comment))


@review_router.post(
    "/{changeset_id}/send-back", response_model=ChangesetPublic, responses=_errors(422)
)
def send_back_changeset(
    changeset_id: ChangesetId, data: ChangesetVerdict, session: SessionDep, actor: CurrentActor
) -> ChangesetPublic:
    """Send a changeset back to its curator for changes, with a comment."""
    return views.describe(session, service.send_back(session, actor, changeset_id, data.comment))
