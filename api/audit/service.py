"""Record audit events (in the caller's transaction, or on their own) and read them back."""

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from api.audit.models import AuditEvent, AuditEventPublic
from api.auth.models import Actor
from api.common import utcnow
from api.profiles.projection import table

log = logging.getLogger("provnotes")
SessionFactory = Callable[[], AbstractContextManager[Session]]


def record(
    session: Session,
    actor: Actor | str,
    action: str,
    target: str | None = None,
    *,
    request_id: str | None = None,
    detail: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> None:
    """Append one audit event in the caller's transaction (never pass secrets in `detail`)."""
    name = actor if isinstance(actor, str) else actor.name
    if request_id is None and isinstance(actor, Actor):
        request_id = actor.request_id
    session.execute(
        insert(table(AuditEvent)).values(
            at=now or utcnow(),
            actor=name[:64],
            action=action,
            target=target[:200] if target else None,
            request_id=request_id,
            detail=detail,
        )
    )


def record_apart(sessions: SessionFactory, actor: str, action: str, **kwargs: Any) -> None:
    """Record an event in its own transaction, so it stays even when the request rolls back."""
    try:
        with sessions() as session:
            record(session, actor, action, **kwargs)
    except SQLAlchemyError:
        log.exception("could not write the audit event %s for %s", action, actor)


def events(
    session: Session,
    *,
    actor: str | None,
    action: str | None,
    target: str | None,
    page: int,
    per_page: int,
) -> tuple[int, list[AuditEventPublic]]:
    """Return the total and one page of events, newest first, filtered by exact values."""
    t = table(AuditEvent)
    query = select(t)
    for column, value in (("actor", actor), ("action", action), ("target", target)):
        if value is not None:
            query = query.where(t.c[column] == value)
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = session.execute(
        query.order_by(t.c.id.desc()).limit(per_page).offset((page - 1) * per_page)
    ).mappings()
    return int(total), [AuditEventPublic.model_validate(dict(row)) for row in rows]
