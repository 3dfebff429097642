"""Console page "Replies": replies from the people and outlets profiled, opened as disputes
after a first check, then accepted (with the revision that answers them) or declined."""

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from pydantic import ValidationError

from api.console.deps import Form, User, attempt, field, page, redirect
from api.deps import SessionDep
from api.replies import service
from api.replies.models import QueueFilter, ReplyDecision

router = APIRouter(prefix="/console", include_in_schema=False)
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _queue(
    request: Request, session: SessionDep, status_code: int = 200, **problems: list[str]
) -> Response:
    _, items = service.queue(session, QueueFilter.pending, 1, 100)
    return page(request, "replies.html", status_code, items=items, problems=problems)


def _not_done(request: Request, status_code: int, message: str) -> Response:
    return page(request, "message.html", status_code, heading="Not done", message=message)


@router.get("/replies")
def replies_page(request: Request, user: User, session: SessionDep) -> Response:
    """List the replies waiting for a curator, oldest first."""
    return _queue(request, session)


@router.post("/replies/{reply_id}/open")
def open_reply(
    request: Request, user: User, form: Form, session: SessionDep, reply_id: Id
) -> Response:
    """Mark a checked reply as an open dispute."""
    with attempt(session) as errors:
        service.open_dispute(session, user.actor(), reply_id)
    if errors:
        return _not_done(request, errors[0].status, errors[0].message)
    return redirect("/console/replies")


@router.post("/replies/{reply_id}/decide")
def decide_reply(
    request: Request, user: User, form: Form, session: SessionDep, reply_id: Id
) -> Response:
    """Accept a reply with the revision that answers it, or decline it with a reason."""
    outcome = "accepted" if field(form, "outcome") == "accepted" else "declined"
    revision = field(form, "revision")
    try:
        data = ReplyDecision(
            outcome=outcome,
            reason=field(form, "reason"),
            revision=int(revision) if revision.isdigit() and outcome == "accepted" else None,
        )
    except ValidationError:
        problem = "write a reason of at least three characters"
        return _queue(request, session, 422, **{f"reason-{reply_id}": [problem]})
    with attempt(session) as errors:
        service.decide(session, user.actor(), reply_id, data)
    if errors:
        if errors[0].status == 422 or (errors[0].status == 404 and outcome == "accepted"):
            return _queue(request, session, 422, **{f"revision-{reply_id}": [errors[0].message]})
        return _not_done(request, errors[0].status, errors[0].message)
    return redirect("/console/replies")
