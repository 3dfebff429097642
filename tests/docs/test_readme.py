"""The README works as written in a clean clone (no .venv of its own, no node_modules, no
../shared): its make targets, its `provnotes` commands, and what it says about the set-up."""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from itertools import takewhile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from tests.support import ROOT, require

pytestmark = pytest.mark.sqlite_run  # clones and subprocesses, whatever backend is under test

README = (ROOT / "README.md").read_text(encoding="utf-8")
EXTENSION_README = (ROOT / "extension" / "README.md").read_text(encoding="utf-8")


def sh_blocks(markdown: str) -> list[list[str]]:
    """The commands of every ```sh block, comments dropped."""
    blocks = re.findall(r"```sh\n(.*?)```", markdown, flags=re.S)
    return [
        [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]
        for block in blocks
    ]


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without the project's settings, as on a newcomer's machine."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not (k.startswith("PROVNOTES_") and not k.startswith("PROVNOTES_TEST_"))
        and k not in ("DATABASE_URL", "CI", "MAKEFLAGS", "MAKELEVEL")
    }
    return {**env, **extra}


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The files a clone of this checkout has, in a folder with nothing next to it; its .venv
    is this run's virtual environment, so that `.venv/bin/provnotes` works as written."""
    require(shutil.which("git") is not None and (ROOT / ".git").exists(), "needs a git checkout")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    target = tmp_path_factory.mktemp("newcomer") / "provenance-notes"
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / ".venv").symlink_to(Path(sys.prefix))
    return target


def run(clone: Path, command: list[str], timeout: float = 120, **env: str) -> str:
    """Run a command in the clone; return its output, failing the test on a non-zero exit."""
    done = subprocess.run(
        command,
        cwd=clone,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, f"{command}: {done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def test_every_make_command_in_the_readme_is_a_target(clone: Path) -> None:
    makes = [
        line.split() for block in sh_blocks(README) for line in block if line.startswith("make")
    ]
    assert ["make", "run"] in makes
    assert ["make", "run", "PORT=8123"] in makes
    for command in makes:
        run(clone, ["make", "-n", *command[1:]])
    assert "--port 8123" in run(clone, ["make", "-n", "run", "PORT=8123"])
    built = run(clone, ["make", "-n", "ext-build", "PORT=8123"])
    assert "PROVNOTES_PUBLIC_BASE_URL=http://127.0.0.1:8123 npm run --silent build" in built


def test_make_help_lists_every_documented_target(clone: Path) -> None:
    makefile = (clone / "Makefile").read_text(encoding="utf-8")
    documented = re.findall(r"^([a-zA-Z0-9_-]+):.*?## ", makefile, flags=re.M)
    listed = re.findall(r"^  make (\S+)", run(clone, ["make", "help"]), flags=re.M)
    assert listed == documented
    assert "ext-e2e" in listed


def test_the_readme_provnotes_commands_run_as_written(clone: Path) -> None:
    [block] = [b for b in sh_blocks(README) if "source .venv/bin/activate" in b]
    script = "set -euo pipefail\n" + "\n".join(block)
    output = run(clone, ["bash", "-c", script], timeout=300)
    assert "dry run: " in output
    assert "created" in output
    assert (clone / "provnotes.db").exists()
    assert (clone / "dataset.yaml").read_text(encoding="utf-8").startswith("citations:")


def test_the_command_table_matches_the_cli() -> None:
    rows = re.findall(r"^\| `provnotes ([^`]+)`(?: / `provnotes ([^`]+)`)? \|", README, flags=re.M)
    commands = [c for row in rows for c in row if c]
    assert len(commands) >= 6
    runner = CliRunner()
    for command in commands:
        words = command.replace("[", " ").replace("]", " ").split()
        path = list(takewhile(lambda w: re.fullmatch(r"[a-z][a-z-]*", w) is not None, words))
        shown = runner.invoke(app, [*path, "--help"])
        assert shown.exit_code == 0, (command, shown.output)
        for option in (w for w in words if w.startswith("--")):
            assert option in shown.output, (command, option)


def test_the_node_version_is_the_one_package_json_requires() -> None:
    package = json.loads((ROOT / "extension" / "package.json").read_text(encoding="utf-8"))
    engines = package["engines"]["node"]
    version = engines.removeprefix(">=")
    assert engines == f">={version}"
    assert f"Node.js {version} or later" in README
    assert "Node.js 20 " not in README


def test_the_set_up_links_the_browser_loading_steps() -> None:
    set_up = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    link = "extension/README.md#load-it-into-chrome-or-firefox"
    assert f"]({link})" in set_up
    assert "\n## Load it into Chrome or Firefox\n" in EXTENSION_README
    steps = EXTENSION_README.split("## Load it into Chrome or Firefox", 1)[1].split("\n## ")[0]
    assert "chrome://extensions" in steps
    assert "about:debugging" in steps


def test_the_set_up_documents_ports_and_the_public_address() -> None:
    set_up = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    assert "make run PORT=" in set_up
    assert "PROVNOTES_PUBLIC_BASE_URL" in set_up
    assert "PROVNOTES_WITHOUT_SHARED=1" in set_up


def test_npm_ci_runs_again_only_when_the_package_files_change(clone: Path) -> None:
    assert "npm ci" in run(clone, ["make", "-n", "ext-build"])
    stamp = clone / "extension" / "node_modules" / ".installed"
    stamp.parent.mkdir()
    stamp.touch()
    old = time.time() - 60
    for name in ("package.json", "package-lock.json"):
        os.utime(clone / "extension" / name, (old, old))
    for target in ("ext-build", "ext-unit", "ext-lint", "demo"):
        dry = run(clone, ["make", "-n", target])
        assert "npm ci" not in dry, target
    assert "npm run --silent build" in run(clone, ["make", "-n", "ext-build"])
    os.utime(clone / "extension" / "package-lock.json")
    assert "npm ci" in run(clone, ["make", "-n", "ext-build"])


def test_the_canonical_tests_say_what_they_need_without_shared(clone: Path) -> None:
    assert not (clone.parent / "shared").exists()
    canonical = [
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs",
        "tests/annotate/test_canonical.py", "-k", "not our_own_article",
    ]  # fmt: skip
    failing = subprocess.run(
        canonical,
        cwd=clone,
        env=clean_env(CI="true"),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert failing.returncode == 1, failing.stdout
    summary = failing.stdout.strip().splitlines()[-1]
    assert re.search(r"\d+ (failed|errors?)\b", summary), failing.stdout
    assert "passed" not in summary
    assert "skipped" not in summary
    assert "PROVNOTES_WITHOUT_SHARED=1" in failing.stdout
    assert "sputnik-s400-article.txt" in failing.stdout
    skipping = run(clone, canonical, CI="true", PROVNOTES_WITHOUT_SHARED="1")
    summary = skipping.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ skipped, 1 deselected in .*", summary), skipping
