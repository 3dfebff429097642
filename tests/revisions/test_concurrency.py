"""Fifty curators save the same profile at once with the same ETag: exactly one wins, and
every loser gets 412 (never 503), on SQLite and PostgreSQL alike."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from sqlalchemy import text
from sqlalchemy.engine import Engine

from api.auth import service as auth
from api.auth.models import AccountCreate, Role
from api.db import transaction
from tests.live import PEPPER, live_server
from tests.staff import citation, outlet

WRITERS = 50


def test_fifty_parallel_updates_with_one_etag(fresh_db: tuple[str, Engine], tmp_path: Path) -> None:
    url, engine = fresh_db
    with transaction(engine) as session:
        headers = {}
        for name, role in (("cora", Role.curator), ("rita", Role.reviewer)):
            account = auth.create_account(session, AccountCreate(name=name, role=role), "t")
            token = auth.create_token(
                session, account, label="t", expires_days=None, actor="t", pepper=PEPPER
            )
            headers[name] = {"Authorization": f"Bearer {token.token}"}

    with live_server(url, tmp_path) as base, httpx.Client(base_url=base, timeout=60) as client:
        for path, body, entity in (
            ("citations", citation("src"), "citation/src"),
            ("organizations", outlet("daily", "src"), "organization/daily"),
        ):
            created = client.post(
                f"/admin/v1/{path}", json={**body, "reason": "setup"}, headers=headers["cora"]
            )
            assert created.status_code == 201, created.text
            published = client.post(
                f"/admin/v1/revisions/{entity}/1/publish", headers=headers["rita"]
            )
            assert published.status_code == 200, published.text
        etag = client.get("/admin/v1/organizations/daily", headers=headers["cora"]).headers["ETag"]

        def save(i: int) -> int:
            response = client.patch(
                "/admin/v1/organizations/daily",
                json={"description": f"Edit number {i}", "reason": f"writer {i}"},
                headers={**headers["cora"], "If-Match": etag},
            )
            return response.status_code

        with ThreadPoolExecutor(max_workers=WRITERS) as pool:
            statuses = list(pool.map(save, range(WRITERS)))

    assert sorted(statuses) == [200] + [412] * (WRITERS - 1), statuses
    with engine.connect() as connection:
        count = connection.execute(
            text(
                "SELECT count(*) FROM revision r JOIN document d ON d.id = r.document_id "
                "WHERE d.slug = 'daily' AND d.entity_type = 'organization'"
            )
        ).scalar_one()
        head = connection.execute(
            text("SELECT head FROM document WHERE slug = 'daily' AND entity_type = 'organization'")
        ).scalar_one()
    assert (count, head) == (2, 2)
