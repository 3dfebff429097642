"""Take replies from the people and outlets profiled (rate-limited per address), let curators
open them as disputes and record their outcome, and publish what moderation let through."""

from typing import Any

from sqlalchemy import func, select, update
from sqlmodel import Session

from api.audit import service as audit
from api.auth.models import Actor
from api.common import utcnow
from api.config import Settings
from api.corrections.service import limit_per_hour
from api.errors import Conflict, InvalidInput, NotFound
from api.opendata.history import live_document
from api.profiles.projection import table
from api.replies.models import (
    EntityReplies,
    QueueFilter,
    Reply,
    ReplyAdmin,
    ReplyCreate,
    ReplyDecision,
    ReplyPublic,
    ReplyStatus,
)
from api.revisions.models import Revision, RevisionStatus
from api.revisions.service import bump_data_version

PENDING = (ReplyStatus.submitted, ReplyStatus.open)


def replies_url(slug: str) -> str:
    return f"/v1/entities/{slug}/replies"


def submit(
    session: Session,
    slug: str,
    data: ReplyCreate,
    *,
    client: str,
    settings: Settings,
    request_id: str | None,
) -> Reply:
    """Queue a reply to a live profile for moderation; nothing is shown until a curator acts."""
    entity_type, _ = live_document(session, slug)
    now = limit_per_hour(
        session,
        settings,
        purpose="replies",
        client=client,
        limit=settings.replies_per_hour,
        what="replies",
    )
    reply = Reply(
        entity_type=str(entity_type),
        entity=slug,
        name=data.name,
        role=data.role,
        text=data.text,
        evidence=list(data.evidence),
        contact=data.contact,
        created_at=now,
        request_id=request_id,
    )
    session.add(reply)
    session.flush()
    audit.record(
        session,
        "public",
        "reply.create",
        f"reply:{reply.id}",
        request_id=request_id,
        detail={"entity": slug},
        now=now,
    )
    return reply


def _public(row: Any) -> dict[str, Any]:
    return {
        "id": row["id"],
        "entity": row["entity"],
        "name": row["name"],
        "role": row["role"],
        "text": row["text"],
        "evidence": row["evidence"] or [],
        "status": row["status"],
        "submitted_at": row["created_at"],
        "opened_at": row["opened_at"],
        "decided_at": row["decided_at"],
        "reason": row["reason"],
        "revision": row["revision"],
    }


def public_replies(session: Session, slug: str) -> EntityReplies:
    """The replies to a live profile that moderation let readers see, newest first."""
    entity_type, _ = live_document(session, slug)
    t = table(Reply)
    rows = session.execute(
        select(t)
        .where(t.c.entity_type == str(entity_type), t.c.entity == slug, t.c.shown.is_(True))
        .order_by(t.c.id.desc())
    ).mappings()
    return EntityReplies(
        entity_type=entity_type.value,
        slug=slug,
        url=replies_url(slug),
        replies=[ReplyPublic.model_validate(_public(row)) for row in rows],
    )


def _admin(reply: Reply) -> ReplyAdmin:
    row = reply.model_dump()
    return ReplyAdmin.model_validate({**row, **_public(row)})


def queue(
    session: Session, status: QueueFilter, page: int, per_page: int
) -> tuple[int, list[ReplyAdmin]]:
    """Replies for curators, oldest first: pending ones (submitted or open) by default."""
    t = table(Reply)
    query = select(t)
    if status is QueueFilter.pending:
        query = query.where(t.c.status.in_([str(s) for s in PENDING]))
    elif status is not QueueFilter.all:
        query = query.where(t.c.status == str(status))
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = session.execute(
        query.order_by(t.c.id).limit(per_page).offset((page - 1) * per_page)
    ).mappings()
    return int(total), [_admin(Reply.model_validate(dict(row))) for row in rows]


def get(session: Session, reply_id: int) -> Reply:
    reply = session.get(Reply, reply_id)
    if reply is None:
        raise NotFound(f"no reply {reply_id}")
    return reply


def admin_view(session: Session, reply_id: int) -> ReplyAdmin:
    return _admin(get(session, reply_id))


def _move(
    session: Session, reply: Reply, expected: tuple[ReplyStatus, ...], values: dict[str, Any]
) -> None:
    """Change a reply's state only if it still is in one of `expected` (atomic: a second
    curator acting at the same moment gets 409)."""
    t = table(Reply)
    moved = session.execute(
        update(t)
        .where(t.c.id == reply.id, t.c.status.in_([str(s) for s in expected]))
        .values(values)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        now = session.execute(select(t.c.status).where(t.c.id == reply.id)).scalar_one()
        raise Conflict(f"reply {reply.id} is {now}, not {' or '.join(expected)}")
    session.refresh(reply)


def open_dispute(session: Session, actor: Actor, reply_id: int) -> ReplyAdmin:
    """After a first check, show the reply: its card says the subject disputes the note."""
    reply = get(session, reply_id)
    if reply.status != ReplyStatus.submitted:
        raise Conflict(f"reply {reply_id} is {reply.status}; only a submitted reply can be opened")
    now = utcnow()
    _move(
        session,
        reply,
        (ReplyStatus.submitted,),
        {"status": str(ReplyStatus.open), "shown": True, "opened_by": actor.name, "opened_at": now},
    )
    bump_data_version(session, now)  # cards are kept per data version
    audit.record(session, actor, "reply.open", f"reply:{reply_id}", detail={"entity": reply.entity})
    return _admin(reply)


def _published(session: Session, reply: Reply, number: int) -> None:
    """Refuse a revision number that is not a published revision of the reply's profile."""
    entity_type, doc_id = live_document(session, reply.entity)
    r = table(Revision)
    found = session.execute(
        select(r.c.number).where(
            r.c.document_id == doc_id,
            r.c.number == number,
            r.c.status == str(RevisionStatus.published),
        )
    ).first()
    if found is None or str(entity_type) != reply.entity_type:
        raise NotFound(f"'{reply.entity}' has no published revision {number}")


def decide(session: Session, actor: Actor, reply_id: int, data: ReplyDecision) -> ReplyAdmin:
    """Record the outcome: accepted (with the published revision that answers the reply, which
    readers may then see) or declined with a reason (shown only if the reply was opened)."""
    if data.outcome == "accepted" and data.revision is None:
        raise InvalidInput(
            "body.revision: an accepted reply names the published revision that answers it",
            fields=[{"loc": "body.revision", "message": "required when the outcome is accepted"}],
        )
    if data.outcome == "declined" and data.revision is not None:
        raise InvalidInput(
            "body.revision: a declined reply names no revision",
            fields=[{"loc": "body.revision", "message": "must be null when declined"}],
        )
    reply = get(session, reply_id)
    if reply.status not in PENDING:
        raise Conflict(f"reply {reply_id} was {reply.status} already")
    if data.revision is not None:
        _published(session, reply, data.revision)
    now = utcnow()
    shown = reply.shown or data.outcome == "accepted"
    _move(
        session,
        reply,
        PENDING,
        {
            "status": data.outcome,
            "shown": shown,
            "decided_by": actor.name,
            "decided_at": now,
            "reason": data.reason,
            "revision": data.revision,
        },
    )
    if shown:
        bump_data_version(session, now)
    audit.record(
        session,
        actor,
        "reply.decide",
        f"reply:{reply_id}",
        detail={"entity": reply.entity, "outcome": data.outcome, "revision": data.revision},
    )
    return _admin(reply)
