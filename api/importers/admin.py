"""Admin route for imports: exported Wikidata items become one changeset of drafts (curators)."""

from datetime import date
from typing import Any

from fastapi import status
from pydantic import BaseModel, ConfigDict, Field

from api.auth.deps import CurrentActor, role_router
from api.changesets import views
from api.changesets.models import ChangesetPublic
from api.deps import SessionDep
from api.errors import InvalidInput
from api.importers.wikidata.entities import entities_from_content
from api.importers.wikidata.service import import_entities
from api.revisions.models import AcknowledgeDuplicates, Reason

router = role_router("/admin/v1/imports", "admin: imports")


class WikidataImport(BaseModel):
    """Exported Wikidata files, each as the JSON it was saved as."""

    model_config = ConfigDict(extra="forbid")

    reason: Reason
    files: list[dict[str, Any]] = Field(
        min_length=1,
        max_length=50,
        description="Special:EntityData JSON ({entities: …}) or SPARQL 1.1 results JSON",
    )
    accessed: date | None = None
    acknowledge_duplicates: AcknowledgeDuplicates = False


@router.post(
    "/wikidata",
    response_model=ChangesetPublic,
    status_code=status.HTTP_201_CREATED,
    responses={409: {"description": "Possible duplicates to acknowledge"}, 422: {}},
)
def import_wikidata(
    data: WikidataImport, session: SessionDep, actor: CurrentActor
) -> ChangesetPublic:
    """Propose exported Wikidata items as one changeset of drafts for review."""
    entities = (
        entity
        for index, content in enumerate(data.files)
        for entity in entities_from_content(content, f"files[{index}]")
    )
    changeset, _ = import_entities(
        session,
        actor,
        entities,
        reason=data.reason,
        accessed=(data.accessed or date.today()).isoformat(),
        acknowledge_duplicates=data.acknowledge_duplicates,
    )
    if changeset is None:
        raise InvalidInput("nothing to propose: every item is skipped or already up to date")
    return views.describe(session, changeset)
