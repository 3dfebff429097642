"""Audit-event table and its public shape."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from api.common import utcnow


class AuditEvent(SQLModel, table=True):
    """One security-relevant event: who did what to which target, when, in which request."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor: str = Field(max_length=64, index=True)
    action: str = Field(max_length=48, index=True)
    target: str | None = Field(default=None, max_length=200, index=True)
    request_id: str | None = Field(default=None, max_length=64)
    detail: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class AuditEventPublic(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    target: str | None
    request_id: str | None
    detail: dict[str, Any] | None
