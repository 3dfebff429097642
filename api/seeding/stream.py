"""Validate and apply a seed set read twice from its source, batch by batch, never held whole.

The first pass parses each record, checks it alone, notes its id and works out what it would
change (writing the main rows of a real run); the second pass checks what each record refers
to against the whole set and writes claims and revisions. Both run in the caller's
transaction, so a problem found anywhere leaves every row as it was.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from enum import IntEnum
from itertools import islice
from typing import Any

from sqlmodel import Session

from api.common import utcnow
from api.organizations.models import OrganizationDocument
from api.people.models import PersonDocument
from api.profiles.documents import AnyDocument, canonical, content_hash, document_id, entity_type_of
from api.profiles.projection import project_claims, project_rows
from api.revisions.history import changed_fields
from api.revisions.models import RevisionAction
from api.revisions.service import Change, current_documents, record_published
from api.seeding.bulk import indexes_deferred
from api.seeding.files import RawRecord
from api.seeding.service import known_data, published_snapshots
from api.seeding.validation import Located, Problems, SetCheck, parse_record

Source = Callable[[], Iterable[RawRecord]]  # each call reads the set again from its start
BATCH = 1000  # records parsed, planned and written together
MAX_LISTED = 5000  # change lines a report lists; the rest are counted


class Action(IntEnum):
    """What a record does, noted in the first pass (one byte per record)."""

    invalid = 0
    unchanged = 1
    create = 2
    update = 3
    restore = 4


REVISION_ACTION = {
    Action.create: RevisionAction.create,
    Action.update: RevisionAction.update,
    Action.restore: RevisionAction.restore,
}


@dataclass
class StreamReport:
    """What an import changes: counts, and the first MAX_LISTED changes as lines."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    lines: list[str] = field(default_factory=list)

    @property
    def omitted(self) -> int:
        """Changes not listed in `lines`."""
        return self.created + self.updated - len(self.lines)

    def summary(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass(frozen=True, slots=True)
class _Planned:
    located: Located
    action: Action
    snapshot: dict[str, Any]
    digest: str

    @property
    def key(self) -> tuple[str, str]:
        doc = self.located.document
        return str(entity_type_of(doc)), document_id(doc)


def _batches(records: Iterable[RawRecord], size: int) -> Iterator[list[RawRecord]]:
    it = iter(records)
    while part := list(islice(it, size)):
        yield part


def import_stream(
    session: Session,
    source: Source,
    *,
    dry_run: bool,
    author: str,
    reason: str,
    batch: int = BATCH,
    on_batch: Callable[[str, int], None] | None = None,
) -> StreamReport:
    """Validate the records `source` yields and, unless `dry_run`, publish every change in the
    session's transaction; raise SeedInvalid (the first problems, all counted) on any problem.

    `on_batch(stage, records)` hears of each batch done: "checking", then "writing".
    """
    problems = Problems()
    checker = SetCheck(known_data(session), problems.append)
    actions = bytearray()
    report = StreamReport()
    now = utcnow()
    with nullcontext() if dry_run else indexes_deferred(session):
        for part in _batches(source(), batch):
            planned = _plan(session, part, problems, actions)
            for item in planned:
                checker.first(item.located)
            _count(session, report, planned)
            if not dry_run and not problems:
                changed = [p.located.document for p in planned if p.action is not Action.unchanged]
                project_rows(session, changed, actor=author, now=now)
            if on_batch:
                on_batch("checking", len(part))
        checker.close()
        ordinal = 0
        for part in _batches(source(), batch):
            planned = []
            for record in part:
                action = Action(actions[ordinal]) if ordinal < len(actions) else Action.invalid
                ordinal += 1
                if action is Action.invalid:
                    continue
                doc = parse_record(record, problems)
                if doc is not None:
                    planned.append(_planned(Located(doc, record.where), action))
            for item in planned:
                checker.second(item.located)
            if not dry_run and not problems:
                _write(session, planned, author=author, reason=reason, now=now)
            if on_batch:
                on_batch("writing", len(part))
    problems.raise_if_any()
    return report


def _planned(located: Located, action: Action) -> _Planned:
    snapshot = canonical(located.document)
    return _Planned(located, action, snapshot, content_hash(snapshot))


def _plan(
    session: Session, part: list[RawRecord], problems: Problems, actions: bytearray
) -> list[_Planned]:
    """Parse a batch and decide, against the database, what each valid record would do."""
    parsed: list[tuple[int, AnyDocument, str]] = []
    start = len(actions)
    actions.extend(bytes(len(part)))  # Action.invalid until planned
    for offset, record in enumerate(part):
        doc = parse_record(record, problems)
        if doc is not None:
            parsed.append((offset, doc, record.where))
    current = current_documents(
        session, [(str(entity_type_of(doc)), document_id(doc)) for _, doc, _ in parsed]
    )
    planned = []
    for offset, doc, where in parsed:
        item = _planned(Located(doc, where), Action.unchanged)
        state = current.get(item.key)
        if state is None:
            action = Action.create
        elif state.published is None:
            action = Action.restore
        elif state.content_hash == item.digest:
            action = Action.unchanged
        else:
            action = Action.update
        actions[start + offset] = action
        planned.append(_Planned(item.located, action, item.snapshot, item.digest))
    return planned


def _count(session: Session, report: StreamReport, planned: list[_Planned]) -> None:
    """Add a batch to the counts, listing its changes while fewer than MAX_LISTED are."""
    room = MAX_LISTED - len(report.lines)
    listed: list[_Planned] = []
    for item in planned:
        if item.action is Action.unchanged:
            report.unchanged += 1
            continue
        if item.action is Action.create:
            report.created += 1
        else:
            report.updated += 1
        if len(listed) < room:
            listed.append(item)
    if not listed:
        return
    updates = [p for p in listed if p.action is not Action.create]
    states = current_documents(session, [p.key for p in updates])
    old = dict(published_snapshots(session, (states[p.key].id for p in updates)))
    for item in listed:
        label = f"{entity_type_of(item.located.document)} {item.key[1]}"
        if item.action is Action.create:
            report.lines.append(f"+ {label}  ({item.located.where})")
            continue
        before = old.get(states[item.key].id) or {}
        fields = ", ".join(changed_fields(before, item.snapshot)) or "content"
        report.lines.append(f"~ {label}: {fields}  ({item.located.where})")


def _write(
    session: Session, planned: list[_Planned], *, author: str, reason: str, now: Any
) -> None:
    """Write the claims and published revisions of a batch's changed documents."""
    changed = [p for p in planned if p.action is not Action.unchanged]
    profiles = [
        p.located.document
        for p in changed
        if isinstance(p.located.document, OrganizationDocument | PersonDocument)
    ]
    project_claims(session, profiles)
    record_published(
        session,
        [Change(*p.key, p.snapshot, p.digest, REVISION_ACTION[p.action]) for p in changed],
        author=author,
        reason=reason,
        now=now,
    )
