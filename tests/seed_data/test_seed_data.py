"""The curated seed data itself: valid, cited, unique, and complete for the canonical page."""

import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session

from api.citations.models import CitationDocument
from api.organizations.models import OUTLET_KINDS, OrganizationDocument
from api.people.models import PersonDocument
from api.seeding import service as seeding
from api.seeding.files import read_path
from api.seeding.validation import Known, Located, validate

SEED_DIR = Path(__file__).resolve().parents[2] / "seed_data"
AFFILIATIONS = {"employed_by", "affiliated_with", "member_of"}


@pytest.fixture(scope="module")
def located() -> list[Located]:
    return validate(read_path(SEED_DIR), Known())


def _of(located: list[Located], kind: type) -> list:
    return [item.document for item in located if isinstance(item.document, kind)]


def test_the_seed_folder_validates_as_a_whole(located: list[Located]) -> None:
    assert len(located) > 100


def test_every_citation_has_an_http_url(located: list[Located]) -> None:
    for cite in _of(located, CitationDocument):
        assert cite.url.startswith(("https://", "http://")), cite.key


def test_every_citation_is_complete(located: list[Located]) -> None:
    for cite in _of(located, CitationDocument):
        assert str(cite.url).startswith(("https://", "http://")), cite.key
        assert cite.title.strip(), cite.key
        assert cite.publisher.strip(), cite.key
        assert isinstance(cite.accessed, date), cite.key


def test_every_person_has_a_cited_affiliation(located: list[Located]) -> None:
    for person in _of(located, PersonDocument):
        affiliations = [
            r for r in person.relations if r.type in AFFILIATIONS and r.role and r.citations
        ]
        assert affiliations, person.slug


def test_every_profile_cites_at_least_one_source(located: list[Located]) -> None:
    for doc in _of(located, OrganizationDocument) + _of(located, PersonDocument):
        assert doc.citations, doc.slug
        for relation in doc.relations:
            assert relation.citations, (doc.slug, relation.object)


def test_every_outlet_domain_is_unique(located: list[Located]) -> None:
    hosts = Counter(
        (d.host, d.path_prefix) for org in _of(located, OrganizationDocument) for d in org.domains
    )
    assert [h for h, n in hosts.items() if n > 1] == []


def test_relations_only_point_at_existing_organizations(located: list[Located]) -> None:
    orgs = {o.slug for o in _of(located, OrganizationDocument)}
    for doc in _of(located, OrganizationDocument) + _of(located, PersonDocument):
        for relation in doc.relations:
            assert relation.object in orgs, (doc.slug, relation.object)


def test_the_starter_set_is_broad(located: list[Located]) -> None:
    outlets = [o for o in _of(located, OrganizationDocument) if o.kind in OUTLET_KINDS]
    assert len(outlets) >= 60
    assert len({o.country for o in outlets}) >= 20
    categories = {o.category.value for o in outlets if o.category}
    assert len(categories) == 7
    assert all(o.domains for o in outlets if o.slug in {"rt", "sputnik", "tass"})


def _scripts(text: str) -> set[str]:
    """The non-Latin scripts of a name: the first word of each letter's Unicode name."""
    names = {unicodedata.name(ch, "").split(" ")[0] for ch in text if ch.isalpha()}
    return names - {"LATIN", ""}


def test_the_researched_experts_are_many_and_written_in_several_scripts(
    located: list[Located],
) -> None:
    people = _of(located, PersonDocument)
    assert len(people) >= 100
    assert len({p.country for p in people if p.country}) >= 10
    scripts = {s for p in people for alias in p.aliases for s in _scripts(alias)}
    # CJK covers Chinese; Arabic covers Arabic and Persian spellings.
    assert {"CYRILLIC", "CJK", "ARABIC"} <= scripts


def test_the_canonical_article_is_covered(located: list[Located]) -> None:
    slugs = {d.slug for d in _of(located, OrganizationDocument) + _of(located, PersonDocument)}
    assert {
        "sputnik",
        "sputnik-turkiye",
        "rossiya-segodnya",
        "government-of-russia",
        "financial-university",
        "gevorg-mirzayan",
        "cenk-baslamis",
        "vladimir-putin",
        "recep-tayyip-erdogan",
    } <= slugs


def test_the_seed_folder_loads_into_the_database(session: Session) -> None:
    plan = seeding.plan(session, read_path(SEED_DIR))
    seeding.apply(session, plan, author="test", reason="seed folder")
    again = seeding.plan(session, read_path(SEED_DIR))
    assert again.changes == []
    assert again.unchanged == len(plan.changes)
