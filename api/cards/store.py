"""Bulk reads of live profile rows for cards: plain SQL on the session's own connection.

Cards are the public read path's cold work, so these reads skip the ORM: each is one statement
over `IN` lists (per parameter-limit-sized chunk), run on the DB-API connection inside the
session's transaction, with the few column types the ORM would convert converted here."""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import orjson
from sqlmodel import Session

from api.profiles.projection import CHUNK

CITATION_FIELDS = ("url", "title", "publisher", "published", "accessed", "archive_url")
CITATION_TEXT = ("quote", "note")
ENTITY = "id, slug, name, aliases, country, description"
ORG = f"{ENTITY}, kind, website, category, category_as_of"
OWNERS = ("organization_id", "person_id", "relation_id", "domain_id", "designation_id")
# Statement heads are built from these constants only; every value is a bound parameter.
ORG_ROWS = f"SELECT {ORG} FROM organization"  # noqa: S608
PERSON_ROWS = f"SELECT {ENTITY} FROM person"  # noqa: S608
CLAIM_ROWS = (
    f"SELECT {', '.join(OWNERS)}, claim, position, citation_id "  # noqa: S608
    "FROM claim_citation"
)
CITATION_ROWS = f"SELECT {', '.join(('id', *CITATION_FIELDS, *CITATION_TEXT))} FROM citation"  # noqa: S608


@dataclass(frozen=True, slots=True)
class Edge:
    """A live relation with its object and the ids of its citations."""

    subject_id: int
    type: str
    role: str | None
    start: str | None
    end: str | None
    object_id: int
    citations: tuple[int, ...]  # citation ids, in order

    def is_current(self, today: date) -> bool:
        if self.end is None:
            return True
        padded = self.end + "-12-31"[len(self.end) - 4 :] if len(self.end) < 10 else self.end
        return padded >= today.isoformat()


class Claims:
    """Citation ids by claim owner (column, id) and claim, and every cited source by id (the
    key public answers refer to sources by: short, and fixed for a data version).

    `sources` may be shared by the readers of one data version: a source already in it is not
    read again."""

    def __init__(self, sources: dict[int, dict[str, Any]] | None = None) -> None:
        self.keys: dict[tuple[str, int, str], list[int]] = {}
        self.sources: dict[int, dict[str, Any]] = {} if sources is None else sources

    def of(self, column: str, owner: int, claim: str) -> list[int]:
        return self.keys.get((column, owner, claim), [])


