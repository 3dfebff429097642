"""Account and API-token tables, their request and response models, and the acting user."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints
from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel

from api.common import utcnow


class Role(StrEnum):
    """What an account may do; each role includes the ones before it."""

    curator = "curator"
    reviewer = "reviewer"
    admin = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def includes(self, other: "Role") -> bool:
        """Tell whether this role may do what `other` may."""
        return self.rank >= other.rank


AccountName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9._-]{0,62}$"),
]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]


class Account(SQLModel, table=True):
    id: int | None = SQLField(default=None, primary_key=True)
    name: str = SQLField(max_length=64, unique=True)
    role: str = SQLField(max_length=16)
    created_at: datetime = SQLField(default_factory=utcnow)
    disabled_at: datetime | None = None
    password_hash: str | None = SQLField(default=None, max_length=255)  # argon2id, console only


class ApiToken(SQLModel, table=True):
    """A bearer token, stored only as an HMAC-SHA256 of the secret."""

    __tablename__ = "api_token"

    id: int | None = SQLField(default=None, primary_key=True)
    account_id: int = SQLField(
        sa_column=Column(
            Integer, ForeignKey("account.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    label: str = SQLField(max_length=120)
    token_hash: str = SQLField(max_length=64, unique=True)
    created_at: datetime = SQLField(default_factory=utcnow)
    created_by: str = SQLField(max_length=64)
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    revoked_by: str | None = SQLField(default=None, max_length=64)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting, for revisions and the audit log."""

    name: str
    role: Role
    request_id: str | None = None


class AccountCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: AccountName
    role: Role


class AccountUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role | None = None
    disabled: StrictBool | None = None


class AccountPublic(BaseModel):
    name: str
    role: Role
    created_at: datetime
    disabled: bool


class TokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: Label = "api"
    expires_days: int | None = Field(default=None, ge=1, le=3650)


class TokenPublic(BaseModel):
    """A token's metadata; the secret itself is never shown again."""

    id: int
    account: str
    label: str
    created_at: datetime
    created_by: str
    expires_at: datetime | None
    revoked_at: datetime | None
    active: bool


class TokenCreated(TokenPublic):
    """A new token: `token` is shown this once and stored only as a hash."""

    token: str
