"""Curate from a page: what the public annotate would show, and quoted names nobody profiled."""

from fastapi.testclient import TestClient

from api.console.spans import candidates
from tests.console.conftest import SignIn
from tests.staff import Staff, citation, propose_and_publish

ARTICLE = (
    "Ankara weighs the deal\n\n"
    "“The delivery will not be delayed,” Gevorg Mirzayan told the agency on Monday.\n\n"
    "Hasan Ünal, a professor of international relations, said the talks went well. "
    "The weather in Sochi was mild."
)


def test_names_near_quoting_words_are_candidates() -> None:
    blocks = ARTICLE.split("\n\n")
    found = [(s.text, s.cue) for s in candidates(blocks, set())]
    assert found == [("Gevorg Mirzayan", "told"), ("Hasan Ünal", "professor")]


def test_known_mentions_and_names_far_from_cues_are_left_out() -> None:
    blocks = ["Gevorg Mirzayan told us.", "Ivan Petrov visited the museum on a quiet day alone."]
    assert candidates(blocks, {(0, 0, 15)}) == []


def test_the_page_shows_marks_and_offers_to_profile_the_rest(
    client: TestClient, sign_in: SignIn, staff: Staff
) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    person = {
        "slug": "mirzayan",
        "name": "Gevorg Mirzayan",
        "description": "x",
        "citations": ["src"],
    }
    propose_and_publish(client, staff, "people", person)
    csrf = sign_in("cora")
    response = client.post(
        "/console/curate",
        data={"csrf": csrf, "url": "https://news.example/deal", "title": "Deal", "text": ARTICLE},
    )
    assert response.status_code == 200, response.text
    page = response.text
    assert "<mark>Gevorg Mirzayan</mark>" in page
    assert "Hasan Ünal" in page
    assert "“Gevorg Mirzayan” (near" not in page
    assert (
        "/console/profile/new?name=Hasan+%C3%9Cnal&amp;cite_url=https%3A%2F%2Fnews.example%2Fdeal"
        "&amp;cite_title=Deal"
    ) in page
    form = client.get("/console/profile/new?name=Hasan+Ünal&cite_url=https://news.example/deal")
    assert 'value="Hasan Ünal"' in form.text
    assert 'value="https://news.example/deal"' in form.text
