"""The admin API stays reachable: the only enabled admin cannot demote or disable itself."""

from fastapi.testclient import TestClient

from tests.staff import Staff


def test_the_only_admin_cannot_demote_or_disable_itself(client: TestClient, staff: Staff) -> None:
    for change in ({"role": "reviewer"}, {"disabled": True}, {"role": "curator"}):
        response = client.patch("/admin/v1/accounts/ada", json=change, headers=staff["ada"])
        assert response.status_code == 409, response.text
        assert "only enabled admin" in response.json()["error"]["message"]
    assert client.get("/admin/v1/me", headers=staff["ada"]).json()["role"] == "admin"


def test_with_a_second_admin_the_first_may_step_down(client: TestClient, staff: Staff) -> None:
    promoted = client.patch("/admin/v1/accounts/rita", json={"role": "admin"}, headers=staff["ada"])
    assert promoted.status_code == 200, promoted.text
    stepped = client.patch("/admin/v1/accounts/ada", json={"role": "curator"}, headers=staff["ada"])
    assert stepped.status_code == 200, stepped.text
    last = client.patch("/admin/v1/accounts/rita", json={"disabled": True}, headers=staff["rita"])
    assert last.status_code == 409, last.text
