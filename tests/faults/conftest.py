"""Fixtures for the fault suite: a private PostgreSQL cluster, accounts and servers."""

import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.auth import service as auth
from api.auth.models import AccountCreate, Role
from api.db import make_engine, transaction
from api.migrations import upgrade
from tests.faults.postgres import Cluster, binaries, cluster
from tests.live import PEPPER
from tests.support import require


@pytest.fixture(scope="module")
def postgres() -> Iterator[Cluster]:
    """A PostgreSQL server of the suite's own, on a free loopback port."""
    require(binaries() is not None, "Debian's PostgreSQL binaries are not installed")
    # Not under pytest's folder: the postgres user must be able to reach it.
    root = Path(tempfile.mkdtemp(prefix="provnotes-faults-pg-"))
    root.chmod(0o755)
    try:
        with cluster(root / "cluster") as pg:
            yield pg
    finally:
        shutil.rmtree(root, ignore_errors=True)


def admin_headers(url: str) -> dict[str, str]:
    """Migrate the database at `url` and return bearer headers of a new admin."""
    engine = make_engine(url)
    try:
        upgrade(engine)
        with transaction(engine) as session:
            account = auth.create_account(
                session, AccountCreate(name=f"ops-{secrets.token_hex(4)}", role=Role.admin), "t"
            )
            token = auth.create_token(
                session, account, label="faults", expires_days=None, actor="t", pepper=PEPPER
            )
    finally:
        engine.dispose()
    return {"Authorization": f"Bearer {token.token}"}


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tmp_path
