"""State ties: shortest cited chains to a government or a state-controlled outlet."""

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests import factories as f


def _chain(session: Session) -> None:
    c = f.citation()["key"]
    cites = [f.citation(key=c)]
    gov = f.organization([c], slug="gov-x", kind="government")
    agency = f.organization(
        [c],
        slug="state-agency-x",
        kind="news_agency",
        relations=[{"type": "controlled_by", "object": "gov-x", "citations": [c]}],
    )
    uni = f.organization(
        [c],
        slug="uni-x",
        kind="university",
        relations=[{"type": "part_of", "object": "gov-x", "citations": [c]}],
    )
    expert = f.person(
        [c],
        slug="expert-x",
        relations=[
            {"type": "employed_by", "object": "uni-x", "role": "Lecturer", "citations": [c]},
            {"type": "affiliated_with", "object": "agency-old", "end": "2001", "citations": [c]},
        ],
    )
    old = f.organization(
        [c],
        slug="agency-old",
        relations=[{"type": "owned_by", "object": "gov-x", "citations": [c]}],
    )
    f.seed(session, citations=cites, organizations=[gov, agency, uni, old], people=[expert])


def test_a_person_is_tied_through_their_employer(client: TestClient, session: Session) -> None:
    _chain(session)
    card = client.get("/v1/entities/expert-x").json()
    [tie] = card["state_ties"]
    assert [(h["from"], h["type"], h["to"]) for h in tie["hops"]] == [
        ("expert-x", "employed_by", "uni-x"),
        ("uni-x", "part_of", "gov-x"),
    ]
    assert tie["hops"][0]["role"] == "Lecturer"
    assert tie["summary"] == "Expert X → Uni-X → Gov-X".replace("Expert X", card["name"])


def test_ended_relations_do_not_make_a_tie(client: TestClient, session: Session) -> None:
    _chain(session)
    card = client.get("/v1/entities/expert-x").json()
    ended = [a for a in card["affiliations"] if a["organization"]["slug"] == "agency-old"]
    assert ended[0]["current"] is False
    assert all(h["to"] != "agency-old" for t in card["state_ties"] for h in t["hops"])


def test_a_government_has_no_ties_and_an_unrelated_profile_has_none(
    client: TestClient, session: Session
) -> None:
    _chain(session)
    assert client.get("/v1/entities/gov-x").json()["state_ties"] == []
    c = f.citation()
    f.seed(session, citations=[c], people=[f.person([c["key"]], slug="loner")])
    assert client.get("/v1/entities/loner").json()["state_ties"] == []


def test_reader_notes_fall_back_to_english(client: TestClient, session: Session) -> None:
    c = f.citation()
    f.seed(
        session,
        citations=[c],
        people=[
            f.person([c["key"]], slug="noted", notes={"en": "English note", "tr": "Türkçe not"})
        ],
    )
    assert client.get("/v1/entities/noted?lang=tr").json()["note"]["text"] == "Türkçe not"
    assert client.get("/v1/entities/noted?lang=tr-TR").json()["note"]["lang"] == "tr"
    assert client.get("/v1/entities/noted?lang=de").json()["note"]["lang"] == "en"
