"""`provnotes seed` end to end: files on disk, exit codes, dry run, one transaction."""

from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from api.cli import app
from api.db import make_engine
from api.migrations import current_revision, upgrade
from api.organizations.models import Organization
from api.profiles.projection import table
from tests import factories as f
from tests.support import BACKEND


@pytest.fixture
def cli_env(fresh_db: tuple[str, Engine], monkeypatch: pytest.MonkeyPatch) -> Engine:
    url, engine = fresh_db
    monkeypatch.setenv("PROVNOTES_DATABASE_URL", url)
    from api.config import get_settings

    get_settings.cache_clear()
    yield engine
    get_settings.cache_clear()


def _write_sample(folder: Path) -> dict[str, list[dict[str, object]]]:
    cite = f.citation()
    org = f.outlet([cite["key"]])
    expert = f.person(
        [cite["key"]],
        relations=[{"type": "employed_by", "object": org["slug"], "citations": [cite["key"]]}],
    )
    f.write_seed(folder, "sources.yaml", citations=[cite])
    f.write_seed(folder, "profiles.yaml", organizations=[org], people=[expert])
    return {"organizations": [org], "people": [expert]}


def _organizations(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(
            connection.execute(select(func.count()).select_from(table(Organization))).scalar_one()
        )


def test_seed_twice_reports_no_change(cli_env: Engine, tmp_path: Path) -> None:
    _write_sample(tmp_path)
    runner = CliRunner()
    first = runner.invoke(app, ["seed", str(tmp_path)])
    assert first.exit_code == 0, first.output
    assert "3 created, 0 updated, 0 unchanged" in first.output
    second = runner.invoke(app, ["seed", str(tmp_path)])
    assert second.exit_code == 0, second.output
    assert "0 created, 0 updated, 3 unchanged" in second.output


def test_dry_run_prints_the_plan_and_writes_nothing(cli_env: Engine, tmp_path: Path) -> None:
    sample = _write_sample(tmp_path)
    result = CliRunner().invoke(app, ["seed", str(tmp_path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert f"+ organization {sample['organizations'][0]['slug']}" in result.output
    assert "nothing written" in result.output
    assert _organizations(cli_env) == 0


def test_a_broken_file_exits_non_zero_and_writes_nothing(cli_env: Engine, tmp_path: Path) -> None:
    _write_sample(tmp_path)
    cite = f.citation()
    bad = f.person(
        [cite["key"]],
        relations=[
            {"type": "employed_by", "object": "finansovy-universitet", "citations": [cite["key"]]}
        ],
    )
    f.write_seed(tmp_path, "zz-people.yaml", citations=[cite], people=[bad])
    result = CliRunner().invoke(app, ["seed", str(tmp_path)])
    assert result.exit_code == 1
    assert (
        "zz-people.yaml: people[0].relations[0].object: unknown organization "
        "'finansovy-universitet'"
    ) in result.output
    assert _organizations(cli_env) == 0


def test_a_file_that_is_not_yaml_names_its_line(cli_env: Engine, tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("organizations:\n  - slug: [unclosed\n")
    result = CliRunner().invoke(app, ["seed", str(tmp_path)])
    assert result.exit_code == 1
    assert "broken.yaml: line" in result.output
    assert "invalid YAML" in result.output


def test_a_failure_while_writing_rolls_everything_back(
    cli_env: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_sample(tmp_path)
    from api.seeding import service

    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(service, "record_published", explode)
    result = CliRunner().invoke(app, ["seed", str(tmp_path)])
    assert result.exit_code != 0
    assert _organizations(cli_env) == 0
    with cli_env.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM citation")).scalar_one() == 0


def test_backend_under_test_is_the_configured_one(cli_env: Engine) -> None:
    assert cli_env.dialect.name == ("postgresql" if BACKEND == "postgresql" else "sqlite")


def test_a_dry_run_does_not_create_the_database_file(cli_sandbox: None, tmp_path: Path) -> None:
    sample = _write_sample(tmp_path / "seed")
    new = tmp_path / "new.db"
    result = CliRunner().invoke(
        app, ["seed", str(tmp_path / "seed"), "--dry-run", "--db", str(new)]
    )
    assert result.exit_code == 0, result.output
    assert f"+ organization {sample['organizations'][0]['slug']}" in result.output
    assert "dry run: 3 created, 0 updated, 0 unchanged; nothing written" in result.output
    assert list(tmp_path.glob("new.db*")) == []


def test_a_dry_run_does_not_migrate_an_empty_file(cli_sandbox: None, tmp_path: Path) -> None:
    _write_sample(tmp_path / "seed")
    empty = tmp_path / "empty.db"
    empty.touch()
    result = CliRunner().invoke(
        app, ["seed", str(tmp_path / "seed"), "--dry-run", "--db", str(empty)]
    )
    assert result.exit_code == 0, result.output
    assert "3 created" in result.output
    assert empty.stat().st_size == 0


def test_a_dry_run_on_an_old_schema_says_to_migrate(cli_sandbox: None, tmp_path: Path) -> None:
    _write_sample(tmp_path / "seed")
    old = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{old}")
    upgrade(engine, "0001")
    result = CliRunner().invoke(
        app, ["seed", str(tmp_path / "seed"), "--dry-run", "--db", str(old)]
    )
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith("error: the database is at schema 0001")
    assert "run `provnotes migrate` first" in line
    assert current_revision(engine) == "0001"
    engine.dispose()


def test_a_dry_run_reads_a_migrated_database_without_writing(
    cli_env: Engine, tmp_path: Path
) -> None:
    _write_sample(tmp_path)
    assert CliRunner().invoke(app, ["seed", str(tmp_path)]).exit_code == 0
    cite = f.citation()
    f.write_seed(tmp_path, "more.yaml", citations=[cite], organizations=[f.outlet([cite["key"]])])
    result = CliRunner().invoke(app, ["seed", str(tmp_path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "dry run: 2 created, 0 updated, 3 unchanged; nothing written" in result.output
    assert _organizations(cli_env) == 1


def test_a_real_run_prints_the_summary_and_lists_only_when_verbose(
    cli_sandbox: None, tmp_path: Path
) -> None:
    sample = _write_sample(tmp_path / "seed")
    slug = sample["organizations"][0]["slug"]
    runner = CliRunner()
    quiet = runner.invoke(app, ["seed", str(tmp_path / "seed"), "--db", str(tmp_path / "a.db")])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.output.strip().splitlines() == ["3 created, 0 updated, 0 unchanged"]
    loud = runner.invoke(
        app, ["seed", str(tmp_path / "seed"), "--verbose", "--db", str(tmp_path / "b.db")]
    )
    assert loud.exit_code == 0, loud.output
    assert f"+ organization {slug}" in loud.output
    assert loud.output.strip().splitlines()[-1] == "3 created, 0 updated, 0 unchanged"


def test_yaml_aliases_are_refused_before_anything_expands(cli_env: Engine, tmp_path: Path) -> None:
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    (tmp_path / "bomb.yaml").write_text("\n".join(levels) + "\ncitations: [*a8]\n")
    result = CliRunner().invoke(
        app, ["seed", "--api", "http://127.0.0.1:9", "--token", "x", str(tmp_path)]
    )
    assert result.exit_code == 1, result.output
    assert "aliases (*name) repeat more than" in result.output
    assert len((tmp_path / "bomb.yaml").read_bytes()) < 1000  # 9**9 strings if expanded


def test_a_read_only_database_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    """A SQLite file opened read-only (on either backend's run: it needs no server)."""
    import os
    import subprocess
    import sys

    db = tmp_path / "ro.db"
    env = {**os.environ, "PROVNOTES_DATABASE_URL": f"sqlite:///{db}"}
    run = [sys.executable, "-c", "from api.cli import main; main()"]
    subprocess.run([*run, "migrate"], env=env, check=True, capture_output=True)
    env["PROVNOTES_DATABASE_URL"] = (
        f"sqlite:///file:{db}?mode=ro&uri=true"  # read-only, even as root
    )
    _write_sample(tmp_path / "seed")
    done = subprocess.run(
        [*run, "seed", str(tmp_path / "seed")], env=env, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert (
        done.stderr.strip().splitlines()[-1]
        == "error: database: attempt to write a readonly database"
    )
    assert "Traceback" not in done.stderr + done.stdout
