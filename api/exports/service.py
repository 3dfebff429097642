"""Export the published dataset in the seed-file format; import seed files all-or-nothing."""

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import and_, select
from sqlmodel import Session

from api.audit import service as audit
from api.auth.models import Actor
from api.exports import idempotency
from api.exports.body import SpooledBody
from api.exports.models import ImportResult
from api.profiles.documents import DOCUMENT_MODELS, canonical
from api.profiles.projection import table
from api.revisions.models import Document, EntityType, Revision
from api.seeding.files import SECTIONS
from api.seeding.stream import import_stream

SECTION_OF = {
    EntityType.citation: "citations",
    EntityType.organization: "organizations",
    EntityType.person: "people",
}


class Published(NamedTuple):
    """One published document: its family, slug, live revision and canonical seed record."""

    kind: EntityType
    slug: str
    revision: int
    published_at: datetime | None
    document: dict[str, Any]


def published_documents(session: Session, batch: int = 500) -> Iterator[Published]:
    """Yield every published document, section by section, fetched `batch` rows at a time."""
    d, r = table(Document), table(Revision)
    for kind in SECTION_OF:
        rows = session.execute(
            select(d.c.slug, r.c.number, r.c.reviewed_at, r.c.snapshot)
            .select_from(d)
            .join(r, and_(r.c.document_id == d.c.id, r.c.number == d.c.published))
            .where(d.c.published.is_not(None), d.c.entity_type == str(kind))
            .order_by(d.c.slug)
            .execution_options(yield_per=batch)
        )
        for slug, number, reviewed_at, snapshot in rows:
            document = canonical(DOCUMENT_MODELS[kind].model_validate(snapshot))
            yield Published(kind, slug, number, reviewed_at, document)


def export_dataset(session: Session) -> dict[str, list[dict[str, Any]]]:
    """Return every published document, by section, ordered by id: a valid seed file."""
    found: dict[str, list[tuple[str, dict[str, Any]]]] = {name: [] for name in SECTIONS}
    for item in published_documents(session):
        found[SECTION_OF[item.kind]].append((item.slug, item.document))
    # Sorted here, not by the database, so both backends' collations give the same order.
    return {
        name: [doc for _, doc in sorted(items, key=lambda item: item[0])]
        for name, items in found.items()
    }


def export_text(session: Session) -> str:
    """Return the export as stable, human-readable JSON (what `provnotes export` writes)."""
    return json.dumps(export_dataset(session), indent=2, ensure_ascii=False) + "\n"


def import_body(
    session: Session, actor: Actor, body: SpooledBody, *, dry_run: bool, reason: str
) -> ImportResult:
    """Validate every record of every file together, then publish the changes in one go."""
    report = import_stream(session, body.records, dry_run=dry_run, author=actor.name, reason=reason)
    if not dry_run:
        audit.record(
            session,
            actor,
            "dataset.import",
            detail={"reason": reason, "created": report.created, "updated": report.updated},
        )
        session.flush()
    return ImportResult(
        dry_run=dry_run,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        changes=report.lines,
        omitted=report.omitted,
        summary=report.summary(),
    )


def import_once(
    session: Session, actor: Actor, body: SpooledBody, *, reason: str, key: str
) -> tuple[ImportResult, bool]:
    """Import under an idempotency key; return the result and whether it is a replay."""
    digest = idempotency.request_hash(body.digest, reason)
    stored = idempotency.replay(session, key, "import", actor, digest)
    stored = stored or idempotency.claim(session, key, "import", actor, digest)
    if stored is not None:
        return ImportResult.model_validate(stored), True
    result = import_body(session, actor, body, dry_run=False, reason=reason)
    idempotency.remember(session, key, result.model_dump(mode="json"))
    return result, False
