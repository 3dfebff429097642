"""Count reader feedback per profile and revision (rate-limited per address, nothing that names
a reader kept), and order it for curators: the most "not helpful" reasons first."""

from datetime import date
from typing import Any

from sqlalchemy import and_, func, insert, literal, select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from api.config import Settings
from api.corrections.service import limit_per_hour
from api.errors import InvalidInput, NotFound
from api.feedback.models import (
    REASONS,
    FeedbackComment,
    FeedbackCommentPublic,
    FeedbackCreate,
    FeedbackEntry,
    FeedbackTally,
    Reason,
    ReasonCounts,
    RevisionFeedback,
    Vote,
)
from api.opendata.history import live_document
from api.profiles.projection import table
from api.revisions.models import Document, Revision, RevisionStatus

COMMENTS_PER_ENTITY = 20


def _problem(loc: str, message: str) -> InvalidInput:
    return InvalidInput(f"{loc}: {message}", fields=[{"loc": loc, "message": message}])


def check_rules(data: FeedbackCreate) -> None:
    """Refuse reasons or text that do not go with the vote, naming the field."""
    if len(set(data.reasons)) != len(data.reasons):
        raise _problem("body.reasons", "give each reason once")
    if data.vote is Vote.helpful:
        if data.reasons:
            raise _problem("body.reasons", "a helpful vote carries no reasons")
        if data.text is not None:
            raise _problem("body.text", "a helpful vote carries no text")
    elif not data.reasons:
        raise _problem("body.reasons", "say why it was not helpful: at least one reason")
    elif Reason.other in data.reasons and data.text is None:
        raise _problem("body.text", "the reason 'other' needs a few words saying what")


def _published_revision(session: Session, data: FeedbackCreate) -> tuple[str, int]:
    """The entity's type and the published revision the feedback is about."""
    entity_type, doc_id = live_document(session, data.entity)
    if data.revision is None:
        d = table(Document)
        current = session.execute(select(d.c.published).where(d.c.id == doc_id)).scalar_one()
        return str(entity_type), int(current)
    r = table(Revision)
    found = session.execute(
        select(r.c.number).where(
            r.c.document_id == doc_id,
            r.c.number == data.revision,
            r.c.status == str(RevisionStatus.published),
        )
    ).first()
    if found is None:
        raise NotFound(f"'{data.entity}' has no published revision {data.revision}")
    return str(entity_type), data.revision


def _count(session: Session, key: dict[str, Any], columns: list[str], today: date) -> None:
    """Add one to `columns` of the tally `key`, opening it when it is the first vote."""
    t = table(FeedbackTally)
    where = and_(*(t.c[name] == value for name, value in key.items()))
    bump = update(t).where(where).values({**{c: t.c[c] + 1 for c in columns}, "last_on": today})
    if session.execute(bump).rowcount:  # type: ignore[attr-defined]
        return
    try:
        with session.begin_nested():
            session.execute(insert(t).values(**key, **dict.fromkeys(columns, 1), last_on=today))
    except IntegrityError:  # another request opened the tally at the same moment
        session.execute(bump)


def submit(
    session: Session, data: FeedbackCreate, *, client: str, settings: Settings
) -> tuple[str, int]:
    """Count one reader's feedback; return the entity and the revision it was counted on.

    Feedback is a signal for curators: it never changes a profile, a revision or the data
    version."""
    check_rules(data)
    now = limit_per_hour(
        session,
        settings,
        purpose="feedback",
        client=client,
        limit=settings.feedback_per_hour,
        what="feedback votes",
    )
    entity_type, revision = _published_revision(session, data)
    key = {"entity_type": entity_type, "entity": data.entity, "revision": revision}
    today = now.date()
    _count(session, key, [str(data.vote), *(str(reason) for reason in data.reasons)], today)
    if data.text is not None:
        reasons = ",".join(str(reason) for reason in data.reasons)
        comment = FeedbackComment(
            entity_type=entity_type,
            entity=data.entity,
            revision=revision,
            reasons=reasons,
            text=data.text,
            received_on=today,
        )
        session.add(comment)
        session.flush()
    return data.entity, revision


def _reasons(row: Any) -> ReasonCounts:
    return ReasonCounts(**{str(reason): int(row[str(reason)]) for reason in REASONS})


