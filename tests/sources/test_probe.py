"""The prober against a local server: outcomes, robots.txt, HEAD→GET, politeness and bounds."""

import asyncio
import socket
import time

import httpx
import pytest

from api.sources.models import Outcome
from api.sources.probe import Politeness, Probe, Prober, _network_outcome, user_agent
from tests.sources.server import HANG_SECONDS, closed_port, serving

AGENT = user_agent("9.9", "https://notes.example.org/contact")
FAST = Politeness(concurrency=4, host_delay=0.0, timeout=0.5)


def check_all(urls: list[str], rules: Politeness = FAST, deadline: float = 20) -> dict[str, Probe]:
    async def run() -> dict[str, Probe]:
        prober = Prober(AGENT, rules)
        try:
            return await prober.check_all(urls, deadline)
        finally:
            await prober.close()

    return asyncio.run(run())


def test_each_answer_gets_its_outcome() -> None:
    with serving() as (base, _):
        paths = [
            "/ok",
            "/gone",
            "/removed",
            "/broken",
            "/forbidden",
            "/moved",
            "/moved-to-gone",
            "/loop",
            "/no-head",
            "/private/page",
            "/slow",
        ]
        found = check_all([base + p for p in paths])
    outcome = {url.removeprefix(base): (p.outcome, p.http_status) for url, p in found.items()}
    assert outcome == {
        "/ok": (Outcome.ok, 200),
        "/gone": (Outcome.gone, 404),
        "/removed": (Outcome.gone, 410),
        "/broken": (Outcome.http_error, 500),
        "/forbidden": (Outcome.blocked, 403),
        "/moved": (Outcome.ok, 200),
        "/moved-to-gone": (Outcome.gone, 404),
        "/loop": (Outcome.redirects, None),
        "/no-head": (Outcome.ok, 200),
        "/private/page": (Outcome.robots, None),
        "/slow": (Outcome.timeout, None),
    }
    assert "after redirects to" in found[base + "/moved-to-gone"].detail  # type: ignore[operator]


def test_robots_txt_is_read_once_and_disallowed_pages_are_never_requested() -> None:
    with serving() as (base, log):
        check_all([base + "/ok", base + "/gone", base + "/private/page", base + "/moved"])
    assert log.paths().count("/robots.txt") == 1
    assert log.cookies == []  # /ok sets a cookie; the checker never sends it back
    assert "/private/page" not in log.paths()
    assert {agent for _, _, agent in log.requests} == {AGENT}
    assert AGENT.startswith("ProvenanceNotes-SourceCheck/9.9 (+https://notes.example.org/")


def test_head_comes_first_and_get_only_where_head_fails() -> None:
    with serving() as (base, log):
        check_all([base + "/ok", base + "/no-head", base + "/gone"])
    assert sorted(log.paths("GET")) == ["/gone", "/no-head", "/robots.txt"]
    assert sorted(log.paths("HEAD")) == ["/gone", "/no-head", "/ok"]


def test_a_robots_txt_that_disallows_everything_keeps_the_checker_off_the_site() -> None:
    with serving(robots="User-agent: ProvenanceNotes\nDisallow: /\n") as (base, log):
        found = check_all([base + "/ok", base + "/gone"])
    assert {p.outcome for p in found.values()} == {Outcome.robots}
    assert log.paths() == ["/robots.txt"]


def test_a_failing_robots_txt_means_keep_off_and_a_missing_one_means_no_rules() -> None:
    with serving(robots="oops", robots_status=503) as (base, log):
        found = check_all([base + "/ok"])
    assert found[base + "/ok"].outcome is Outcome.blocked
    assert log.paths() == ["/robots.txt"]
    with serving(robots="", robots_status=404) as (base, _):
        assert check_all([base + "/ok"])[base + "/ok"].outcome is Outcome.ok


def test_one_request_at_a_time_per_host_with_the_delay_between() -> None:
    rules = Politeness(concurrency=8, host_delay=0.05, timeout=2)
    with serving() as (base, log):
        started = time.monotonic()
        check_all([f"{base}/ok?n={n}" for n in range(6)], rules)
        took = time.monotonic() - started
    assert log.most_in_flight == 1
    assert len(log.requests) == 7  # robots.txt and six HEADs
    assert took >= 6 * 0.05


def test_a_refused_connection_is_a_connect_failure() -> None:
    url = f"http://127.0.0.1:{closed_port()}/page"
    assert check_all([url])[url].outcome is Outcome.connect


def test_an_unresolvable_host_is_a_dns_failure() -> None:
    error = httpx.ConnectError("[Errno -2] Name or service not known")
    error.__cause__ = socket.gaierror(-2, "Name or service not known")
    assert _network_outcome(error).outcome is Outcome.dns
    assert _network_outcome(httpx.ReadTimeout("slow")).outcome is Outcome.timeout


def test_the_overall_bound_leaves_unfinished_urls_out() -> None:
    rules = Politeness(concurrency=2, host_delay=0.0, timeout=HANG_SECONDS * 2)
    with serving() as (base, _):
        started = time.monotonic()
        found = check_all([base + "/ok", base + "/slow"], rules, deadline=1.0)
        took = time.monotonic() - started
    assert list(found) == [base + "/ok"]
    assert took < HANG_SECONDS


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/file",
        "mailto:someone@example.org",
        "http://999.1.1.1/page",  # no such IPv4 address
        "https://xn--a.example/",  # a host IDNA refuses
        "http://127.0.0.1:99999/",  # no such port
    ],
)
def test_urls_nothing_can_answer_are_invalid_and_do_not_end_the_run(url: str) -> None:
    with serving() as (base, _):
        found = check_all([url, base + "/ok"])
    assert found[url].outcome is Outcome.invalid
    assert found[base + "/ok"].outcome is Outcome.ok
