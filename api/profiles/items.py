"""Admin routes for small edits of a profile's list fields: add or remove one alias or one
exclude phrase (curators)."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response, status
from pydantic import BaseModel, ConfigDict

from api.auth.deps import CurrentActor, role_router
from api.common import Text
from api.deps import IfMatch, ReasonParam, SessionDep
from api.revisions import items
from api.revisions.models import EntityType, Reason
from api.revisions.working import view

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No usable bearer token"},
    403: {"description": "The role is too low"},
    404: {"description": "No such profile, or it does not list the value"},
    409: {"description": "The value is listed already, or the profile is deleted"},
    412: {"description": "If-Match is stale: someone saved first"},
    422: {"description": "Invalid value or reason"},
}


class ItemAdd(BaseModel):
    """One value to add to a list, and why."""

    model_config = ConfigDict(extra="forbid")

    value: Text
    reason: Reason


def item_router(
    entity_type: EntityType, prefix: str, tag: str, fields: tuple[str, ...], model: type[Any]
) -> APIRouter:
    """Build add/remove routes under `prefix/{slug}/{field}` for each list field."""
    router = role_router(prefix, tag, responses=ERRORS)
    for field in fields:
        _routes(router, entity_type, field, model)
    return router


def _routes(router: APIRouter, entity_type: EntityType, field: str, model: type[Any]) -> None:
    what = "alias" if field == "aliases" else "exclude phrase"

    def add(
        slug: str,
        data: ItemAdd,
        session: SessionDep,
        actor: CurrentActor,
        response: Response,
        if_match: IfMatch = None,
    ) -> Any:
        working = items.add_item(
            session, actor, entity_type, slug, field, data.value, data.reason, if_match
        )
        return model.model_validate(view(working, response))

    def remove(
        slug: str,
        value: Annotated[str, Path(max_length=300)],
        reason: ReasonParam,
        session: SessionDep,
        actor: CurrentActor,
        response: Response,
        if_match: IfMatch = None,
    ) -> Any:
        working = items.remove_item(
            session, actor, entity_type, slug, field, value, reason, if_match
        )
        return model.model_validate(view(working, response))

    add.__doc__ = f"Propose one more {what} (If-Match optional)."
    remove.__doc__ = f"Propose removing one {what} (If-Match optional)."
    router.add_api_route(
        f"/{{slug}}/{field}",
        add,
        methods=["POST"],
        response_model=model,
        status_code=status.HTTP_201_CREATED,
        name=f"add_{entity_type}_{field}",
    )
    router.add_api_route(
        f"/{{slug}}/{field}/{{value}}",
        remove,
        methods=["DELETE"],
        response_model=model,
        name=f"remove_{entity_type}_{field}",
    )
