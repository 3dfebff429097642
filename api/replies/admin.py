"""Admin routes for the right-of-reply queue (curators)."""

from api.auth.deps import CurrentActor, role_router
from api.deps import PagingDep, RowId, SessionDep
from api.replies import service
from api.replies.links import reply_links
from api.replies.models import QueueFilter, ReplyAdmin, ReplyDecision
from api.revisions.models import Page

router = role_router("/admin/v1/replies", "admin: replies")


@router.get(
    "", response_model=Page[ReplyAdmin], responses={200: reply_links("$response.body#/items/0/id")}
)
def list_replies(
    session: SessionDep, paging: PagingDep, status: QueueFilter = QueueFilter.pending
) -> Page[ReplyAdmin]:
    """List replies (pending ones, submitted or open, by default), oldest first."""
    return paging.of(*service.queue(session, status, paging.page, paging.per_page))


@router.get(
    "/{reply_id}", response_model=ReplyAdmin, responses={404: {"description": "No such reply"}}
)
def get_reply(reply_id: RowId, session: SessionDep) -> ReplyAdmin:
    """Show one reply, with its private contact."""
    return service.admin_view(session, reply_id)


@router.post(
    "/{reply_id}/open",
    response_model=ReplyAdmin,
    responses={
        404: {"description": "No such reply"},
        409: {"description": "The reply is not waiting for a first check"},
    },
)
def open_reply(reply_id: RowId, session: SessionDep, actor: CurrentActor) -> ReplyAdmin:
    """Mark a checked reply as an open dispute: its card says the subject disputes the note."""
    return service.open_dispute(session, actor, reply_id)


@router.post(
    "/{reply_id}/decide",
    response_model=ReplyAdmin,
    responses={
        404: {"description": "No such reply, or the profile has no such published revision"},
        409: {"description": "The reply has its outcome already"},
        422: {"description": "Accepted without a revision, declined with one, or no reason"},
    },
)
def decide_reply(
    reply_id: RowId, data: ReplyDecision, session: SessionDep, actor: CurrentActor
) -> ReplyAdmin:
    """Record a reply's outcome: accepted with the revision that answers it, or declined."""
    return service.decide(session, actor, reply_id, data)
