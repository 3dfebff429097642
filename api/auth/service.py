"""Accounts and tokens: create, list, revoke, and authenticate a bearer token."""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from api.audit import service as audit
from api.auth.models import (
    Account,
    AccountCreate,
    AccountPublic,
    AccountUpdate,
    Actor,
    ApiToken,
    Role,
    TokenCreated,
    TokenPublic,
)
from api.common import utcnow
from api.errors import Conflict, NotFound, Unauthorized
from api.profiles.projection import table

TOKEN_PREFIX = "pn_"  # noqa: S105 - a public marker, not a secret


class AuthFailure(Unauthorized):
    """A missing or unusable token; `reason` goes to the audit log (never the token itself)."""

    def __init__(self, message: str, reason: str, token_id: int | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.token_id = token_id


def hash_token(token: str, pepper: str) -> str:
    """Return the stored form of a token: HMAC-SHA256 keyed with the server's pepper."""
    return hmac.new(pepper.encode(), token.encode(), hashlib.sha256).hexdigest()


def account_public(account: Account) -> AccountPublic:
    return AccountPublic(
        name=account.name,
        role=Role(account.role),
        created_at=account.created_at,
        disabled=account.disabled_at is not None,
    )


def token_public(token: ApiToken, account: str, now: datetime | None = None) -> TokenPublic:
    now = now or utcnow()
    active = token.revoked_at is None and (token.expires_at is None or token.expires_at > now)
    return TokenPublic(
        id=token.id or 0,
        account=account,
        label=token.label,
        created_at=token.created_at,
        created_by=token.created_by,
        expires_at=token.expires_at,
        revoked_at=token.revoked_at,
        active=active,
    )


def get_account(session: Session, name: str) -> Account:
    account = session.exec(select(Account).where(Account.name == name)).first()
    if account is None:
        raise NotFound(f"no account named '{name}'")
    return account


def list_accounts(session: Session) -> list[AccountPublic]:
    rows = session.exec(select(Account).order_by(col(Account.name))).all()
    return [account_public(a) for a in rows]


def create_account(session: Session, data: AccountCreate, actor: Actor | str) -> Account:
    """Create an account (names are unique)."""
    if session.exec(select(Account).where(Account.name == data.name)).first():
        raise Conflict(f"an account named '{data.name}' already exists")
    account = Account(name=data.name, role=str(data.role))
    session.add(account)
    session.flush()
    audit.record(
        session, actor, "account.create", f"account:{data.name}", detail={"role": data.role}
    )
    return account


def update_account(session: Session, name: str, data: AccountUpdate, actor: Actor) -> Account:
    """Change an account's role, or disable (or re-enable) it."""
    account = get_account(session, name)
    changes = data.model_dump(exclude_unset=True, mode="json")
    demoted = data.role is not None and data.role is not Role.admin
    if _active_admin(account) and (demoted or data.disabled) and _active_admins(session) <= 1:
        raise Conflict(
            f"'{name}' is the only enabled admin; make another account admin first, "
            "so the admin API stays reachable"
        )
    if data.role is not None:
        account.role = str(data.role)
    if data.disabled is not None:
        account.disabled_at = (account.disabled_at or utcnow()) if data.disabled else None
    session.add(account)
    session.flush()
    audit.record(session, actor, "account.update", f"account:{name}", detail=changes)
    return account


def _active_admin(account: Account) -> bool:
    return account.role == Role.admin and account.disabled_at is None


def _active_admins(session: Session) -> int:
    # Lock the admins' rows, so two admins cannot disable each other at the same moment.
    found = session.exec(
        select(Account.id)
        .where(Account.role == str(Role.admin), col(Account.disabled_at).is_(None))
        .with_for_update()
    ).all()
    return len(found)


def create_token(
    session: Session,
    account: Account,
    *,
    label: str,
    expires_days: int | None,
    actor: Actor | str,
    pepper: str,
) -> TokenCreated:
    """Issue a random token for an account; only its keyed hash is stored."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    token = ApiToken(
        account_id=account.id or 0,
        label=label,
        token_hash=hash_token(secret, pepper),
        created_at=now,
        created_by=actor if isinstance(actor, str) else actor.name,
        expires_at=now + timedelta(days=expires_days) if expires_days else None,
    )
    session.add(token)
    session.flush()
    audit.record(
        session,
        actor,
        "token.create",
        f"token:{token.id}",
        detail={"account": account.name, "label": label, "expires_days": expires_days},
    )
    return TokenCreated(**token_public(token, account.name, now).model_dump(), token=secret)


def list_tokens(session: Session, account: str | None = None) -> list[TokenPublic]:
    query = select(ApiToken, Account.name).join(Account, col(Account.id) == ApiToken.account_id)
    if account is not None:
        query = query.where(Account.name == account)
    now = utcnow()
    rows = session.exec(query.order_by(col(ApiToken.id))).all()
    return [token_public(token, name, now) for token, name in rows]


def revoke_token(session: Session, token_id: int, actor: Actor | str) -> TokenPublic:
    """Revoke a token at once; revoking twice keeps the first time."""
    token = session.get(ApiToken, token_id)
    if token is None:
        raise NotFound(f"no token with id {token_id}")
    if token.revoked_at is None:
        t = table(ApiToken)
        session.execute(
            update(t)
            .where(t.c.id == token_id, t.c.revoked_at.is_(None))
            .values(revoked_at=utcnow(), revoked_by=getattr(actor, "name", actor))
        )
        session.refresh(token)
        audit.record(session, actor, "token.revoke", f"token:{token_id}")
    account = session.get(Account, token.account_id)
    return token_public(token, account.name if account else "?")


def authenticate(session: Session, secret: str | None, pepper: str) -> Account:
    """Return the account behind a bearer token, or raise AuthFailure saying why not."""
    if not secret:
        raise AuthFailure(
            "an API token is required: send 'Authorization: Bearer <token>'", "missing token"
        )
    digest = hash_token(secret, pepper)
    row = session.exec(
        select(ApiToken, Account)
        .join(Account, col(Account.id) == ApiToken.account_id)
        .where(ApiToken.token_hash == digest)
    ).first()
    if row is None:
        raise AuthFailure("the API token is not valid", "unknown token")
    token, account = row
    if token.revoked_at is not None:
        raise AuthFailure("the API token has been revoked", "revoked token", token.id)
    if token.expires_at is not None and token.expires_at <= utcnow():
        raise AuthFailure("the API token has expired", "expired token", token.id)
    if account.disabled_at is not None:
        raise AuthFailure("the account is disabled", "disabled account", token.id)
    return account
