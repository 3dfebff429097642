"""Public routes: the subject of a profile replies to it; readers see what moderation let
through."""

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response, status
from starlette.concurrency import run_in_threadpool

from api.common import SLUG_PATTERN
from api.deps import ClientAddress, ReadSessions, SessionDep, SettingsDep
from api.http_cache import NOT_MODIFIED, cacheable
from api.replies import service
from api.replies.links import reply_links
from api.replies.models import EntityReplies, ReplyCreate, ReplyReceipt, ReplyStatus

router = APIRouter(prefix="/v1", tags=["replies"])
SlugPath = Annotated[str, Path(max_length=120, pattern=SLUG_PATTERN)]


@router.post(
    "/entities/{slug}/replies",
    response_model=ReplyReceipt,
    status_code=status.HTTP_202_ACCEPTED,
    responses={
        202: reply_links("$response.body#/id"),
        404: {"description": "No published profile has this slug"},
        413: {"description": "A body over the size limit"},
        422: {"description": "A field is missing, too short or long, or not allowed"},
        429: {"description": "Too many replies from this address this hour"},
    },
)
def submit_reply(
    slug: SlugPath,
    data: ReplyCreate,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    client: ClientAddress,
) -> ReplyReceipt:
    """Reply to a profile as its subject; curators check it before anything is shown."""
    reply = service.submit(
        session,
        slug,
        data,
        client=client,
        settings=settings,
        request_id=getattr(request.state, "request_id", None),
    )
    return ReplyReceipt(
        id=reply.id or 0,
        entity=slug,
        status=ReplyStatus(reply.status),
        message="thank you: curators will check your reply before it is shown",
    )


@router.get(
    "/entities/{slug}/replies",
    response_model=EntityReplies,
    responses={**NOT_MODIFIED, 404: {"description": "No published profile has this slug"}},
)
async def list_replies(request: Request, sessions: ReadSessions, slug: SlugPath) -> Response:
    """Return the replies to a profile that moderation let readers see, with their outcome."""

    def read() -> bytes:
        with sessions() as session:
            return service.public_replies(session, slug).model_dump_json().encode()

    return cacheable(request, await run_in_threadpool(read))
