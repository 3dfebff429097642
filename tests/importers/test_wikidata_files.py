"""Reading Wikidata files (EntityData, dump lines, SPARQL results) and mapping their items."""

import json
from pathlib import Path

import pytest

from api.importers.wikidata.entities import Value, WikidataProblem, read_entity_file
from api.importers.wikidata.mapping import COUNTRIES, KINDS, Linked, map_entities
from api.organizations.models import OrganizationDocument
from api.people.models import PersonDocument

FILES = Path(__file__).resolve().parents[1] / "fixtures/wikidata"


def _items(*names: str) -> list:
    return [e for name in names for e in read_entity_file(FILES / name)]


def _mapped(*names: str, linked: Linked | None = None):
    return map_entities(_items(*names), linked or Linked(), "2026-12-01")


def test_entitydata_json_gives_labels_claims_ranks_and_revision() -> None:
    agency, holding = _items("entitydata.json")
    assert (agency.qid, agency.revision) == ("Q990001", 2251234567)
    assert agency.labels["ru"] == "Агентство Нордвинд"
    assert [s.rank for s in agency.claims["P127"]] == ["normal", "deprecated"]
    assert agency.items("P127") == ["Q990002"]  # the deprecated owner is ignored
    assert agency.claims["P127"][0].qualifier_date("P580") == "2014-03"
    assert holding.items("P31") == ["Q1331793"]


def test_dump_lines_are_read_one_item_per_line() -> None:
    qids = [e.qid for e in _items("dump-subset.json")]
    assert qids == ["Q990020", "Q990021", "Q990023", "Q990099"]


def test_sparql_rows_are_grouped_by_item_with_ranks_and_qualifiers() -> None:
    (paper,) = _items("sparql-results.json")
    assert paper.revision == 2251239999
    assert paper.items("P31") == ["Q11032"]
    assert paper.items("P127") == ["Q990002"]  # preferred; the deprecated row is ignored
    assert paper.best("P127")[0].qualifier_date("P580") == "2019-07-01"
    assert paper.aliases == {"zh": ["东风日报"], "ru": ["Иствинд Дейли"]}


def test_time_precision_cuts_the_date() -> None:
    assert Value(time="+2015-00-00T00:00:00Z", precision=9).partial_date() == "2015"
    assert Value(time="+2014-03-00T00:00:00Z", precision=10).partial_date() == "2014-03"
    assert Value(time="+2018-05-01T00:00:00Z", precision=11).partial_date() == "2018-05-01"
    assert Value(time="-0044-03-15T00:00:00Z", precision=11).partial_date() is None


def test_items_map_to_valid_documents_citing_the_revision() -> None:
    mapped = _mapped("entitydata.json", "dump-subset.json", "sparql-results.json")
    orgs = {d["slug"]: d for d in mapped.organizations}
    agency = orgs["northwind-agency"]
    assert agency["kind"] == "news_agency"
    assert agency["country"] == "RU"
    assert agency["wikidata"] == "Q990001"
    assert [d["host"] for d in agency["domains"]] == [
        "northwind-agency.test",
        "en.northwind-agency.test",
    ]
    assert agency["website"] == "https://www.northwind-agency.test/"
    assert agency["relations"] == [
        {
            "type": "owned_by",
            "object": "northwind-media-holding",
            "citations": ["wikidata-q990001-r2251234567"],
            "start": "2014-03",
        }
    ]
    assert {"Агентство Нордвинд", "北风通讯社", "وكالة الريح الشمالية", "Нордвинд"} <= set(
        agency["aliases"]
    )
    assert "Northwind Agency" not in agency["aliases"]  # the name, in German too
    cite = next(c for c in mapped.citations if c["key"] == "wikidata-q990001-r2251234567")
    assert cite["url"] == "https://www.wikidata.org/w/index.php?title=Q990001&oldid=2251234567"
    assert cite["publisher"] == "Wikidata"
    assert cite["published"] == "2026-11-30"
    university = orgs["examplia-state-university"]
    assert university["country"] == "KZ"  # from the country item's P297
    assert "domains" not in university  # a website, but not an outlet
    assert university["relations"][0]["type"] == "part_of"
    for doc in mapped.organizations:
        OrganizationDocument.model_validate(doc)
    (person,) = mapped.people
    PersonDocument.model_validate(person)
    assert person["relations"] == [
        {
            "type": "employed_by",
            "object": "examplia-state-university",
            "citations": ["wikidata-q990020-r2250000020"],
            "start": "2015",
        },
        {
            "type": "affiliated_with",
            "object": "northwind-agency",
            "citations": ["wikidata-q990020-r2250000020"],
            "start": "2018-05-01",
            "end": "2020-01-31",
        },
    ]
    assert "= Q990099: country item, used for its code KZ" in mapped.lines


def test_unknown_objects_and_classes_are_reported_not_guessed() -> None:
    mapped = _mapped("sparql-results.json")  # its owner Q990002 is in another file
    (paper,) = mapped.organizations
    assert paper["relations"] == []
    assert any("Q990002: not an organization of this import" in line for line in mapped.lines)
    linked = Linked(organizations={"Q990002": "curated-holding"}, slugs={"curated-holding"})
    (paper,) = _mapped("sparql-results.json", linked=linked).organizations
    assert paper["relations"][0]["object"] == "curated-holding"


def test_bad_files_are_refused_with_the_place(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"entities": {"Q1": {"id": "Q1", "claims": {"P31": [{"rank": "x"}]}}}}')
    with pytest.raises(WikidataProblem, match=r"bad.json: entities.Q1.claims.P31\[0\]"):
        list(read_entity_file(bad))
    lines = tmp_path / "dump.json"
    lines.write_text('[\n{"id": "Q1", "type": "item"},\n{not json\n]\n')
    with pytest.raises(WikidataProblem, match=r"dump\.json: line 3: invalid JSON"):
        list(read_entity_file(lines))
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"hello": 1}))
    with pytest.raises(WikidataProblem, match="an EntityData file has an 'entities' object"):
        list(read_entity_file(other))


def test_the_tables_give_valid_codes_and_kinds() -> None:
    import pycountry

    assert all(pycountry.countries.get(alpha_2=code) for code in COUNTRIES.values())
    assert set(KINDS.values()) <= {
        "news_agency", "broadcaster", "outlet", "university", "think_tank", "government",
        "ministry", "state_agency", "company", "party", "ngo",
    }  # fmt: skip
