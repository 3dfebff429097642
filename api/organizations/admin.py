"""Admin routes for organizations, their outlet domains and their category (curators)."""

from typing import Annotated

from fastapi import Query, Response, status

from api.auth.deps import CurrentActor, role_router
from api.deps import IfMatch, ReasonParam, SessionDep
from api.organizations import service
from api.organizations.models import (
    CategoryDocument,
    CategoryUpdate,
    DomainCreate,
    DomainDocument,
    OrganizationAdminPublic,
    OrganizationCreate,
    OrganizationUpdate,
    PathPrefix,
)
from api.profiles import items
from api.replies.links import profile_links
from api.revisions import drafts
from api.revisions.listing import SearchQuery, search
from api.revisions.models import EntitySummary, EntityType, Page, RestoreRequest
from api.revisions.working import load, view

ORG = EntityType.organization
router = role_router("/admin/v1/organizations", "admin: organizations")
item_router = items.item_router(
    ORG, router.prefix, "admin: organizations", ("aliases", "exclude"), OrganizationAdminPublic
)


@router.get(
    "",
    response_model=Page[EntitySummary],
    responses={200: profile_links("$response.body#/items/0/slug")},
)
def list_organizations(session: SessionDep, filters: SearchQuery) -> Page[EntitySummary]:
    """Search organizations by name or alias, with filters."""
    return search(session, ORG, filters)


@router.post("", response_model=OrganizationAdminPublic, status_code=status.HTTP_201_CREATED)
def create_organization(
    data: OrganizationCreate, session: SessionDep, actor: CurrentActor, response: Response
) -> OrganizationAdminPublic:
    """Propose a new organization as a draft."""
    working = drafts.create_from(session, actor, ORG, data)
    return OrganizationAdminPublic.model_validate(view(working, response))


@router.get("/{slug}", response_model=OrganizationAdminPublic)
def get_organization(slug: str, session: SessionDep, response: Response) -> OrganizationAdminPublic:
    """Show an organization's working copy (the pending draft, else the live version)."""
    return OrganizationAdminPublic.model_validate(view(load(session, ORG, slug), response))


@router.patch("/{slug}", response_model=OrganizationAdminPublic)
def update_organization(
    slug: str,
    data: OrganizationUpdate,
    session: SessionDep,
    actor: CurrentActor,
    response: Response,
    if_match: IfMatch = None,
) -> OrganizationAdminPublic:
    """Propose changed fields as a draft (needs If-Match)."""
    working = drafts.update_from(session, actor, ORG, slug, if_match, data)
    return OrganizationAdminPublic.model_validate(view(working, response))


@router.delete("/{slug}", response_model=OrganizationAdminPublic)
def delete_organization(
    slug: str,
    reason: ReasonParam,
    session: SessionDep,
    actor: CurrentActor,
    response: Response,
    if_match: IfMatch = None,
) -> OrganizationAdminPublic:
    """Propose deleting an organization (soft; restorable; needs If-Match)."""
    working = drafts.delete(session, actor, ORG, slug, if_match, reason)
    return OrganizationAdminPublic.model_validate(view(working, response))


@router.post("/{slug}/restore", response_model=OrganizationAdminPublic)
def restore_organization(
    slug: str,
    data: RestoreRequest,
    session: SessionDep,
    actor: CurrentActor,
    response: Response,
    if_match: IfMatch = None,
) -> OrganizationAdminPublic:
    """Propose bringing a deleted organization back (needs If-Match)."""
    working = drafts.restore(session, actor, ORG, slug, if_match, data.reason)
    return OrganizationAdminPublic.model_validate(view(working, response))


@router.get("/{slug}/domains", response_model=list[DomainDocument])
def list_domains(slug: str, session: SessionDep) -> list[DomainDocument]:
    """List an outlet's domains in its working copy."""
    document = load(session, ORG, slug).snapshot or {}
    return [DomainDocument.model_validate(d) for d in document.get("domains", [])]


@router.post(
    "/{slug}/domains", response_model=OrganizationAdminPublic, status_code=status.HTTP_201_CREATED
)
def add_domain(
    slug: str,
    data: DomainCreate,
    session: SessionDep,
    actor: CurrentActor,
    response: Response,
    if_match: IfMatch = None,
) -> OrganizationAdminPublic:
    """Propose one more domain for an outlet (If-Match optional)."""
    working = service.add_domain(session, actor, slug, if_match, data)
    return OrganizationAdminPublic.model_validate(view(working, response))


@router.delete("/{slug}/domains/{host}", response_model=OrganizationAdminPublic)
def remove_domain(
    slug: str,
    host: str,
    reason: ReasonParam,
    session: SessionDep,
    actor: CurrentActor,
    response: Response,
    path_prefix: Annotated[PathPrefix | None, Query()] = None,
    if_match: IfMatch = None,
) -> OrganizationAdminPublic:
    """Propose removing one domain of an outlet (If-Match optional)."""
    working = service.remove_domain(session, actor, slug, host, path_prefix, if_match, reason)
    return OrganizationAdminPublic.model_validate(view(working, response))


@router.get("/{slug}/category", response_model=CategoryDocument | None)
def get_category(slug: str, session: SessionDep) -> CategoryDocument | None:
    """Show an outlet's state-media category in its working copy."""
    category = (load(session, ORG, slug).snapshot or {}).get("category")
    return CategoryDocument.model_validate(category) if category else None


@router.put("/{slug}/category", response_model=OrganizationAdminPublic)
def set_category(
    slug: str,
    data: CategoryUpdate,
    session: SessionDep,
    actor: CurrentActor,
    response: Response,
    if_match: IfMatch = None,
) -> OrganizationAdminPublic:
    """Propose an outlet's state-media category (needs If-Match)."""
    working = service.set_category(session, actor, slug, if_match, data)
    return OrganizationAdminPublic.model_validate(view(working, response))


@router.delete("/{slug}/category", response_model=OrganizationAdminPublic)
def clear_category(
    slug: str,
    reason: ReasonParam,
    session: SessionDep,
    actor: CurrentActor,
    response: Response,
    if_match: IfMatch = None,
) -> OrganizationAdminPublic:
    """Propose removing an outlet's category (needs If-Match)."""
    working = service.clear_category(session, actor, slug, if_match, reason)
    return OrganizationAdminPublic.model_validate(view(working, response))
