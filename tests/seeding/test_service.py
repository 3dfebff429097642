"""Seeding: validate everything first, upsert by slug, revisions for every change."""

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from api.organizations.models import Organization
from api.people.models import Person
from api.profiles.projection import table
from api.revisions.models import Revision
from api.revisions.service import data_version
from api.seeding import service as seeding
from api.seeding.validation import SeedInvalid
from tests import factories as f


def _count(session: Session, model: type) -> int:
    return int(session.execute(select(func.count()).select_from(table(model))).scalar_one())


def _sample() -> dict[str, list[dict[str, object]]]:
    cite = f.citation()
    gov = f.organization([cite["key"]], kind="government")
    news = f.outlet(
        [cite["key"]],
        relations=[{"type": "owned_by", "object": gov["slug"], "citations": [cite["key"]]}],
    )
    expert = f.person(
        [cite["key"]],
        relations=[
            {
                "type": "employed_by",
                "object": news["slug"],
                "role": "Editor",
                "citations": [cite["key"]],
            }
        ],
    )
    return {"citations": [cite], "organizations": [gov, news], "people": [expert]}


def test_first_run_creates_everything(session: Session) -> None:
    plan = f.seed(session, **_sample())
    assert plan.summary() == "4 created, 0 updated, 0 unchanged"


def test_seeding_twice_is_a_no_op(session: Session) -> None:
    sample = _sample()
    f.seed(session, **sample)
    revisions, version = _count(session, Revision), data_version(session)
    again = f.seed(session, **sample)
    assert again.summary() == "0 created, 0 updated, 4 unchanged"
    assert _count(session, Revision) == revisions
    assert data_version(session) == version


def test_a_changed_record_is_updated_alone_with_a_revision(session: Session) -> None:
    sample = _sample()
    f.seed(session, **sample)
    revisions = _count(session, Revision)
    sample["people"][0]["description"] = "A different description"
    plan = f.seed(session, **sample)
    assert plan.summary() == "0 created, 1 updated, 3 unchanged"
    [change] = plan.changes
    assert change.changed_fields == ("description",)
    assert _count(session, Revision) == revisions + 1
    stored = session.execute(
        select(table(Person).c.description).where(
            table(Person).c.slug == sample["people"][0]["slug"]
        )
    ).scalar_one()
    assert stored == "A different description"


def test_a_broken_record_writes_nothing_and_names_file_record_and_field(
    session: Session,
) -> None:
    sample = _sample()
    sample["people"][0]["relations"][0]["object"] = "finansovy-universitet"
    with pytest.raises(SeedInvalid) as caught:
        seeding.plan(session, f.records(file="seed_data/people.yaml", **sample))
    assert (
        "seed_data/people.yaml: people[0].relations[0].object: unknown organization "
        "'finansovy-universitet'"
    ) in caught.value.problems
    assert _count(session, Organization) == 0


def test_every_problem_is_reported_at_once(session: Session) -> None:
    sample = _sample()
    sample["organizations"][0]["country"] = "Norway"
    sample["organizations"][1]["domains"][0]["citations"] = []
    sample["people"][0]["citations"] = ["no-such-source"]
    with pytest.raises(SeedInvalid) as caught:
        seeding.plan(session, f.records(**sample))
    problems = caught.value.problems
    assert any("organizations[0].country" in p and "ISO 3166-1" in p for p in problems)
    assert any("organizations[1].domains[0].citations: cites no source" in p for p in problems)
    assert any("people[0].citations[0]: unknown citation 'no-such-source'" in p for p in problems)


@pytest.mark.parametrize(
    ("section", "index", "place"),
    [
        ("organizations", 1, "citations"),
        ("organizations", 1, "category.citations"),
        ("organizations", 1, "domains[0].citations"),
        ("organizations", 1, "relations[0].citations"),
        ("people", 0, "citations"),
        ("people", 0, "relations[0].citations"),
    ],
)
def test_each_uncited_claim_is_refused_alone_with_its_place(
    session: Session, section: str, index: int, place: str
) -> None:
    sample = _sample()
    target = sample[section][index]
    *path, _ = place.replace("[0]", ".0").split(".")
    for step in path:
        target = target[int(step)] if step.isdigit() else target[step]
    target["citations"] = []
    with pytest.raises(SeedInvalid) as caught:
        seeding.plan(session, f.records(**sample))
    assert caught.value.problems == [
        f"test.yaml: {section}[{index}].{place}: cites no source (every claim needs one)"
    ]


def test_duplicate_slugs_and_domains_are_refused(session: Session) -> None:
    sample = _sample()
    clone = dict(sample["organizations"][1], slug="another-outlet")
    sample["organizations"].append(dict(sample["organizations"][0]))
    sample["organizations"].append(clone)
    with pytest.raises(SeedInvalid) as caught:
        seeding.plan(session, f.records(**sample))
    text = "\n".join(caught.value.problems)
    assert "is already defined at test.yaml: organizations[0]" in text
    assert "already belongs to" in text


def test_a_domain_owned_in_the_database_cannot_be_claimed_by_another_outlet(
    session: Session,
) -> None:
    sample = _sample()
    f.seed(session, **sample)
    cite = sample["citations"][0]["key"]
    taken = sample["organizations"][1]["domains"][0]["host"]
    rival = f.outlet([cite], domains=[{"host": taken, "citations": [cite]}])
    with pytest.raises(SeedInvalid, match="already belongs to"):
        seeding.plan(session, f.records(organizations=[rival]))


def test_records_may_refer_to_profiles_already_in_the_database(session: Session) -> None:
    sample = _sample()
    f.seed(session, **sample)
    cite = sample["citations"][0]["key"]
    newcomer = f.person(
        [cite],
        relations=[
            {"type": "member_of", "object": sample["organizations"][0]["slug"], "citations": [cite]}
        ],
    )
    plan = f.seed(session, people=[newcomer])
    assert plan.summary() == "1 created, 0 updated, 0 unchanged"


def test_a_publish_moves_the_data_version(session: Session) -> None:
    before = data_version(session)
    f.seed(session, **_sample())
    assert data_version(session) == before + 1


def test_person_exclude_and_surname_switch_reach_the_live_tables(session: Session) -> None:
    sample = _sample()
    sample["people"][0].update(exclude=["Example Street"], match_surname=False)
    f.seed(session, **sample)
    people = table(Person)
    stored = session.execute(
        select(people.c.exclude, people.c.match_surname).where(
            people.c.slug == sample["people"][0]["slug"]
        )
    ).one()
    assert tuple(stored) == (["Example Street"], False)


def test_an_exclude_phrase_that_is_an_own_name_is_refused(session: Session) -> None:
    sample = _sample()
    person = sample["people"][0]
    person["exclude"] = ["Something Else", str(person["name"]).upper()]
    with pytest.raises(SeedInvalid) as caught:
        seeding.plan(session, f.records(**sample))
    assert caught.value.problems == [
        f"test.yaml: people[0].exclude[1]: '{str(person['name']).upper()}' is also a name or "
        "alias of this profile"
    ]
