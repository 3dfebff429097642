"""The review queue shows claims whose every source is dead, with the dead and archived URLs."""

from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.sources import service
from api.sources.models import Outcome
from api.sources.probe import Probe
from tests import factories as f
from tests.console.conftest import SignIn


def test_the_review_queue_lists_dead_source_claims_with_archived_copies(
    client: TestClient, session: Session, sign_in: SignIn
) -> None:
    archived = "https://web.archive.org/web/2025/https://example.org/gone"
    dead = f.citation(archive_url=archived)
    person = f.person([dead["key"]], name="Dana Dead")
    f.seed(session, citations=[dead], people=[person])
    sign_in("cora")
    assert "No claim rests only on dead sources." in client.get("/console/review").text
    now = datetime(2026, 12, 1, tzinfo=UTC)
    citations = service.published_citations(session)
    service.record(session, citations, {dead["url"]: Probe(Outcome.gone, 404)}, now, 3)
    page = client.get("/console/review")
    assert page.status_code == 200
    section = page.text.split('id="h-dead-sources"')[1]
    assert f'href="/console/entities/person/{person["slug"]}">Dana Dead</a>' in section
    assert f'href="{dead["url"]}"' in section
    assert f'href="{archived}" rel="noreferrer noopener">archived copy</a>' in section
    assert "gone 404, failing since 2026-12-01, 1 failing check," in " ".join(section.split())


def test_a_citations_page_shows_its_latest_check(
    client: TestClient, session: Session, sign_in: SignIn
) -> None:
    cite = f.citation()
    f.seed(session, citations=[cite], people=[f.person([cite["key"]])])
    sign_in("cora")
    assert "Source health" not in client.get(f"/console/entities/citation/{cite['key']}").text
    now = datetime(2026, 12, 1, 4, 5, tzinfo=UTC)
    probe = Probe(Outcome.http_error, 503, "answers 503")
    service.record(session, service.published_citations(session), {cite["url"]: probe}, now, 3)
    page = client.get(f"/console/entities/citation/{cite['key']}").text
    section = " ".join(page.split('id="h-source-check"')[1].split("</section>")[0].split())
    assert "Last checked 2026-12-01 04:05 UTC: http_error (answers 503)." in section
    assert "1 failing check in a row since 2026-12-01." in section
