"""Admin routes for the reader notes of organizations and of people (curators)."""

from typing import Annotated

from fastapi import APIRouter, Path, Response

from api.auth.deps import CurrentActor, role_router
from api.deps import IfMatch, ReasonParam, SessionDep
from api.notes import service
from api.notes.models import NoteUpdate
from api.revisions.models import EntityPublic, EntityType
from api.revisions.working import Working, load, view

PARENTS = {EntityType.organization: "organizations", EntityType.person: "people"}
Lang = Annotated[
    str, Path(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$", description="language code: en, tr, pt-BR")
]


def _router(entity_type: EntityType, plural: str) -> APIRouter:
    router = role_router(f"/admin/v1/{plural}/{{slug}}/notes", f"admin: {plural}")

    def answer(working: Working, response: Response) -> EntityPublic:
        return EntityPublic.model_validate({**view(working, response), "entity_type": entity_type})

    @router.get("", response_model=dict[str, str], name=f"list_{entity_type}_notes")
    def list_notes(slug: str, session: SessionDep) -> dict[str, str]:
        """List the reader notes in the working copy, by language."""
        notes: dict[str, str] = (load(session, entity_type, slug).snapshot or {}).get("notes", {})
        return notes

    @router.put("/{lang}", response_model=EntityPublic, name=f"put_{entity_type}_note")
    def put_note(
        slug: str,
        lang: Lang,
        data: NoteUpdate,
        session: SessionDep,
        actor: CurrentActor,
        response: Response,
        if_match: IfMatch = None,
    ) -> EntityPublic:
        """Propose the note in one language, added or replaced (needs If-Match)."""
        working = service.put(
            session, actor, entity_type, slug, lang, data.text, if_match, data.reason
        )
        return answer(working, response)

    @router.delete("/{lang}", response_model=EntityPublic, name=f"remove_{entity_type}_note")
    def remove_note(
        slug: str,
        lang: Lang,
        reason: ReasonParam,
        session: SessionDep,
        actor: CurrentActor,
        response: Response,
        if_match: IfMatch = None,
    ) -> EntityPublic:
        """Propose removing the note in one language (needs If-Match)."""
        working = service.remove(session, actor, entity_type, slug, lang, if_match, reason)
        return answer(working, response)

    return router


routers = [_router(entity_type, plural) for entity_type, plural in PARENTS.items()]