class Reader:
    """Runs the card reads on the session's connection (so they see its transaction)."""

    def __init__(self, session: Session) -> None:
        connection = session.connection()
        self.sqlite = connection.dialect.name == "sqlite"
        self.raw: Any = connection.connection.driver_connection
        self.mark = "?" if self.sqlite else "%s"
        self.statements = 0  # how many statements this reader ran

    def where_in(self, head: str, lists: dict[str, Iterable[Any]]) -> list[tuple[Any, ...]]:
        """Run `head WHERE a IN (…) OR b IN (…)` for the non-empty lists, chunked."""
        wanted = {column: sorted(set(values)) for column, values in lists.items()}
        wanted = {column: values for column, values in wanted.items() if values}
        if sum(map(len, wanted.values())) <= CHUNK:
            return self._run(head, wanted) if wanted else []
        rows: list[tuple[Any, ...]] = []
        for column, values in wanted.items():
            for at in range(0, len(values), CHUNK):
                rows += self._run(head, {column: values[at : at + CHUNK]})
        return rows

    def _run(self, head: str, wanted: Mapping[str, Sequence[Any]]) -> list[tuple[Any, ...]]:
        clauses = [f"{c} IN ({', '.join([self.mark] * len(v))})" for c, v in wanted.items()]
        params = [value for values in wanted.values() for value in values]
        return self.rows(f"{head} WHERE {' OR '.join(clauses)}", params)

    def rows(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement and return its rows."""
        self.statements += 1
        rows: list[tuple[Any, ...]] = self.raw.execute(statement, params).fetchall()
        return rows

    def json(self, value: Any) -> Any:
        return orjson.loads(value) if isinstance(value, str | bytes) else value

    def moment(self, value: Any) -> datetime:
        """A stored UTC timestamp (SQLite keeps naive ISO text) as an aware datetime."""
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        return value if value.tzinfo else value.replace(tzinfo=UTC)  # type: ignore[no-any-return]


def _entity(reader: Reader, row: tuple[Any, ...], names: Sequence[str]) -> dict[str, Any]:
    out = dict(zip(names, row, strict=True))
    out["aliases"] = reader.json(out["aliases"]) or []
    return out


ORG_NAMES = tuple(name.strip() for name in ORG.split(","))
PERSON_NAMES = tuple(name.strip() for name in ENTITY.split(","))


def entities_by_slug(
    reader: Reader, slugs: Iterable[str], known: Mapping[str, dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return the live organizations and people with these slugs. Organizations `known` (rows
    by slug, as this module reads them) are not read again: the organization table is read only
    for the slugs that are neither people nor known. A person's card is the one a slug names,
    so a slug of both kinds is a person here."""
    wanted = list(dict.fromkeys(slugs))
    rows = reader.where_in(PERSON_ROWS, {"slug": wanted})
    people = [_entity(reader, row, PERSON_NAMES) for row in rows]
    persons = {p["slug"] for p in people}
    rest = [slug for slug in wanted if slug not in persons]
    orgs = [known[slug] for slug in rest if slug in known]
    unknown = [slug for slug in rest if slug not in known]
    rows = reader.where_in(ORG_ROWS, {"slug": unknown})
    orgs += [_entity(reader, row, ORG_NAMES) for row in rows]
    return sorted(orgs, key=_slug), sorted(people, key=_slug)


def _slug(row: dict[str, Any]) -> str:
    return row["slug"]  # type: ignore[no-any-return]


def organizations_by_id(reader: Reader, ids: Iterable[int]) -> list[dict[str, Any]]:
    rows = reader.where_in(ORG_ROWS, {"id": ids})
    return [_entity(reader, row, ORG_NAMES) for row in rows]


def every_organization(reader: Reader) -> list[dict[str, Any]]:
    return [_entity(reader, row, ORG_NAMES) for row in reader.rows(ORG_ROWS)]


RELATION_ROWS = (
    'SELECT id, subject_org_id, subject_person_id, object_id, type, role, start, "end", '
    "position FROM relation"
)
ORG_RELATIONS = "subject_org_id IS NOT NULL"


def relations(
    reader: Reader, org_ids: Iterable[int] = (), person_ids: Iterable[int] = ()
) -> list[tuple[Any, ...]]:
    """The live relations of these organizations and people, in their curated order:
    (id, subject_org_id, subject_person_id, object_id, type, role, start, end)."""
    lists = {"subject_org_id": org_ids, "subject_person_id": person_ids}
    return _curated(reader.where_in(RELATION_ROWS, lists))


def org_relations(reader: Reader) -> list[tuple[Any, ...]]:
    """Every live relation whose subject is an organization, in curated order (as `relations`)."""
    return _curated(reader.rows(f"{RELATION_ROWS} WHERE {ORG_RELATIONS}"))


def _curated(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    rows.sort(key=lambda r: (r[1] or 0, r[2] or 0, r[8]))
    return rows


def edges(rows: list[tuple[Any, ...]], claims: Claims) -> dict[tuple[str, int], list[Edge]]:
    """Group relation rows by subject ("org" or "person", id), each with its citation keys."""
    out: dict[tuple[str, int], list[Edge]] = defaultdict(list)
    for rid, org, person, obj, kind, role, start, end, _ in rows:
        subject = ("org", org) if org is not None else ("person", person)
        keys = tuple(claims.of("relation_id", rid, "relation"))
        out[subject].append(Edge(subject[1], kind, role, start, end, obj, keys))
    return out


def domains(reader: Reader, org_ids: Iterable[int]) -> list[tuple[Any, ...]]:
    """(id, organization_id, host, path_prefix) of these outlets' domains."""
    head = "SELECT id, organization_id, host, path_prefix FROM outlet_domain"
    return sorted(reader.where_in(head, {"organization_id": org_ids}), key=lambda r: (r[2], r[3]))


def designations(reader: Reader, org_ids: Iterable[int]) -> list[dict[str, Any]]:
    """These outlets' designations from other schemes, in curated order."""
    head = (
        "SELECT id, organization_id, scheme, value, attributed_to, as_of, position "
        "FROM outlet_designation"
    )
    names = ("id", "organization_id", "scheme", "value", "attributed_to", "as_of", "position")
    rows = reader.where_in(head, {"organization_id": org_ids})
    found = [dict(zip(names, row, strict=True)) for row in rows]
    for row in found:
        if isinstance(row["as_of"], str):
            row["as_of"] = date.fromisoformat(row["as_of"])
    return sorted(found, key=lambda r: (r["organization_id"], r["position"]))


def read_claims(reader: Reader, into: Claims, **owners: Iterable[int]) -> Claims:
    """Read the citations of every claim of these owners (columns of claim_citation) at once,
    then the sources `into` does not hold yet: sources are shared by many claims, and their
    quotes and notes are wide, so each is read once rather than with every claim citing it."""
    return _claims(reader, into, reader.where_in(CLAIM_ROWS, owners))


def org_relation_claims(reader: Reader, into: Claims) -> Claims:
    """Read the citations of every organization's relations (see `org_relations`) at once."""
    owned = f"SELECT id FROM relation WHERE {ORG_RELATIONS}"  # noqa: S608
    return _claims(reader, into, reader.rows(f"{CLAIM_ROWS} WHERE relation_id IN ({owned})"))


def _claims(reader: Reader, into: Claims, rows: list[tuple[Any, ...]]) -> Claims:
    found: dict[tuple[str, int, str], list[tuple[int, int]]] = defaultdict(list)
    n = len(OWNERS)
    for row in rows:
        i = next(i for i in range(n) if row[i] is not None)
        found[(OWNERS[i], row[i], row[n])].append((row[n + 1], row[n + 2]))
    missing = {key for items in found.values() for _, key in items if key not in into.sources}
    names = (*CITATION_FIELDS, *CITATION_TEXT)
    for row in reader.where_in(CITATION_ROWS, {"id": missing}):
        source = dict(zip(names, row[1:], strict=True))
        if isinstance(source["accessed"], str):
            source["accessed"] = date.fromisoformat(source["accessed"])
        into.sources[row[0]] = source
    for owner, items in found.items():
        into.keys[owner] = [key for _, key in sorted(items)]
    return into


PUBLISHED_ROWS = (
    "SELECT d.entity_type, d.slug, r.number, r.author, r.reviewed_by, r.reviewed_at, "
    "r.created_at FROM document d JOIN revision r ON r.document_id = d.id "
    "AND r.number = d.published AND d.entity_type IN ('organization', 'person')"
)


def published_revisions(
    reader: Reader, slugs: Iterable[str]
) -> dict[tuple[str, str], dict[str, Any]]:
    """The live revision of each profile, by (entity type, slug): its number, author, who
    published it and when."""
    found = {}
    for kind, slug, number, author, by, at, created in reader.where_in(
        PUBLISHED_ROWS, {"d.slug": slugs}
    ):
        found[(kind, slug)] = {
            "number": number,
            "author": author,
            "reviewed_by": by,
            "published_at": reader.moment(at or created),
        }
    return found


SHOWN_REPLIES = (
    "SELECT entity_type, entity, status, opened_at, decided_at, revision, reason FROM "
    "(SELECT * FROM reply WHERE shown) r"
)


def shown_replies(
    reader: Reader, slugs: Iterable[str]
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The replies moderation let readers see, by (entity type, slug)."""
    found: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for kind, slug, status, opened, decided, revision, reason in reader.where_in(
        SHOWN_REPLIES, {"entity": slugs}
    ):
        found[(kind, slug)].append(
            {
                "status": status,
                "opened_at": opened and reader.moment(opened),
                "decided_at": decided and reader.moment(decided),
                "revision": revision,
                "reason": reason,
            }
        )
    return found


def notes(
    reader: Reader, org_ids: Iterable[int], person_ids: Iterable[int]
) -> dict[tuple[str, int], dict[str, str]]:
    """Reader notes by owner ("organization_id" or "person_id", id) and language."""
    head = "SELECT organization_id, person_id, lang, text FROM reader_note"
    found: dict[tuple[str, int], dict[str, str]] = defaultdict(dict)
    for org, person, lang, text in reader.where_in(
        head, {"organization_id": org_ids, "person_id": person_ids}
    ):
        owner = ("organization_id", org) if org is not None else ("person_id", person)
        found[owner][lang] = text
    return found
