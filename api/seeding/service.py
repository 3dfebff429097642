"""Plan and apply a seed run: upsert by slug, one transaction, a revision for every change."""

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from api.citations.models import Citation
from api.common import collector_paused, utcnow
from api.organizations.models import Organization, OutletDomain
from api.people.models import Person
from api.profiles.documents import (
    Named,
    canonical,
    content_hash,
    document_id,
    entity_type_of,
)
from api.profiles.projection import BATCH, chunks, project, table
from api.revisions.history import changed_fields
from api.revisions.models import Document, Revision, RevisionAction
from api.revisions.service import Change, current_documents, record_published
from api.seeding.bulk import indexes_deferred
from api.seeding.files import RawRecord
from api.seeding.validation import Known, Located, validate

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(slots=True)  # not frozen, for a fast __init__ (one per seed record): never changed
class PlannedChange:
    """What a seed run would do to one document."""

    located: Located
    action: RevisionAction
    snapshot: dict[str, Any]
    content_hash: str
    key: tuple[str, str]  # (entity type, slug or citation key)
    changed_fields: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return " ".join(self.key)


@dataclass
class SeedPlan:
    """The changes a seed run makes, and how many records it leaves as they are."""

    changes: list[PlannedChange] = field(default_factory=list)
    unchanged: int = 0
    named: Named | None = None  # what the whole set refers to, when it was gathered

    def counts(self) -> Counter[str]:
        counted = Counter(
            "created" if c.action is RevisionAction.create else "updated" for c in self.changes
        )
        counted["unchanged"] = self.unchanged
        return counted

    def summary(self) -> str:
        c = self.counts()
        return f"{c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged"

    def lines(self) -> Iterable[str]:
        for change in self.changes:
            if change.action is RevisionAction.create:
                yield f"+ {change.label}  ({change.located.where})"
            else:
                fields = ", ".join(change.changed_fields) or "content"
                yield f"~ {change.label}: {fields}  ({change.located.where})"


def known_data(session: Session) -> Known:
    """Read the ids a seed set may refer to, and who owns each outlet domain."""
    orgs, domains = table(Organization), table(OutletDomain)
    return Known(
        citations=set(session.execute(select(table(Citation).c.key)).scalars()),
        organizations=set(session.execute(select(orgs.c.slug)).scalars()),
        people=set(session.execute(select(table(Person).c.slug)).scalars()),
        domains={
            (host, prefix): slug
            for host, prefix, slug in session.execute(
                select(domains.c.host, domains.c.path_prefix, orgs.c.slug).join(
                    orgs, orgs.c.id == domains.c.organization_id
                )
            )
        },
    )


@collector_paused()  # it makes a document, a snapshot and a hash per record
def plan(session: Session, records: Iterable[RawRecord]) -> SeedPlan:
    """Validate every record against the database and work out what would change."""
    named = Named()
    located = validate(records, known_data(session), named)
    keys = [(str(entity_type_of(i.document)), document_id(i.document)) for i in located]
    current = current_documents(session, keys)
    result = SeedPlan(named=named)
    updated: dict[int, int] = {}  # document id → index of its change
    for item, key in zip(located, keys, strict=True):
        snapshot = canonical(item.document)
        digest = content_hash(snapshot)
        doc = current.get(key)
        if doc is not None and doc.published is not None and doc.content_hash == digest:
            result.unchanged += 1
            continue
        if doc is None:
            action = RevisionAction.create
        elif doc.published is None:
            action = RevisionAction.restore
        else:
            action = RevisionAction.update
            updated[doc.id] = len(result.changes)
        result.changes.append(PlannedChange(item, action, snapshot, digest, key))
    _name_changed_fields(session, result, updated)
    return result


def _name_changed_fields(session: Session, result: SeedPlan, updated: dict[int, int]) -> None:
    """Name the top-level fields each update changes, against the published snapshot."""
    for doc_id, old in published_snapshots(session, updated):
        index = updated[doc_id]
        change = result.changes[index]
        names = tuple(changed_fields(old or {}, change.snapshot))
        result.changes[index] = replace(change, changed_fields=names)


def published_snapshots(
    session: Session, document_ids: Iterable[int]
) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """Yield (document id, published snapshot) for documents, in chunked queries."""
    r, d = table(Revision), table(Document)
    for part in chunks(sorted(document_ids)):
        rows = session.execute(
            select(r.c.document_id, r.c.snapshot)
            .join(d, (d.c.id == r.c.document_id) & (d.c.published == r.c.number))
            .where(d.c.id.in_(list(part)))
        )
        yield from ((doc_id, snapshot) for doc_id, snapshot in rows)


@collector_paused()
def apply(
    session: Session,
    seed_plan: SeedPlan,
    *,
    author: str,
    reason: str,
    progress: Progress | None = None,
) -> None:
    """Write a planned seed run: live tables, documents and revisions (caller commits)."""
    if not seed_plan.changes:
        return
    now = utcnow()
    total = len(seed_plan.changes)
    done = {"profiles": 0, "revisions": 0}

    def advance(stage: str, count: int) -> None:
        done[stage] += count
        if progress:
            progress(stage, done[stage], total)

    with indexes_deferred(session):
        project(
            session,
            [c.located.document for c in seed_plan.changes],
            actor=author,
            now=now,
            on_progress=lambda count: advance("profiles", count),
            named=seed_plan.named,
        )
        for batch in chunks(seed_plan.changes, BATCH):
            record_published(
                session,
                [Change(*c.key, c.snapshot, c.content_hash, c.action) for c in batch],
                author=author,
                reason=reason,
                now=now,
            )
            advance("revisions", len(batch))
