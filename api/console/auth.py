"""Console sign-in: argon2id passwords, rate-limited attempts, revocable sessions whose id is
new at every sign-in, and CSRF tokens bound to the session."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import update
from sqlmodel import Session, col, select

from api.audit import service as audit
from api.auth.models import Account, Actor, Role
from api.common import utcnow
from api.console.models import ConsoleSession
from api.corrections.service import hit
from api.errors import InvalidInput, TooManyRequests
from api.profiles.projection import table

SESSION_HOURS = 12
ATTEMPT_WINDOW = timedelta(minutes=15)
ATTEMPTS_PER_NAME = 5
ATTEMPTS_PER_ADDRESS = 20
MIN_PASSWORD = 12
hasher = PasswordHasher()


@cache
def _dummy_hash(of: PasswordHasher) -> str:
    """The hash checked when the account does not exist, so both answers take as long: made with
    `of`'s cost at the first sign-in of the process, not at import (a hash costs a check)."""
    return of.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A valid console session and its account."""

    account: Account
    session_id: int
    secret: str

    def actor(self, request_id: str | None = None) -> Actor:
        return Actor(self.account.name, Role(self.account.role), request_id)


def keyed(pepper: str, purpose: str, value: str) -> str:
    return hmac.new(pepper.encode(), f"{purpose}|{value}".encode(), hashlib.sha256).hexdigest()


def csrf_token(pepper: str, secret: str) -> str:
    """Return the CSRF token of a session (or of a pre-sign-in cookie)."""
    return keyed(pepper, "csrf", secret)


def csrf_ok(pepper: str, secret: str | None, sent: str | None) -> bool:
    return bool(secret and sent) and hmac.compare_digest(
        csrf_token(pepper, secret or ""), sent or ""
    )


def set_password(session: Session, account: Account, password: str, actor: Actor | str) -> None:
    """Store an argon2id hash of a new password (at least 12 characters)."""
    if len(password) < MIN_PASSWORD or len(password) > 1024:
        raise InvalidInput(
            f"a password needs {MIN_PASSWORD} to 1024 characters",
            fields=[{"loc": "password", "message": f"at least {MIN_PASSWORD} characters"}],
        )
    account.password_hash = hasher.hash(password)
    session.add(account)
    session.flush()
    audit.record(session, actor, "account.password", f"account:{account.name}")


def _limit(session: Session, bucket: str, limit: int, now: datetime) -> None:
    window = now.replace(minute=now.minute - now.minute % 15, second=0, microsecond=0)
    if hit(session, bucket, window) > limit:
        retry = int((window + ATTEMPT_WINDOW - now).total_seconds()) + 1
        raise TooManyRequests(
            f"too many sign-in attempts; try again in {retry // 60 + 1} minutes",
            headers={"Retry-After": str(retry)},
        )


def sign_in(
    session: Session,
    name: str,
    password: str,
    *,
    address: str,
    pepper: str,
    user_agent: str | None,
    old_secret: str | None,
) -> SignedIn | None:
    """Check a name and password (rate-limited per name and per address); on success revoke
    the browser's old session and open a new one with a fresh id (no fixation)."""
    now = utcnow()
    dummy = _dummy_hash(hasher)  # before the lookup: the first sign-in pays, known name or not
    _limit(session, f"signin:n:{keyed(pepper, 'name', name.lower())[:40]}", ATTEMPTS_PER_NAME, now)
    _limit(session, f"signin:a:{keyed(pepper, 'addr', address)[:40]}", ATTEMPTS_PER_ADDRESS, now)
    account = session.exec(select(Account).where(Account.name == name.strip().lower())).first()
    stored = account.password_hash if account else None
    try:
        hasher.verify(stored or dummy, password)
        valid = stored is not None
    except (VerificationError, InvalidHashError):
        valid = False
    if account is None or not valid or account.disabled_at is not None:
        audit.record(session, "anonymous", "console.sign_in_failed", f"account:{name[:60]}")
        return None
    if old_secret:
        revoke_secret(session, pepper, old_secret, account.name)
    secret = secrets.token_urlsafe(32)
    row = ConsoleSession(
        account_id=account.id or 0,
        token_hash=keyed(pepper, "session", secret),
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(hours=SESSION_HOURS),
        user_agent=(user_agent or "")[:200] or None,
    )
    session.add(row)
    session.flush()
    audit.record(session, account.name, "console.sign_in", f"session:{row.id}")
    return SignedIn(account, row.id or 0, secret)


def current(session: Session, pepper: str, secret: str | None) -> SignedIn | None:
    """Return the signed-in account for a session cookie, if the session is still valid."""
    if not secret or len(secret) > 100:
        return None
    row = session.exec(
        select(ConsoleSession, Account)
        .join(Account, col(Account.id) == ConsoleSession.account_id)
        .where(ConsoleSession.token_hash == keyed(pepper, "session", secret))
        .execution_options(populate_existing=True)
    ).first()
    if row is None:
        return None
    console_session, account = row
    now = utcnow()
    if (
        console_session.revoked_at is not None
        or console_session.expires_at <= now
        or account.disabled_at is not None
    ):
        return None
    return SignedIn(account, console_session.id or 0, secret)


def revoke_secret(session: Session, pepper: str, secret: str, actor: str) -> None:
    """Revoke the session behind a cookie (sign-out, or the old session at a new sign-in)."""
    t = table(ConsoleSession)
    session.execute(
        update(t)
        .where(t.c.token_hash == keyed(pepper, "session", secret), t.c.revoked_at.is_(None))
        .values(revoked_at=utcnow(), revoked_by=actor)
    )


def sessions_of(session: Session) -> list[tuple[ConsoleSession, str]]:
    """Return every session that is still open, with its account name, newest first."""
    now = utcnow()
    rows = session.exec(
        select(ConsoleSession, Account.name)
        .join(Account, col(Account.id) == ConsoleSession.account_id)
        .where(col(ConsoleSession.revoked_at).is_(None), ConsoleSession.expires_at > now)
        .order_by(col(ConsoleSession.id).desc())
    ).all()
    return [(s, name) for s, name in rows]


def revoke(session: Session, session_id: int, actor: Actor) -> None:
    """Revoke one console session (admins)."""
    t = table(ConsoleSession)
    session.execute(
        update(t)
        .where(t.c.id == session_id, t.c.revoked_at.is_(None))
        .values(revoked_at=utcnow(), revoked_by=actor.name)
    )
    audit.record(session, actor, "console.session_revoke", f"session:{session_id}")
