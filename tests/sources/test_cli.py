"""`provnotes check-sources` end to end: seeded citations served by a local web server, the
dead one flagged and its claim in the curators' queue; options and exit codes."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session
from typer.testing import CliRunner

from api.cli import app as cli
from api.main import create_app
from tests import factories as f
from tests.sources.server import serving
from tests.staff import make_staff
from tests.support import make_settings

FAST = ["--host-delay", "0", "--timeout", "1"]


def _seed(tmp_path: Path, base: str) -> dict[str, dict[str, str]]:
    cites = {
        name: f.citation(url=f"{base}/{name}")
        for name in ("ok", "gone", "moved", "private/page", "broken")
    }
    cites["gone"]["archive_url"] = "https://web.archive.org/web/2025/https://example.org/gone"
    people = [
        f.person([cites["gone"]["key"]], slug="dead-sourced", name="Dana Dead"),
        f.person([cites["gone"]["key"], cites["ok"]["key"]], slug="also-sourced"),
        f.person([cites["moved"]["key"], cites["private/page"]["key"], cites["broken"]["key"]]),
    ]
    f.write_seed(tmp_path / "seed", "a.yaml", citations=list(cites.values()), people=people)
    result = CliRunner().invoke(cli, ["seed", str(tmp_path / "seed")])
    assert result.exit_code == 0, result.output
    return cites


def test_check_sources_flags_a_dead_citation_and_queues_its_claim(
    cli_sandbox: None,
    fresh_db: tuple[str, Engine],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    url, engine = fresh_db
    monkeypatch.setenv("PROVNOTES_DATABASE_URL", url)
    runner = CliRunner()
    with serving() as (base, log):
        cites = _seed(tmp_path, base)
        contact = ["--contact", "https://notes.example.org/about"]
        result = runner.invoke(cli, ["check-sources", *FAST, *contact, "--verbose"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == (
        "checked 5 citations (5 URLs): 2 ok, 2 failing, 1 not checkable (robots.txt, "
        "401/403/429); 1 dead (1 new); 1 claims rest only on dead sources"
    )
    assert f"{cites['gone']['key']}: gone answers 404" in result.output
    assert "/private/page" not in log.paths()
    assert all("(+https://notes.example.org/about)" in agent for _, _, agent in log.requests)

    settings = make_settings(database_url=url)
    with Session(engine) as session:
        staff = make_staff(session, settings.token_pepper)
        session.commit()
    with TestClient(create_app(settings, engine=engine)) as api:
        queue = api.get("/admin/v1/source-health", headers=staff["cora"])
    assert queue.status_code == 200, queue.text
    [item] = queue.json()["items"]
    assert (item["slug"], item["claim"], item["archived"]) == ("dead-sourced", "identity", True)
    assert [(s["url"], s["archive_url"]) for s in item["sources"]] == [
        (cites["gone"]["url"], cites["gone"]["archive_url"])
    ]


def test_the_overall_bound_exits_3_and_keeps_what_was_checked(
    cli_sandbox: None, fresh_db: tuple[str, Engine], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url, _ = fresh_db
    monkeypatch.setenv("PROVNOTES_DATABASE_URL", url)
    with serving() as (base, _), serving() as (other, _):
        slow = f.citation(url=f"{base}/slow")
        fine = f.citation(url=f"{other}/ok")  # another host: not queued behind the slow one
        f.write_seed(
            tmp_path / "s",
            "a.yaml",
            citations=[slow, fine],
            people=[f.person([slow["key"], fine["key"]])],
        )
        assert CliRunner().invoke(cli, ["seed", str(tmp_path / "s")]).exit_code == 0
        result = CliRunner().invoke(
            cli, ["check-sources", "--host-delay", "0", "--timeout", "30", "--deadline", "1"]
        )
    assert result.exit_code == 3, result.output
    assert "checked 1 citations (1 URLs): 1 ok" in result.output
    assert (
        result.output.strip().splitlines()[-1]
        == "error: --deadline 1 s ran out: 1 URLs were not checked"
    )


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--contact", "mailto:x@example.org"], 1, "--contact 'mailto:x@example.org': must be an"),
        (["--concurrency", "0"], 2, "'--concurrency': Input should be greater than or equal to 1"),
        (["--timeout", "0"], 2, "'--timeout': Input should be greater than or equal to 0.1"),
    ],
)
def test_bad_options_are_plain_sentences(
    cli_sandbox: None, tmp_path: Path, args: list[str], code: int, words: str
) -> None:
    result = CliRunner().invoke(cli, ["check-sources", *args, "--db", str(tmp_path / "x.db")])
    assert result.exit_code == code
    assert words in " ".join(result.output.replace("│", " ").split())
