"""Idempotency keys: the first request with a key is applied; retries get its stored answer."""

import hashlib
import json
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from api.auth.models import Actor
from api.common import utcnow
from api.errors import Conflict
from api.exports.models import IdempotencyKey
from api.profiles.projection import table

KEEP = timedelta(days=7)


def request_hash(*parts: Any) -> str:
    """Fingerprint a request, so a key reused for different content is refused."""
    encoded = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def replay(
    session: Session, key: str, scope: str, actor: Actor, digest: str
) -> dict[str, Any] | None:
    """Return the stored answer for `key`, or None when the key is new."""
    t = table(IdempotencyKey)
    row = session.execute(
        select(t.c.scope, t.c.actor, t.c.request_hash, t.c.response).where(t.c.key == key)
    ).first()
    if row is None:
        return None
    if (row.scope, row.actor, row.request_hash) != (scope, actor.name, digest):
        raise Conflict(
            "this Idempotency-Key was already used for a different request; use a new key",
            fields=[{"loc": "header.Idempotency-Key", "message": "already used"}],
        )
    if row.response is None:
        raise Conflict("a request with this Idempotency-Key is still being processed")
    response: dict[str, Any] = row.response
    return response


def claim(
    session: Session, key: str, scope: str, actor: Actor, digest: str
) -> dict[str, Any] | None:
    """Reserve `key` for this request; if a concurrent one finished first, return its answer."""
    t = table(IdempotencyKey)
    now = utcnow()
    session.execute(delete(t).where(t.c.created_at < now - KEEP))
    try:
        with session.begin_nested():
            session.execute(
                insert(t).values(
                    key=key, scope=scope, actor=actor.name, request_hash=digest, created_at=now
                )
            )
    except IntegrityError:
        return replay(session, key, scope, actor, digest)
    return None


def remember(session: Session, key: str, response: dict[str, Any]) -> None:
    """Store the answer, in the same transaction as the work it describes."""
    t = table(IdempotencyKey)
    session.execute(update(t).where(t.c.key == key).values(response=response))
