"""Admin routes for citations (curators)."""

from fastapi import Response, status

from api.auth.deps import CurrentActor, role_router
from api.citations.models import CitationAdminPublic, CitationCreate, CitationUpdate
from api.deps import IfMatch, ReasonParam, SessionDep
from api.revisions import drafts
from api.revisions.listing import SearchQuery, search
from api.revisions.models import EntitySummary, EntityType, Page, RestoreRequest
from api.revisions.working import load, view

CITATION = EntityType.citation
router = role_router("/admin/v1/citations", "admin: citations")


@router.get("", response_model=Page[EntitySummary])
def list_citations(session: SessionDep, filters: SearchQuery) -> Page[EntitySummary]:
    """Search citations by title, publisher or key."""
    return search(session, CITATION, filters)


@router.post("", response_model=CitationAdminPublic, status_code=status.HTTP_201_CREATED)
def create_citation(
    data: CitationCreate, session: SessionDep, actor: CurrentActor, response: Response
) -> CitationAdminPublic:
    """Propose a new citation as a draft."""
    working = drafts.create_from(session, actor, CITATION, data)
    return CitationAdminPublic.model_validate(view(working, response))


@router.get("/{key}", response_model=CitationAdminPublic)
def get_citation(key: str, session: SessionDep, response: Response) -> CitationAdminPublic:
    """Show a citation's working copy (the pending draft, else the live version)."""
    return CitationAdminPublic.model_validate(view(load(session, CITATION, key), response))


@router.patch("/{key}", response_model=CitationAdminPublic)
def update_citation(
    key: str,
    data: CitationUpdate,
    session: SessionDep,
    actor: CurrentActor,
    response: Response,
    if_match: IfMatch = None,
) -> CitationAdminPublic:
    """Propose changed fields as a draft (needs If-Match)."""
    working = drafts.update_from(session, actor, CITATION, key, if_match, data)
    return CitationAdminPublic.model_validate(view(working, response))


@router.delete("/{key}", response_model=CitationAdminPublic)
def delete_citation(
    key: str,
    reason: ReasonParam,
    session: SessionDep,
    actor: CurrentActor,
    response: Response,
    if_match: IfMatch = None,
) -> CitationAdminPublic:
    """Propose deleting a citation nothing published cites (soft; needs If-Match)."""
    working = drafts.delete(session, actor, CITATION, key, if_match, reason)
    return CitationAdminPublic.model_validate(view(working, response))


@router.post("/{key}/restore", response_model=CitationAdminPublic)
def restore_citation(
    key: str,
    data: RestoreRequest,
    session: SessionDep,
    actor: CurrentActor,
    response: Response,
    if_match: IfMatch = None,
) -> CitationAdminPublic:
    """Propose bringing a deleted citation back (needs If-Match)."""
    working = drafts.restore(session, actor, CITATION, key, if_match, data.reason)
    return CitationAdminPublic.model_validate(view(working, response))
