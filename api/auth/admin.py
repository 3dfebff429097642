"""Admin routes for accounts and API tokens (admins only), and `GET /me` for everyone."""

from typing import Annotated

from fastapi import Query, Response, status

from api.auth import service
from api.auth.deps import CurrentAccount, CurrentActor, role_router
from api.auth.models import (
    AccountCreate,
    AccountPublic,
    AccountUpdate,
    Role,
    TokenCreate,
    TokenCreated,
    TokenPublic,
)
from api.deps import RowId, SessionDep, SettingsDep

router = role_router("/admin/v1", "admin: accounts", Role.admin)
me_router = role_router("/admin/v1", "admin: accounts")


@me_router.get("/me", response_model=AccountPublic)
def me(account: CurrentAccount) -> AccountPublic:
    """Show the account behind the token."""
    return service.account_public(account)


@router.get("/accounts", response_model=list[AccountPublic])
def list_accounts(session: SessionDep) -> list[AccountPublic]:
    """List every account."""
    return service.list_accounts(session)


@router.post("/accounts", response_model=AccountPublic, status_code=status.HTTP_201_CREATED)
def create_account(data: AccountCreate, session: SessionDep, actor: CurrentActor) -> AccountPublic:
    """Create an account with a role."""
    return service.account_public(service.create_account(session, data, actor))


@router.get("/accounts/{name}", response_model=AccountPublic)
def get_account(name: str, session: SessionDep) -> AccountPublic:
    """Show one account."""
    return service.account_public(service.get_account(session, name))


@router.patch("/accounts/{name}", response_model=AccountPublic)
def update_account(
    name: str, data: AccountUpdate, session: SessionDep, actor: CurrentActor
) -> AccountPublic:
    """Change an account's role, or disable it."""
    return service.account_public(service.update_account(session, name, data, actor))


@router.post(
    "/accounts/{name}/tokens", response_model=TokenCreated, status_code=status.HTTP_201_CREATED
)
def create_token(
    name: str,
    data: TokenCreate,
    session: SessionDep,
    settings: SettingsDep,
    actor: CurrentActor,
    response: Response,
) -> TokenCreated:
    """Issue a token for an account; the secret is shown in this response only."""
    response.headers["Cache-Control"] = "no-store"
    account = service.get_account(session, name)
    return service.create_token(
        session,
        account,
        label=data.label,
        expires_days=data.expires_days,
        actor=actor,
        pepper=settings.token_pepper,
    )


@router.get("/tokens", response_model=list[TokenPublic])
def list_tokens(
    session: SessionDep, account: Annotated[str | None, Query(max_length=64)] = None
) -> list[TokenPublic]:
    """List tokens (never their secrets), optionally of one account."""
    return service.list_tokens(session, account)


@router.delete("/tokens/{token_id}", response_model=TokenPublic)
def revoke_token(token_id: RowId, session: SessionDep, actor: CurrentActor) -> TokenPublic:
    """Revoke a token at once."""
    return service.revoke_token(session, token_id, actor)
