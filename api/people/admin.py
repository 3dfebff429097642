"""Admin routes for people (curators)."""

from fastapi import Response, status

from api.auth.deps import CurrentActor, role_router
from api.deps import IfMatch, ReasonParam, SessionDep
from api.people.models import PersonAdminPublic, PersonCreate, PersonUpdate
from api.profiles import items
from api.replies.links import profile_links
from api.revisions import drafts
from api.revisions.listing import SearchQuery, search
from api.revisions.models import EntitySummary, EntityType, Page, RestoreRequest
from api.revisions.working import load, view

PERSON = EntityType.person
router = role_router("/admin/v1/people", "admin: people")
item_router = items.item_router(
    PERSON, router.prefix, "admin: people", ("aliases", "exclude"), PersonAdminPublic
)


@router.get(
    "",
    response_model=Page[EntitySummary],
    responses={200: profile_links("$response.body#/items/0/slug")},
)
def list_people(session: SessionDep, filters: SearchQuery) -> Page[EntitySummary]:
    """Search people by name or alias, with filters."""
    return search(session, PERSON, filters)


@router.post("", response_model=PersonAdminPublic, status_code=status.HTTP_201_CREATED)
def create_person(
    data: PersonCreate, session: SessionDep, actor: CurrentActor, response: Response
) -> PersonAdminPublic:
    """Propose a new person as a draft."""
    working = drafts.create_from(session, actor, PERSON, data)
    return PersonAdminPublic.model_validate(view(working, response))


@router.get("/{slug}", response_model=PersonAdminPublic)
def get_person(slug: str, session: SessionDep, response: Response) -> PersonAdminPublic:
    """Show a person's working copy (the pending draft, else the live version)."""
    return PersonAdminPublic.model_validate(view(load(session, PERSON, slug), response))


@router.patch("/{slug}", response_model=PersonAdminPublic)
def update_person(
    slug: str,
    data: PersonUpdate,
    session: SessionDep,
    actor: CurrentActor,
    response: Response,
    if_match: IfMatch = None,
) -> PersonAdminPublic:
    """Propose changed fields as a draft (needs If-Match)."""
    working = drafts.update_from(session, actor, PERSON, slug, if_match, data)
    return PersonAdminPublic.model_validate(view(working, response))


@router.delete("/{slug}", response_model=PersonAdminPublic)
def delete_person(
    slug: str,
    reason: ReasonParam,
    session: SessionDep,
    actor: CurrentActor,
    response: Response,
    if_match: IfMatch = None,
) -> PersonAdminPublic:
    """Propose deleting a person (soft; restorable; needs If-Match)."""
    working = drafts.delete(session, actor, PERSON, slug, if_match, reason)
    return PersonAdminPublic.model_validate(view(working, response))


@router.post("/{slug}/restore", response_model=PersonAdminPublic)
def restore_person(
    slug: str,
    data: RestoreRequest,
    session: SessionDep,
    actor: CurrentActor,
    response: Response,
    if_match: IfMatch = None,
) -> PersonAdminPublic:
    """Propose bringing a deleted person back (needs If-Match)."""
    working = drafts.restore(session, actor, PERSON, slug, if_match, data.reason)
    return PersonAdminPublic.model_validate(view(working, response))
