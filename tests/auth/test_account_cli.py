"""`provnotes account create`: the first admin gets a password from standard input."""

import subprocess
from pathlib import Path

from argon2 import PasswordHasher
from sqlalchemy import create_engine, text

from tests.support import ROOT

PROVNOTES = ROOT / ".venv" / "bin" / "provnotes"


def run(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PROVNOTES), "account", *args], input=stdin, capture_output=True, text=True, check=False
    )


def test_the_first_admin_gets_a_password_from_stdin(tmp_path: Path) -> None:
    db = tmp_path / "first.db"
    made = run(
        "create",
        "--role",
        "admin",
        "--name",
        "alice",
        "--password-stdin",
        "--db",
        str(db),
        stdin="correct horse battery\n",
    )
    assert made.returncode == 0, made.stderr
    assert "alice (admin) can now sign in at /console" in made.stdout
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        role, stored = connection.execute(text("SELECT role, password_hash FROM account")).one()
    engine.dispose()
    assert role == "admin"
    assert stored.startswith("$argon2id$")
    assert PasswordHasher().verify(stored, "correct horse battery")
    short = run("create", "--name", "bob", "--password-stdin", "--db", str(db), stdin="short\n")
    assert short.returncode == 1
    assert "12 to 1024 characters" in short.stderr
    again = run("create", "--name", "alice", "--password-stdin", "--db", str(db), stdin="x" * 12)
    assert "already exists" in again.stderr
