"""Admin routes for the relations of organizations and of people (curators)."""

from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from api.auth.deps import CurrentActor, role_router
from api.deps import IfMatch, ReasonParam, SessionDep
from api.relations import service
from api.relations.models import RelationChange, RelationDocument
from api.revisions.models import EntityPublic, EntityType
from api.revisions.working import Working, load, view

PARENTS = {EntityType.organization: "organizations", EntityType.person: "people"}
Index = Annotated[int, Path(ge=0, le=10_000, description="position in the relation list")]


def _router(entity_type: EntityType, plural: str) -> APIRouter:
    router = role_router(f"/admin/v1/{plural}/{{slug}}/relations", f"admin: {plural}")

    def answer(working: Working, response: Response) -> EntityPublic:
        return EntityPublic.model_validate({**view(working, response), "entity_type": entity_type})

    @router.get("", response_model=list[RelationDocument], name=f"list_{entity_type}_relations")
    def list_relations(slug: str, session: SessionDep) -> list[RelationDocument]:
        """List the relations in the working copy, in order (the index addresses one)."""
        document = load(session, entity_type, slug).snapshot or {}
        return [RelationDocument.model_validate(r) for r in document.get("relations", [])]

    @router.post(
        "",
        response_model=EntityPublic,
        status_code=status.HTTP_201_CREATED,
        name=f"add_{entity_type}_relation",
    )
    def add_relation(
        slug: str,
        data: RelationChange,
        session: SessionDep,
        actor: CurrentActor,
        response: Response,
        if_match: IfMatch = None,
    ) -> EntityPublic:
        """Propose one more relation (needs If-Match)."""
        working = service.add(session, actor, entity_type, slug, if_match, data)
        return answer(working, response)

    @router.put("/{index}", response_model=EntityPublic, name=f"replace_{entity_type}_relation")
    def replace_relation(
        slug: str,
        index: Index,
        data: RelationChange,
        session: SessionDep,
        actor: CurrentActor,
        response: Response,
        if_match: IfMatch = None,
    ) -> EntityPublic:
        """Propose a relation in place of the one at `index` (needs If-Match)."""
        working = service.replace(session, actor, entity_type, slug, index, if_match, data)
        return answer(working, response)

    @router.delete("/{index}", response_model=EntityPublic, name=f"remove_{entity_type}_relation")
    def remove_relation(
        slug: str,
        index: Index,
        reason: ReasonParam,
        session: SessionDep,
        actor: CurrentActor,
        response: Response,
        if_match: IfMatch = None,
    ) -> EntityPublic:
        """Propose removing the relation at `index` (needs If-Match)."""
        working = service.remove(session, actor, entity_type, slug, index, if_match, reason)
        return answer(working, response)

    return router


routers = [_router(entity_type, plural) for entity_type, plural in PARENTS.items()]
