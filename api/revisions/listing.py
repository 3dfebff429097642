"""Find entities by name or alias (accent- and case-insensitive) with filters and pages."""

from typing import Annotated, Any

from fastapi import Query
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import and_, func, or_, select
from sqlmodel import Session

from api.common import Country
from api.organizations.models import OrganizationKind, StateMediaCategory
from api.profiles.projection import table
from api.profiles.search import like_pattern, query_host
from api.revisions.models import (
    Document,
    EntityStatus,
    EntitySummary,
    EntityType,
    Page,
    Revision,
    RevisionStatus,
)


class SearchFilters(BaseModel):
    """Query parameters of every admin list endpoint."""

    model_config = ConfigDict(extra="forbid")

    q: str | None = Field(
        default=None,
        max_length=200,
        description="name, alias, slug, domain (host or URL), citation URL or title",
    )
    kind: OrganizationKind | None = None
    country: Country | None = None
    category: StateMediaCategory | None = None
    status: EntityStatus | None = None
    page: int = Field(default=1, ge=1, le=100_000)
    per_page: int = Field(default=25, ge=1, le=100)


SearchQuery = Annotated[SearchFilters, Query()]


def search(session: Session, entity_type: EntityType, f: SearchFilters) -> Page[EntitySummary]:
    """Return one page of an entity family, best-known names first."""
    d, r = table(Document), table(Revision)
    is_draft = r.c.status == RevisionStatus.draft
    where: list[Any] = [d.c.entity_type == entity_type, d.c.head > 0]
    if f.q and f.q.strip():
        where.append(text_matches(d, f.q))
    for column, value in (("kind", f.kind), ("country", f.country), ("category", f.category)):
        if value is not None:
            where.append(d.c[column] == str(value))
    if f.status is EntityStatus.draft:
        where.append(is_draft)
    elif f.status is EntityStatus.published:
        where += [~is_draft, d.c.published.is_not(None)]
    elif f.status is EntityStatus.deleted:
        where += [~is_draft, d.c.published.is_(None), d.c.deleted_at.is_not(None)]
    elif f.status is EntityStatus.rejected:
        where += [~is_draft, d.c.published.is_(None), d.c.deleted_at.is_(None)]
    query = (
        select(
            d.c.slug,
            d.c.label,
            d.c.kind,
            d.c.country,
            d.c.category,
            d.c.head,
            d.c.published,
            d.c.deleted_at,
            d.c.updated_at,
            r.c.status,
        )
        .select_from(d)
        .join(r, and_(r.c.document_id == d.c.id, r.c.number == d.c.head))
        .where(*where)
    )
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = session.execute(
        query.order_by(func.lower(d.c.label), d.c.slug)
        .limit(f.per_page)
        .offset((f.page - 1) * f.per_page)
    ).mappings()
    items = [
        EntitySummary(
            slug=row["slug"],
            name=row["label"],
            kind=row["kind"],
            country=row["country"],
            category=row["category"],
            status=_status(row),
            head=row["head"],
            published_revision=row["published"],
            updated_at=row["updated_at"],
        )
        for row in rows
    ]
    return Page[EntitySummary](items=items, total=int(total), page=f.page, per_page=f.per_page)


def text_matches(d: Any, q: str) -> Any:
    """Match a search text against the folded names, domains and URLs of documents; a URL or
    host also finds the outlet whose domain (or a subdomain of it) serves it."""
    found = [d.c.search_text.like(like_pattern(q), escape="\\")]
    host = query_host(q)
    if host is not None:
        parts = host.split(".")
        for i in range(len(parts) - 1):
            parent = ".".join(parts[i:])
            found.append(d.c.search_text.like(like_pattern(parent, whole=True), escape="\\"))
    return or_(*found)


def _status(row: Any) -> EntityStatus:
    if row["status"] == RevisionStatus.draft:
        return EntityStatus.draft
    if row["published"] is not None:
        return EntityStatus.published
    return EntityStatus.deleted if row["deleted_at"] else EntityStatus.rejected


def labels(session: Session, slugs: list[str]) -> dict[str, str]:
    """Return the names of organizations and people by slug (for pages that list mentions)."""
    d = table(Document)
    rows = session.execute(
        select(d.c.slug, d.c.label).where(
            d.c.slug.in_(sorted(set(slugs))), d.c.entity_type != EntityType.citation
        )
    )
    return {slug: label or slug for slug, label in rows}
