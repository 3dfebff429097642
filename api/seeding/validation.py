"""Validate a whole set of seed records before anything is written."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pydantic import ValidationError

from api.annotate.folding import search_words
from api.annotate.rules import pattern
from api.citations.models import CitationDocument
from api.common import loc_text
from api.errors import InvalidInput
from api.organizations.models import OrganizationDocument
from api.people.models import PersonDocument
from api.profiles.documents import (
    AnyDocument,
    Named,
    citation_keys,
    cited_keys,
    uncited_claims,
)
from api.seeding.files import RawRecord

MODELS: dict[str, type[AnyDocument]] = {
    "citations": CitationDocument,
    "organizations": OrganizationDocument,
    "people": PersonDocument,
}
MAX_REPORTED = 50


class SeedInvalid(InvalidInput):
    """The seed set has problems; nothing was written."""

    def __init__(self, problems: list[str], total: int | None = None) -> None:
        shown = problems[:MAX_REPORTED]
        total = len(problems) if total is None else total
        more = total - len(shown)
        lines = "\n".join(shown) + (f"\n… and {more} more" if more else "")
        super().__init__(
            f"{total} problem(s) in the seed data; nothing was written:\n{lines}",
            fields=[{"loc": p.split(": ")[0], "message": p} for p in shown],
        )
        self.problems = shown
        self.total = total


class Problems:
    """The problems found so far: every one counted, the first MAX_REPORTED kept."""

    def __init__(self) -> None:
        self.shown: list[str] = []
        self.count = 0

    def append(self, problem: str) -> None:
        self.count += 1
        if len(self.shown) < MAX_REPORTED:
            self.shown.append(problem)

    def extend(self, problems: Iterable[str]) -> None:
        for problem in problems:
            self.append(problem)

    def __bool__(self) -> bool:
        return self.count > 0

    def raise_if_any(self) -> None:
        """Refuse the set (SeedInvalid, 422) when anything was found."""
        if self.count:
            raise SeedInvalid(self.shown, self.count)


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


@dataclass(slots=True)  # not frozen, for a fast __init__ (one per seed record): never changed
class Located:
    """A validated document and the place it came from."""

    document: AnyDocument
    where: str


def parse_record(record: RawRecord, problems: Problems) -> AnyDocument | None:
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


def validate(
    records: Iterable[RawRecord], known: Known, named: Named | None = None
) -> list[Located]:
    """Parse every record and check the set as a whole; raise SeedInvalid listing every
    problem. `named`, when given, gathers what the set's profiles refer to."""
    problems = Problems()
    located = [
        Located(doc, r.where) for r in records if (doc := parse_record(r, problems)) is not None
    ]
    problems.extend(check(located, known, named))
    problems.raise_if_any()
    return located


def check(located: list[Located], known: Known, named: Named | None = None) -> list[str]:
    """Check parsed documents as a set against what the database holds; return the problems:
    duplicate ids, uncited claims, unknown citations and organizations, taken domains (and,
    into `named` when given, what the documents refer to)."""
    problems: list[str] = []
    checker = SetCheck(known, problems.append, named)
    for item in located:
        checker.first(item)
    checker.close()
    for item in located:
        checker.second(item)
    return problems


class SetCheck:
    """Checks a seed set in two passes over its documents, holding their ids and domains but
    never the documents: `first` sees each one, `close` ends that pass, `second` sees each
    again in the same order and checks what it refers to against the whole set, noting it in
    `named`."""

    def __init__(
        self, known: Known, report: Callable[[str], None], named: Named | None = None
    ) -> None:
        self.known = known
        self.report = report
        self.named = Named() if named is None else named
        self.ids: dict[tuple[str, str], str] = {}  # (space, key) → where it is first defined
        self.citations: set[str] = set()
        self.seed_orgs: set[str] = set()
        self.seed_people: set[str] = set()
        self.organizations: set[str] = set()
        self.domains: dict[tuple[str, str], str] = {}

    def first(self, item: Located) -> None:
        """Note a document's id (refusing a second definition) and check it on its own."""
        doc = item.document
        space = "citation" if isinstance(doc, CitationDocument) else "entity"
        key = doc.key if isinstance(doc, CitationDocument) else doc.slug
        if (space, key) in self.ids:
            self.report(f"{item.where}: '{key}' is already defined at {self.ids[(space, key)]}")
        self.ids.setdefault((space, key), item.where)
        if isinstance(doc, CitationDocument):
            self.citations.add(doc.key)
            return
        (self.seed_orgs if isinstance(doc, OrganizationDocument) else self.seed_people).add(key)
        for problem in _self_excluded(doc, item.where):
            self.report(problem)
        for place in uncited_claims(doc):
            self.report(f"{item.where}.{place}: cites no source (every claim needs one)")

    def close(self) -> None:
        """End the first pass: settle what the set defines, and refuse a slug that another
        kind of profile holds in the database."""
        known = self.known
        self.citations |= known.citations
        self.organizations = (known.organizations - self.seed_people) | self.seed_orgs
        for slug in sorted(
            (self.seed_orgs & known.people) | (self.seed_people & known.organizations)
        ):
            self.report(f"'{slug}' is already used by another kind of profile in the database")
        self.domains = {k: v for k, v in known.domains.items() if v not in self.seed_orgs}

    def second(self, item: Located) -> None:
        """Check what a document cites, relates to and claims against the whole set."""
        doc = item.document
        if isinstance(doc, CitationDocument):
            return
        known = self.known
        keys = citation_keys(doc)
        self.named.citations.update(keys)
        if not self.citations.issuperset(keys):  # then say where, key by key
            for place, key in cited_keys(doc):
                if key not in self.citations:
                    self.report(f"{item.where}.{place}: {known.missing('citation', key)}")
        objects = self.named.organizations
        for i, relation in enumerate(doc.relations):
            objects.add(relation.object)
            if relation.object == doc.slug:
                self.report(
                    f"{item.where}.relations[{i}].object: a profile cannot relate to itself"
                )
            elif relation.object not in self.organizations:
                self.report(
                    f"{item.where}.relations[{i}].object: "
                    + known.missing("organization", relation.object)
                )
        if isinstance(doc, OrganizationDocument):
            for i, domain in enumerate(doc.domains):
                owner = self.domains.setdefault((domain.host, domain.path_prefix or ""), doc.slug)
                if owner != doc.slug or _listed_twice(doc, i):
                    shown = domain.host + (domain.path_prefix or "")
                    self.report(
                        f"{item.where}.domains[{i}].host: '{shown}' already belongs to '{owner}'"
                    )


def _self_excluded(doc: OrganizationDocument | PersonDocument, where: str) -> list[str]:
    """An exclude phrase that is one of the profile's own names would switch that name off."""
    if not doc.exclude:  # most profiles have none: fold no names for them
        return []
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
