"""`provnotes export --out`: the format follows the file name; a bad target is one line."""

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from api.cli import app
from tests import factories as f


@pytest.fixture
def seeded_db(cli_sandbox: None, tmp_path: Path) -> Path:
    """A database file with one published outlet."""
    cite = f.citation()
    f.write_seed(
        tmp_path / "seed", "a.yaml", citations=[cite], organizations=[f.outlet([cite["key"]])]
    )
    db = tmp_path / "seeded.db"
    result = CliRunner().invoke(app, ["seed", str(tmp_path / "seed"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def _export(db: Path, out: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(app, ["export", "--out", str(out), "--db", str(db)])
    return result.exit_code, result.output.strip().splitlines()


def test_the_format_follows_the_file_name(seeded_db: Path, tmp_path: Path) -> None:
    for name, load in [
        ("a.json", json.loads),
        ("a.yaml", yaml.safe_load),
        ("A.YML", yaml.safe_load),
    ]:
        code, lines = _export(seeded_db, tmp_path / name)
        assert code == 0, lines
        data = load((tmp_path / name).read_text(encoding="utf-8"))
        assert data["organizations"], name
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8").startswith("citations:")


def test_an_unknown_suffix_is_refused(seeded_db: Path, tmp_path: Path) -> None:
    for name in ("x.txt", "dataset"):
        code, lines = _export(seeded_db, tmp_path / name)
        assert code == 1
        [line] = lines
        assert line.startswith(f"error: --out {tmp_path / name}: the file name must end in .json")
        assert not (tmp_path / name).exists()


def test_a_missing_folder_is_one_line(seeded_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "x.json"
    code, lines = _export(seeded_db, target)
    assert code == 1
    assert lines == [f"error: --out {target}: the folder {target.parent} does not exist"]


def test_a_refused_target_touches_no_database(cli_sandbox: None, tmp_path: Path) -> None:
    code, _ = _export(tmp_path / "never.db", tmp_path / "x.txt")
    assert code == 1
    assert not (tmp_path / "never.db").exists()


def test_a_folder_as_target_is_one_line(seeded_db: Path, tmp_path: Path) -> None:
    (tmp_path / "out.json").mkdir()
    code, lines = _export(seeded_db, tmp_path / "out.json")
    assert code == 1
    assert lines == [f"error: --out {tmp_path / 'out.json'}: is a folder; name a file in it"]


def test_a_full_disk_is_one_line(seeded_db: Path, tmp_path: Path) -> None:
    full = tmp_path / "full.json"
    full.symlink_to("/dev/full")  # every write fails with "No space left on device"
    code, lines = _export(seeded_db, full)
    assert code == 1
    assert lines == [f"error: --out {full}: cannot write it (No space left on device)"]
