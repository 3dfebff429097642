"""Console pages for review: the queue grouped by changeset with field-by-field changes and one
Publish button, single drafts, a revision's diff with revert, and the corrections queue."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from api.changesets import service as changesets
from api.changesets import views
from api.changesets.models import ChangesetStatus
from api.console.deps import Form, Reviewer, User, attempt, field, page, redirect
from api.corrections import service as corrections
from api.corrections.models import CorrectionResolve, CorrectionStatus
from api.deps import SessionDep
from api.errors import DomainError, NotFound
from api.revisions import drafts, history, review
from api.revisions.models import EntityType
from api.revisions.working import load
from api.sources import queue as source_health

router = APIRouter(prefix="/console", include_in_schema=False)
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _queue(request: Request, session: SessionDep, status_code: int = 200, **extra: Any) -> Response:
    open_ones = [
        views.describe(session, changesets.get(session, c.id))
        for status in (ChangesetStatus.open, ChangesetStatus.changes_requested)
        for c in views.listing(session, status, 1, 50).items
    ]
    _, singles = history.queue(session, None, 1, 100)
    single_drafts = [d for d in singles if d.changeset_id is None]
    extra.setdefault("problems", {})
    return page(
        request,
        "review.html",
        status_code,
        changesets=open_ones,
        drafts=single_drafts,
        single=None,
        dead_sources=source_health.dead_claims(session),
        **extra,
    )


@router.get("/review")
def review_queue(request: Request, user: User, session: SessionDep) -> Response:
    """List open changesets with their changes, and single drafts."""
    return _queue(request, session)


@router.get("/review/{changeset_id}")
def changeset_page(
    request: Request,
    user: User,
    session: SessionDep,
    changeset_id: Id,
    saved: Annotated[int, Query(ge=0, le=1)] = 0,
) -> Response:
    """Show one changeset."""
    try:
        changeset = views.describe(session, changesets.get(session, changeset_id))
    except NotFound as exc:
        return page(request, "message.html", 404, heading="Not found", message=exc.message)
    notice = "Saved as a changeset of drafts; a reviewer can publish it." if saved else None
    return page(
        request,
        "review.html",
        changesets=[changeset],
        drafts=None,
        single=changeset,
        notice=notice,
        problems={},
    )


def _after(request: Request, session: SessionDep, errors: list[DomainError], done: str) -> Response:
    if errors:
        return _queue(request, session, errors[0].status, error=errors[0].message)
    return _queue(request, session, notice=done)


@router.post("/review/{changeset_id}/publish")
def publish(
    request: Request, user: Reviewer, form: Form, session: SessionDep, changeset_id: Id
) -> Response:
    """Publish a whole changeset."""
    with attempt(session) as errors:
        changesets.publish(session, user.actor(), changeset_id, None)
    return _after(request, session, errors, f"Changeset {changeset_id} is published.")


@router.post("/review/{changeset_id}/verdict")
def verdict(
    request: Request, user: Reviewer, form: Form, session: SessionDep, changeset_id: Id
) -> Response:
    """Reject a changeset, or send it back for changes, with a comment."""
    comment = field(form, "comment")[:1000]
    if not comment:
        problems = {f"comment-{changeset_id}": ["write a comment for the curator first"]}
        return _queue(request, session, 422, problems=problems)
    act = changesets.reject if field(form, "verdict") == "reject" else changesets.send_back
    with attempt(session) as errors:
        act(session, user.actor(), changeset_id, comment)
    return _after(request, session, errors, f"Changeset {changeset_id}: {field(form, 'verdict')}.")


@router.post("/review/draft/{entity_type}/{slug}/{number}")
def draft_verdict(
    request: Request,
    user: Reviewer,
    form: Form,
    session: SessionDep,
    entity_type: EntityType,
    slug: str,
    number: Id,
) -> Response:
    """Publish or reject a single draft."""
    comment = field(form, "comment")[:1000] or None
    rejecting = field(form, "verdict") == "reject"
    if rejecting and comment is None:
        problems = {f"comment-{slug}-{number}": ["write a comment to reject a draft"]}
        return _queue(request, session, 422, problems=problems)
    with attempt(session) as errors:
        if rejecting:
            review.reject(session, user.actor(), entity_type, slug, number, comment or "")
        else:
            review.publish(session, user.actor(), entity_type, slug, number, comment)
    return _after(request, session, errors, f"{entity_type} {slug} r{number}: done.")


@router.get("/entities/{entity_type}/{slug}/revisions/{number}")
def revision_page(
    request: Request,
    user: User,
    session: SessionDep,
    entity_type: EntityType,
    slug: str,
    number: Id,
) -> Response:
    """Show a revision's changes against the version it was based on, with a revert form."""
    return _revision(request, session, entity_type, slug, number)


def _revision(
    request: Request,
    session: SessionDep,
    entity_type: EntityType,
    slug: str,
    number: int,
    status_code: int = 200,
    problems: dict[str, list[str]] | None = None,
) -> Response:
    try:
        diff = history.diff(session, entity_type, slug, number, None)
        detail = history.detail(session, entity_type, slug, number)
    except NotFound as exc:
        return page(request, "message.html", 404, heading="Not found", message=exc.message)
    return page(
        request,
        "revision.html",
        status_code,
        diff=diff,
        detail=detail,
        entity_type=str(entity_type),
        slug=slug,
        problems=problems or {},
        values={},
    )


@router.post("/entities/{entity_type}/{slug}/revisions/{number}/revert")
def revert(
    request: Request,
    user: User,
    form: Form,
    session: SessionDep,
    entity_type: EntityType,
    slug: str,
    number: Id,
) -> Response:
    """Propose an earlier revision's content again."""
    reason = field(form, "reason")
    if len(reason) < 3:
        problems = {"reason": ["say why, in at least 3 characters"]}
        return _revision(request, session, entity_type, slug, number, 422, problems)
    with attempt(session) as errors:
        working = load(session, entity_type, slug)
        drafts.revert(session, user.actor(), entity_type, slug, number, working.etag, reason)
    if errors:
        problems = {"reason": [errors[0].message]}
        return _revision(request, session, entity_type, slug, number, errors[0].status, problems)
    return redirect(f"/console/entities/{entity_type}/{slug}")


@router.get("/corrections")
def corrections_page(request: Request, user: User, session: SessionDep) -> Response:
    """List open correction requests."""
    _, items = corrections.queue(session, CorrectionStatus.open, 1, 100)
    return page(request, "corrections.html", items=items, problems={})


@router.post("/corrections/{correction_id}")
def resolve_correction(
    request: Request, user: User, form: Form, session: SessionDep, correction_id: Id
) -> Response:
    """Close a correction request with a note."""
    note = field(form, "resolution")[:1000]
    status = CorrectionStatus.dismissed if field(form, "status") == "dismissed" else None
    if not note:
        _, items = corrections.queue(session, CorrectionStatus.open, 1, 100)
        problems = {f"resolution-{correction_id}": ["write a note to close it"]}
        return page(request, "corrections.html", 422, items=items, problems=problems)
    data = CorrectionResolve(status=status or CorrectionStatus.resolved, resolution=note)
    with attempt(session) as errors:
        corrections.resolve(session, user.actor(), correction_id, data)
    if errors:
        return page(
            request, "message.html", errors[0].status, heading="Not done", message=errors[0].message
        )
    return redirect("/console/corrections")
