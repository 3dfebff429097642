"""Validate a whole set of seed records before anything is written."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from pydantic import ValidationError

from api.annotate.folding import search_words
from api.annotate.rules import pattern
from api.citations.models import CitationDocument
from api.common import loc_text
from api.errors import InvalidInput
from api.organizations.models import OrganizationDocument
from api.people.models import PersonDocument
from api.profiles.documents import AnyDocument, cited_keys, uncited_claims
from api.seeding.files import RawRecord

MODELS: dict[str, type[AnyDocument]] = {
    "citations": CitationDocument,
    "organizations": OrganizationDocument,
    "people": PersonDocument,
}
MAX_REPORTED = 50


class SeedInvalid(InvalidInput):
    """The seed set has problems; nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        shown = problems[:MAX_REPORTED]
        more = len(problems) - len(shown)
        lines = "\n".join(shown) + (f"\n… and {more} more" if more else "")
        super().__init__(
            f"{len(problems)} problem(s) in the seed data; nothing was written:\n{lines}",
            fields=[{"loc": p.split(": ")[0], "message": p} for p in shown],
        )
        self.problems = problems


@dataclass
class Known:
    """What the database already holds, so seed records may refer to it."""

    citations: set[str] = field(default_factory=set)
    organizations: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    domains: dict[tuple[str, str], str] = field(default_factory=dict)  # (host, prefix) → owner
    # Ids that exist only as drafts, with where: ("citation", "x") → "draft in changeset 12".
    pending: dict[tuple[str, str], str] = field(default_factory=dict)

    def missing(self, space: str, key: str) -> str:
        """Say why a reference to `key` does not resolve: unknown, or not yet published."""
        where = self.pending.get((space, key))
        if where is not None:
            return f"{space} '{key}' is not yet published ({where})"
        return f"unknown {space} '{key}'"


@dataclass(frozen=True, slots=True)
class Located:
    """A validated document and the place it came from."""

    document: AnyDocument
    where: str


def _parse(record: RawRecord, problems: list[str]) -> AnyDocument | None:
    model = MODELS[record.section]
    if not isinstance(record.data, dict):
        problems.append(f"{record.where}: must be a mapping")
        return None
    try:
        return model.model_validate(record.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            place = loc_text(error["loc"])
            message = str(error["msg"]).removeprefix("Value error, ")
            problems.append(f"{record.where}{'.' + place if place else ''}: {message}")
        return None


def validate(records: Iterable[RawRecord], known: Known) -> list[Located]:
    """Parse every record and check the set as a whole; raise SeedInvalid listing every
    problem."""
    problems: list[str] = []
    located = [Located(doc, r.where) for r in records if (doc := _parse(r, problems)) is not None]
    problems += check(located, known)
    if problems:
        raise SeedInvalid(problems)
    return located


def check(located: list[Located], known: Known) -> list[str]:
    """Check parsed documents as a set against what the database holds; return the problems:
    duplicate ids, uncited claims, unknown citations and organizations, taken domains."""
    problems: list[str] = []
    ids: dict[tuple[str, str], str] = {}
    for item in located:
        doc = item.document
        space = "citation" if isinstance(doc, CitationDocument) else "entity"
        key = doc.key if isinstance(doc, CitationDocument) else doc.slug
        if (space, key) in ids:
            problems.append(f"{item.where}: '{key}' is already defined at {ids[(space, key)]}")
        ids.setdefault((space, key), item.where)

    citations = known.citations | {
        i.document.key for i in located if isinstance(i.document, CitationDocument)
    }
    seed_orgs = {i.document.slug for i in located if isinstance(i.document, OrganizationDocument)}
    seed_people = {i.document.slug for i in located if isinstance(i.document, PersonDocument)}
    organizations = (known.organizations - seed_people) | seed_orgs
    for slug in sorted((seed_orgs & known.people) | (seed_people & known.organizations)):
        problems.append(f"'{slug}' is already used by another kind of profile in the database")

    domains = {k: v for k, v in known.domains.items() if v not in seed_orgs}
    for item in located:
        doc = item.document
        if isinstance(doc, CitationDocument):
            continue
        problems += _self_excluded(doc, item.where)
        for place in uncited_claims(doc):
            problems.append(f"{item.where}.{place}: cites no source (every claim needs one)")
        for place, key in cited_keys(doc):
            if key not in citations:
                problems.append(f"{item.where}.{place}: {known.missing('citation', key)}")
        for i, relation in enumerate(doc.relations):
            if relation.object == doc.slug:
                problems.append(
                    f"{item.where}.relations[{i}].object: a profile cannot relate to itself"
                )
            elif relation.object not in organizations:
                problems.append(
                    f"{item.where}.relations[{i}].object: "
                    + known.missing("organization", relation.object)
                )
        if isinstance(doc, OrganizationDocument):
            for i, domain in enumerate(doc.domains):
                key2 = (domain.host, domain.path_prefix or "")
                owner = domains.setdefault(key2, doc.slug)
                if owner != doc.slug or _listed_twice(doc, i):
                    shown = domain.host + (domain.path_prefix or "")
                    problems.append(
                        f"{item.where}.domains[{i}].host: '{shown}' already belongs to '{owner}'"
                    )
    return problems


def _self_excluded(doc: OrganizationDocument | PersonDocument, where: str) -> list[str]:
    """An exclude phrase that is one of the profile's own names would switch that name off."""
    names = {search_words(name) for name in (doc.name, *doc.aliases)}
    return [
        f"{where}.exclude[{i}]: '{phrase}' is also a name or alias of this profile"
        for i, phrase in enumerate(doc.exclude)
        if search_words(phrase) in names and pattern(phrase) is None
    ]


def _listed_twice(doc: OrganizationDocument, index: int) -> bool:
    domain = doc.domains[index]
    return any(
        (d.host, d.path_prefix) == (domain.host, domain.path_prefix) for d in doc.domains[:index]
    )
