"""What every `provnotes` command shares: help without `<bool>`, one-line errors."""

import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from api.cli import app

PROVNOTES = str(Path(sys.executable).with_name("provnotes"))  # the installed entry point


def command_paths(group: TyperGroup | None = None, path: tuple[str, ...] = ()) -> list[list[str]]:
    """Every command and group of `provnotes`, as argument lists (new commands included)."""
    group = group or typer.main.get_group(app)
    found = [list(path)]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, TyperGroup):
            found += command_paths(command, (*path, name))
        else:
            found.append([*path, name])
    return found


COMMANDS = command_paths()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "provnotes")
def test_help_shows_no_value_after_a_flag(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.output
    assert "--help" in result.output


def test_help_still_names_the_value_an_option_takes() -> None:
    output = CliRunner().invoke(app, ["seed", "--help"]).output
    flag = next(line for line in output.splitlines() if "--dry-run" in line)
    assert "<" not in flag
    db = next(line for line in output.splitlines() if "--db" in line)
    assert "<path>" in db


def test_an_unknown_role_is_a_plain_sentence(cli_sandbox: None, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["token", "create", "--role", "wizard", "--name", "a", "--db", f"{tmp_path}/t.db"]
    )
    assert result.exit_code == 2
    assert "Value error" not in result.output
    assert "'wizard' is not one of 'curator', 'reviewer', 'admin'" in " ".join(
        result.output.replace("│", " ").split()
    )


def test_a_placeholder_pepper_in_production_is_one_line(
    cli_sandbox: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROVNOTES_ENVIRONMENT", "production")
    monkeypatch.setenv("PROVNOTES_TOKEN_PEPPER", "change-me")
    for command in (["serve"], ["migrate"], ["token", "list"]):
        result = CliRunner().invoke(app, [*command, "--db", f"{tmp_path}/p.db"])
        assert result.exit_code == 1, result.output
        [line] = result.output.strip().splitlines()
        assert line.startswith("error: PROVNOTES_TOKEN_PEPPER must be set to a real secret")
        assert "Value error" not in line
        assert "pydantic" not in line


def test_a_malformed_setting_names_its_variable(
    cli_sandbox: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROVNOTES_MAX_BLOCKS", "lots")
    result = CliRunner().invoke(app, ["migrate", "--db", f"{tmp_path}/p.db"])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith("error: PROVNOTES_MAX_BLOCKS: Input should be a valid integer")


def test_the_installed_command_prints_no_traceback(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "PROVNOTES_ENVIRONMENT": "production", "HOME": str(tmp_path)}
    result = subprocess.run(
        [PROVNOTES, "serve", "--db", f"{tmp_path}/p.db"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: PROVNOTES_TOKEN_PEPPER must be set")
