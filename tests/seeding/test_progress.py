"""Seed progress: bars per stage on a terminal, nothing in a pipe or a log file."""

import io
from pathlib import Path

from rich.console import Console

from api.seeding.progress import SeedProgress
from tests import factories as f


def _seed_folder(folder: Path) -> None:
    cite = f.citation()
    f.write_seed(folder, "a.yaml", citations=[cite])
    f.write_seed(folder, "b.yaml", organizations=[f.outlet([cite["key"]]) for _ in range(3)])


def _run(console: Console, folder: Path) -> None:
    with SeedProgress(console) as progress:
        records = progress.read(folder)
        assert len(list(progress.track(records))) == 4
        progress.stage("profiles", 4, 4)
        progress.stage("revisions", 4, 4)


def test_a_terminal_sees_a_bar_per_stage_even_for_a_small_run(tmp_path: Path) -> None:
    _seed_folder(tmp_path)
    screen = io.StringIO()
    _run(Console(file=screen, force_terminal=True, width=100), tmp_path)
    shown = screen.getvalue()
    for stage, count in [
        ("reading", "2/2"),
        ("validating", "4/4"),
        ("writing profiles", "4/4"),
        ("writing revisions", "4/4"),
    ]:
        assert stage in shown
        assert count in shown
    assert "━" in shown


def test_a_pipe_gets_no_bars(tmp_path: Path) -> None:
    _seed_folder(tmp_path)
    piped = io.StringIO()
    _run(Console(file=piped, force_terminal=False, width=100), tmp_path)
    assert piped.getvalue() == ""
