"""Possible duplicates of new documents: the same folded name or alias, domain or citation URL."""

from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from api.changesets.models import DuplicateCandidate
from api.citations.models import CitationDocument
from api.errors import Conflict
from api.organizations.models import OrganizationDocument
from api.profiles.documents import AnyDocument, document_id
from api.profiles.projection import table
from api.profiles.search import like_pattern
from api.revisions.models import Document, EntityType

MAX_PER_DOCUMENT = 5


class PossibleDuplicates(Conflict):
    """New documents look like existing entities; the curator must acknowledge and retry."""

    code = "possible_duplicates"

    def __init__(self, candidates: list[DuplicateCandidate]) -> None:
        shown = "; ".join(
            f"{c.document} shares {c.matched} with {c.entity_type} '{c.slug}'"
            for c in candidates[:5]
        )
        super().__init__(
            f"possible duplicates: {shown}; check them, then send the same request again with "
            '"acknowledge_duplicates": true to create it anyway',
            fields=[
                {"loc": c.document, "message": f"may duplicate '{c.slug}'"} for c in candidates
            ],
        )
        self.candidates = candidates

    def body(self) -> dict[str, Any]:
        body = super().body()
        body["error"]["candidates"] = [c.model_dump(mode="json") for c in self.candidates]
        return body


def _probes(document: AnyDocument) -> list[tuple[str, str]]:
    """What a new document may share with an existing one: (what, folded-searchable value)."""
    if isinstance(document, CitationDocument):
        url = document.url
        return [("URL", url), ("URL", url.rstrip("/") if url.endswith("/") else url + "/")]
    probes = [("name", document.name), *(("alias", alias) for alias in document.aliases)]
    if isinstance(document, OrganizationDocument):
        probes += [("domain", d.host) for d in document.domains]
    return probes


def find(
    session: Session, documents: list[tuple[str, EntityType, AnyDocument]]
) -> list[DuplicateCandidate]:
    """Return the existing entities that new documents (ids not yet taken) may duplicate."""
    d = table(Document)
    found: list[DuplicateCandidate] = []
    proposed = {(entity_type, document_id(doc)) for _, entity_type, doc in documents}
    for where, entity_type, document in documents:
        own = document_id(document)
        existing = session.execute(
            select(d.c.head).where(d.c.entity_type == entity_type, d.c.slug == own)
        ).scalar_one_or_none()
        if existing:
            continue  # an update of an existing entity, not a new one
        seen: set[str] = set()
        for what, value in _probes(document):
            rows = session.execute(
                select(d.c.slug, d.c.label)
                .where(
                    d.c.entity_type == entity_type,
                    d.c.head > 0,
                    d.c.slug != own,
                    d.c.search_text.like(like_pattern(value, whole=True), escape="\\"),
                )
                .order_by(d.c.slug)
                .limit(MAX_PER_DOCUMENT)
            )
            for slug, label in rows:
                if slug in seen or (entity_type, slug) in proposed:
                    continue
                seen.add(slug)
                found.append(
                    DuplicateCandidate(
                        document=where,
                        entity_type=entity_type,
                        slug=slug,
                        label=label,
                        matched=f"{what} '{value}'",
                    )
                )
    return found


def refuse(session: Session, documents: list[tuple[str, EntityType, AnyDocument]]) -> None:
    """Raise PossibleDuplicates when any new document looks like an existing entity."""
    candidates = find(session, documents)
    if candidates:
        raise PossibleDuplicates(candidates)
