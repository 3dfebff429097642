"""Take correction requests from the public (rate-limited per address, in the database so
every replica counts together) and let curators work through them."""

import hashlib
import hmac
from datetime import datetime, timedelta

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from api.audit import service as audit
from api.auth.models import Actor
from api.common import utcnow
from api.config import Settings
from api.corrections.models import (
    Correction,
    CorrectionCreate,
    CorrectionPublic,
    CorrectionResolve,
    CorrectionStatus,
    RateCounter,
)
from api.errors import NotFound, TooManyRequests
from api.profiles.projection import table

WINDOW = timedelta(hours=1)


def hit(session: Session, bucket: str, window_start: datetime) -> int:
    """Count one more request in a fixed window, atomically; return the window's count."""
    t = table(RateCounter)
    bump = (
        update(t)
        .where(t.c.bucket == bucket, t.c.window_start == window_start)
        .values(count=t.c.count + 1)
        .returning(t.c.count)
    )
    count = session.execute(bump).scalar_one_or_none()
    if count is not None:
        return int(count)
    try:
        with session.begin_nested():
            session.execute(insert(t).values(bucket=bucket, window_start=window_start, count=1))
    except IntegrityError:  # another replica opened the window at the same moment
        return int(session.execute(bump).scalar_one())
    session.execute(delete(t).where(t.c.window_start < window_start - WINDOW))
    return 1


def limit_per_hour(
    session: Session, settings: Settings, *, purpose: str, client: str, limit: int, what: str
) -> datetime:
    """Count one `purpose` request from `client` (only a keyed hash of the address is kept, for
    this hour); raise TooManyRequests past `limit` an hour. Return the current time."""
    now = utcnow()
    window = now.replace(minute=0, second=0, microsecond=0)
    address = hmac.new(settings.token_pepper.encode(), client.encode(), hashlib.sha256)
    if hit(session, f"{purpose}:{address.hexdigest()[:40]}", window) > limit:
        retry = int((window + WINDOW - now).total_seconds()) + 1
        raise TooManyRequests(
            f"at most {limit} {what} an hour from one address; "
            f"try again in {retry // 60 + 1} minutes",
            headers={"Retry-After": str(retry)},
        )
    return now


def submit(
    session: Session,
    data: CorrectionCreate,
    *,
    client: str,
    settings: Settings,
    request_id: str | None,
) -> Correction:
    """Queue a correction request, unless this address has sent too many this hour."""
    now = limit_per_hour(
        session,
        settings,
        purpose="corrections",
        client=client,
        limit=settings.corrections_per_hour,
        what="correction requests",
    )
    correction = Correction(**data.model_dump(), created_at=now, request_id=request_id)
    session.add(correction)
    session.flush()
    audit.record(
        session,
        "public",
        "correction.create",
        f"correction:{correction.id}",
        request_id=request_id,
        detail={"entity": data.entity},
        now=now,
    )
    return correction


def queue(
    session: Session, status: CorrectionStatus | None, page: int, per_page: int
) -> tuple[int, list[CorrectionPublic]]:
    """Return correction requests, oldest first, optionally of one status."""
    t = table(Correction)
    query = select(t)
    if status is not None:
        query = query.where(t.c.status == status)
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = session.execute(
        query.order_by(t.c.id).limit(per_page).offset((page - 1) * per_page)
    ).mappings()
    return int(total), [CorrectionPublic.model_validate(dict(row)) for row in rows]


def get(session: Session, correction_id: int) -> Correction:
    correction = session.get(Correction, correction_id)
    if correction is None:
        raise NotFound(f"no correction request {correction_id}")
    return correction


def resolve(
    session: Session, actor: Actor, correction_id: int, data: CorrectionResolve
) -> Correction:
    """Close (or reopen) a correction request with a note; the data changes only by drafts."""
    correction = get(session, correction_id)
    closed = data.status is not CorrectionStatus.open
    correction.status = data.status
    correction.resolution = data.resolution
    correction.resolved_by = actor.name if closed else None
    correction.resolved_at = utcnow() if closed else None
    session.add(correction)
    session.flush()
    audit.record(
        session,
        actor,
        "correction.resolve",
        f"correction:{correction_id}",
        detail={"status": data.status},
    )
    return correction