def queue(
    session: Session, *, current_only: bool, page: int, per_page: int
) -> tuple[int, list[FeedbackEntry]]:
    """Profiles with feedback, those with the most "not helpful" reasons first (then the most
    "not helpful" votes, then by slug); `current_only` counts published revisions alone."""
    t, d = table(FeedbackTally), table(Document)
    joined = t.join(d, and_(d.c.entity_type == t.c.entity_type, d.c.slug == t.c.entity))
    where = [t.c.revision == d.c.published] if current_only else []
    reason_total = sum((func.sum(t.c[str(reason)]) for reason in REASONS), literal(0))
    grouped = (
        select(t.c.entity_type, t.c.entity, reason_total.label("reason_total"))
        .select_from(joined)
        .where(*where)
        .group_by(t.c.entity_type, t.c.entity)
    )
    total = session.execute(select(func.count()).select_from(grouped.subquery())).scalar_one()
    ordered = session.execute(
        grouped.order_by(
            reason_total.desc(), func.sum(t.c.not_helpful).desc(), t.c.entity, t.c.entity_type
        )
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    keys = [(str(row[0]), str(row[1])) for row in ordered]
    return int(total), _entries(session, keys, current_only)


def _entries(
    session: Session, keys: list[tuple[str, str]], current_only: bool
) -> list[FeedbackEntry]:
    """The queue entries of these profiles, in this order: three reads whatever their number."""
    if not keys:
        return []
    t, d, c = table(FeedbackTally), table(Document), table(FeedbackComment)
    docs = {
        (row.entity_type, row.slug): row
        for row in session.execute(
            select(d.c.entity_type, d.c.slug, d.c.label, d.c.published).where(
                tuple_(d.c.entity_type, d.c.slug).in_(keys)
            )
        )
    }
    shown = (t.c.revision == d.c.published,) if current_only else ()
    revisions: dict[tuple[str, str], list[RevisionFeedback]] = {key: [] for key in keys}
    for row in session.execute(
        select(t, d.c.published)
        .join(d, and_(d.c.entity_type == t.c.entity_type, d.c.slug == t.c.entity))
        .where(tuple_(t.c.entity_type, t.c.entity).in_(keys), *shown)
        .order_by(t.c.revision.desc())
    ).mappings():
        revisions[(row["entity_type"], row["entity"])].append(
            RevisionFeedback(
                revision=row["revision"],
                current=row["revision"] == row["published"],
                helpful=row["helpful"],
                not_helpful=row["not_helpful"],
                reasons=_reasons(row),
                last_on=row["last_on"],
            )
        )
    newest = (
        func.row_number()
        .over(partition_by=(c.c.entity_type, c.c.entity), order_by=c.c.id.desc())
        .label("newest")
    )
    said = (
        select(c, newest)
        .join(d, and_(d.c.entity_type == c.c.entity_type, d.c.slug == c.c.entity))
        .where(tuple_(c.c.entity_type, c.c.entity).in_(keys))
    )
    if current_only:
        said = said.where(c.c.revision == d.c.published)
    ranked = said.subquery()
    comments: dict[tuple[str, str], list[FeedbackCommentPublic]] = {key: [] for key in keys}
    for row in session.execute(
        select(ranked).where(ranked.c.newest <= COMMENTS_PER_ENTITY).order_by(ranked.c.id.desc())
    ).mappings():
        comments[(row["entity_type"], row["entity"])].append(
            FeedbackCommentPublic(
                revision=row["revision"],
                reasons=[Reason(value) for value in row["reasons"].split(",") if value],
                text=row["text"],
                received_on=row["received_on"],
            )
        )
    return [_entry(key, docs[key], revisions[key], comments[key]) for key in keys]


def _entry(
    key: tuple[str, str],
    doc: Any,
    revisions: list[RevisionFeedback],
    comments: list[FeedbackCommentPublic],
) -> FeedbackEntry:
    sums = {
        str(reason): sum(getattr(r.reasons, str(reason)) for r in revisions) for reason in REASONS
    }
    return FeedbackEntry(
        entity=key[1],
        type="organization" if key[0] == "organization" else "person",
        name=doc.label,
        published_revision=doc.published,
        helpful=sum(r.helpful for r in revisions),
        not_helpful=sum(r.not_helpful for r in revisions),
        reasons=ReasonCounts(**sums),
        reason_total=sum(sums.values()),
        revisions=revisions,
        comments=comments,
    )
