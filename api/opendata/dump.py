"""The open-data dump: every published record as NDJSON, or as one seed file, streamed."""

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from api.exports.service import SECTION_OF, published_documents
from api.opendata.licence import cites_asd, licence_record
from api.opendata.models import DumpFormat
from api.profiles.projection import table
from api.revisions.models import DataVersion, Document, Revision, RevisionStatus

SCHEMA_VERSION = 1
MEDIA_TYPES: dict[str, str] = {"ndjson": "application/x-ndjson", "seed": "application/json"}


def version_of(session: Session) -> tuple[int, str | None]:
    """Return the published data version and when it last moved."""
    t = table(DataVersion)
    row = session.execute(select(t.c.version, t.c.updated_at).where(t.c.id == 1)).one()
    return int(row[0]), row[1].isoformat() if row[1] else None


def dump_etag(fmt: DumpFormat, version: int) -> str:
    """Name one dump: its format, schema and the data version it was read at."""
    return f'"dump-{fmt}-s{SCHEMA_VERSION}-v{version}"'


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)


def _line(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, ensure_ascii=False, default=_iso) + "\n").encode()


def _status_history(session: Session, batch: int) -> Iterator[dict[str, Any]]:
    d, r = table(Document), table(Revision)
    rows = session.execute(
        select(
            d.c.entity_type,
            d.c.slug,
            r.c.number,
            r.c.action,
            r.c.reason,
            r.c.author,
            r.c.reviewed_by,
            r.c.reviewed_at,
        )
        .select_from(r)
        .join(d, d.c.id == r.c.document_id)
        .where(r.c.status == str(RevisionStatus.published))
        .order_by(d.c.entity_type, d.c.slug, r.c.number)
        .execution_options(yield_per=batch)
    ).mappings()
    for row in rows:
        record = {"type": "revision", **row, "published_at": row["reviewed_at"]}
        del record["reviewed_at"]
        yield record


def ndjson(session: Session, batch: int = 500) -> Iterator[bytes]:
    """Yield the dump as NDJSON lines: a header, the records, their history, an end line."""
    version, updated = version_of(session)
    yield _line(
        {
            "type": "header",
            "format": "provnotes-dump",
            "schema_version": SCHEMA_VERSION,
            "data_version": version,
            "data_updated_at": updated,
            **licence_record(),
        }
    )
    counts: dict[str, int] = {}
    for item in published_documents(session, batch):
        counts[str(item.kind)] = counts.get(str(item.kind), 0) + 1
        record = {
            "type": str(item.kind),
            "slug": item.slug,
            "revision": item.revision,
            "published_at": item.published_at,
            "licence": "MIT (ASD)" if cites_asd(item.document) else "CC BY-SA 4.0",
            "document": item.document,
        }
        yield _line(record)
    for revision in _status_history(session, batch):
        counts["revision"] = counts.get("revision", 0) + 1
        yield _line(revision)
    yield _line({"type": "end", "counts": counts})


def seed_file(session: Session, batch: int = 500) -> Iterator[bytes]:
    """Yield the dump as one seed file (what `provnotes import` reads), section by section."""
    sections = list(SECTION_OF.values())
    opened: str | None = None
    yield b"{"
    for item in published_documents(session, batch):
        section = SECTION_OF[item.kind]
        body = json.dumps(item.document, ensure_ascii=False)
        if section != opened:
            yield from _close_and_open(opened, sections, section)
            opened = section
            yield ("\n  " + body).encode()
        else:
            yield (",\n  " + body).encode()
    yield from _close_and_open(opened, sections, None)
    yield b"\n}\n"


def _close_and_open(
    opened: str | None, sections: list[str], section: str | None
) -> Iterator[bytes]:
    """Close the open section and write the empty ones up to `section` (None: to the end)."""
    start = 0 if opened is None else sections.index(opened) + 1
    stop = len(sections) if section is None else sections.index(section)
    if opened is not None:
        yield b"\n]"
    for index, name in enumerate(sections[start:stop], start):
        yield f'{"," if index else ""}\n"{name}": []'.encode()
    if section is not None:
        yield f'{"," if sections.index(section) else ""}\n"{section}": ['.encode()


def stream(session: Session, fmt: DumpFormat, batch: int = 500) -> Iterator[bytes]:
    """Yield the dump in `fmt`."""
    return ndjson(session, batch) if fmt == "ndjson" else seed_file(session, batch)
