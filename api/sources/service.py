"""Record check results by the dead-source rule, and show a citation's latest check.

The rule: a citation is dead when its URL answers 404 or 410 once, or when it fails (another
HTTP error, a timeout, DNS, a refused connection, bad redirects) on `dead_after` consecutive
checks. A robots.txt refusal or a 401/403/429 says nothing about the page: it is recorded and
leaves the count alone. One success clears it. A citation whose URL changed starts afresh."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, select
from sqlmodel import Session, col
from sqlmodel import select as sql_select

from api.citations.models import Citation
from api.errors import NotFound
from api.profiles.projection import chunks, table
from api.sources.models import FAILING, Outcome, SourceCheck, SourceCheckPublic
from api.sources.probe import Probe


@dataclass
class Tally:
    """What one run recorded, for the summary line."""

    checked: int = 0
    ok: int = 0
    failing: int = 0
    inconclusive: int = 0
    dead: list[str] = field(default_factory=list)  # keys dead after this run
    newly_dead: list[str] = field(default_factory=list)


def published_citations(session: Session) -> list[tuple[str, str]]:
    """(key, URL) of every published citation, by key."""
    c = table(Citation)
    return [(key, url) for key, url in session.execute(select(c.c.key, c.c.url).order_by(c.c.key))]


def _apply(row: SourceCheck, probe: Probe, now: datetime, dead_after: int) -> None:
    row.checked_at = now
    row.outcome = probe.outcome
    row.http_status = probe.http_status
    row.detail = probe.detail
    if probe.outcome is Outcome.ok:
        row.failures, row.failing_since, row.dead, row.last_ok_at = 0, None, False, now
    elif probe.outcome in FAILING:
        row.failures += 1
        row.failing_since = row.failing_since or now
        row.dead = row.dead or probe.outcome is Outcome.gone or row.failures >= dead_after


def record(
    session: Session,
    citations: Iterable[tuple[str, str]],
    probes: Mapping[str, Probe],
    now: datetime,
    dead_after: int,
) -> Tally:
    """Store each checked citation's result and return the tally (unchecked ones stay as they
    were)."""
    checked = [(key, url) for key, url in citations if url in probes]
    existing: dict[str, SourceCheck] = {}
    for part in chunks([key for key, _ in checked]):
        query = sql_select(SourceCheck).where(col(SourceCheck.citation_key).in_(part))
        existing.update((row.citation_key, row) for row in session.exec(query))
    tally = Tally()
    for key, url in checked:
        probe = probes[url]
        row = existing.get(key)
        was_dead = row is not None and row.dead and row.url == url
        if row is None or row.url != url:
            row = row or SourceCheck(
                citation_key=key, url=url, checked_at=now, outcome=probe.outcome
            )
            row.url, row.failures, row.failing_since, row.dead, row.last_ok_at = (
                url,
                0,
                None,
                False,
                None,
            )
        _apply(row, probe, now, dead_after)
        session.add(row)
        tally.checked += 1
        if probe.outcome is Outcome.ok:
            tally.ok += 1
        elif probe.outcome in FAILING:
            tally.failing += 1
        else:
            tally.inconclusive += 1
        if row.dead:
            tally.dead.append(key)
            if not was_dead:
                tally.newly_dead.append(key)
    session.flush()
    return tally


def latest(session: Session, key: str) -> SourceCheckPublic | None:
    """The latest check of the published citation `key`, if it was ever checked."""
    try:
        return check_of(session, key)
    except NotFound:
        return None


def check_of(session: Session, key: str) -> SourceCheckPublic:
    """The latest check of the published citation `key`."""
    c = table(Citation)
    url = session.execute(select(c.c.url).where(c.c.key == key)).scalar_one_or_none()
    row = session.exec(sql_select(SourceCheck).where(SourceCheck.citation_key == key)).first()
    if url is None or row is None:
        what = "no published citation" if url is None else "no check yet of the citation"
        raise NotFound(f"{what} {key!r}")
    return SourceCheckPublic(
        key=key,
        url=row.url,
        current=row.url == url,
        checked_at=row.checked_at,
        outcome=Outcome(row.outcome),
        http_status=row.http_status,
        detail=row.detail,
        failures=row.failures,
        failing_since=row.failing_since,
        last_ok_at=row.last_ok_at,
        dead=row.dead and row.url == url,
    )


def forget_unpublished(session: Session) -> None:
    """Drop the records of citations that are no longer published."""
    s, c = table(SourceCheck), table(Citation)
    session.execute(delete(s).where(s.c.citation_key.not_in(select(c.c.key))))
