"""Visit URLs politely: bounded concurrency, one request at a time per host with a delay,
robots.txt honoured, HEAD first and GET where HEAD is refused, every request time-bounded."""

import asyncio
import socket
import ssl
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.cookiejar import CookieJar, DefaultCookiePolicy
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from api.sources.models import Outcome

REDIRECTS = frozenset({301, 302, 303, 307, 308})
ROBOTS_BYTES = 512_000  # RFC 9309: crawlers must read at least 500 KiB of robots.txt
PRODUCT = "ProvenanceNotes-SourceCheck"


@dataclass(frozen=True, slots=True)
class Probe:
    """What checking one URL found."""

    outcome: Outcome
    http_status: int | None = None
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class Politeness:
    """How hard the checker may press: on everything at once, and on any one host."""

    concurrency: int = 8  # requests in flight, over all hosts
    host_delay: float = 1.0  # seconds between two requests to the same host
    timeout: float = 10.0  # seconds for one request, connection to last header
    max_redirects: int = 5


def user_agent(version: str, contact: str | None) -> str:
    """The User-Agent every request sends: the product, its version and whom to contact."""
    return f"{PRODUCT}/{version} (+{contact})" if contact else f"{PRODUCT}/{version}"


def origin(url: str) -> str:
    """scheme://host[:port] of a URL, the unit robots.txt and politeness apply to."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _network_outcome(exc: Exception) -> Probe:
    """Name a transport failure: timeout, DNS, or a refused / reset / TLS-failed connection."""
    if isinstance(exc, httpx.TimeoutException | TimeoutError):
        return Probe(Outcome.timeout, detail="no answer in time")
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return Probe(Outcome.dns, detail="the host name does not resolve")
        if isinstance(cause, ssl.SSLError):
            return Probe(Outcome.connect, detail=f"TLS: {cause.reason or cause}"[:300])
        cause = cause.__cause__ or cause.__context__
    return Probe(Outcome.connect, detail=(str(exc) or type(exc).__name__)[:300])


@dataclass
class _Host:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    last: float = float("-inf")  # monotonic time the last request to this host ended


@dataclass
class _Robots:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    parser: RobotFileParser | None = None
    refusal: Probe | None = None  # why nothing on this origin can be checked


class Prober:
    """Checks URLs over one HTTP client; robots.txt files are fetched once per origin."""

    def __init__(
        self, agent: str, rules: Politeness, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.agent = agent
        self.rules = rules
        self.client = httpx.AsyncClient(
            headers={"User-Agent": agent, "Accept": "*/*"},
            timeout=rules.timeout,
            follow_redirects=False,
            cookies=CookieJar(DefaultCookiePolicy(allowed_domains=[])),  # keeps no cookie
            trust_env=False,  # no credentials from ~/.netrc, no proxy from the environment
            transport=transport,
        )
        self.slots = asyncio.Semaphore(rules.concurrency)
        self.hosts: dict[str, _Host] = {}
        self.robots: dict[str, _Robots] = {}

    async def close(self) -> None:
        await self.client.aclose()

    async def _send(self, method: str, url: str, read: int = 0) -> tuple[httpx.Response, bytes]:
        """One request: alone on its host, after the host's delay, inside a global slot, and
        bounded as a whole (a server that drips its headers still ends at the timeout). Reads
        at most `read` bytes of the body."""
        host = self.hosts.setdefault(origin(url), _Host())
        async with host.lock:
            wait = host.last + self.rules.host_delay - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                async with self.slots, asyncio.timeout(self.rules.timeout):
                    request = self.client.build_request(method, url)
                    response = await self.client.send(request, stream=True)
                    body = b""
                    try:
                        if read and 200 <= response.status_code < 300:
                            async for chunk in response.aiter_bytes():
                                body += chunk
                                if len(body) >= read:
                                    break
                    finally:
                        await response.aclose()
                    return response, body[:read]
            finally:
                host.last = time.monotonic()

    async def _robots_for(self, url: str) -> _Robots:
        site = origin(url)
        robots = self.robots.setdefault(site, _Robots())
        async with robots.lock:
            if robots.parser is None and robots.refusal is None:
                robots.parser, robots.refusal = await self._fetch_robots(site)
        return robots

    async def _fetch_robots(self, site: str) -> tuple[RobotFileParser | None, Probe | None]:
        """RFC 9309: a 4xx means no rules; a 5xx means keep off; follow a few redirects."""
        parser = RobotFileParser()
        url = f"{site}/robots.txt"
        for _ in range(self.rules.max_redirects + 1):
            try:
                response, body = await self._send("GET", url, read=ROBOTS_BYTES)
            except (httpx.HTTPError, TimeoutError) as exc:
                return None, _network_outcome(exc)
            location = response.headers.get("location")
            if response.status_code in REDIRECTS and location:
                url = urljoin(url, location)
                if urlsplit(url).scheme not in ("http", "https"):
                    break
                continue
            if response.status_code >= 500:
                detail = f"robots.txt answers {response.status_code}: the site asks to wait"
                return None, Probe(Outcome.blocked, response.status_code, detail)
            if response.status_code >= 400:
                parser.parse([])  # no rules
            else:
                parser.parse(body.decode("utf-8", errors="replace").splitlines())
            return parser, None
        parser.parse([])  # RFC 9309: after five redirects, robots.txt counts as absent
        return parser, None

    async def _allowed(self, url: str) -> Probe | None:
        """None when robots.txt lets this agent fetch `url`, else why not."""
        robots = await self._robots_for(url)
        if robots.refusal is not None:
            return robots.refusal
        assert robots.parser is not None
        if not robots.parser.can_fetch(self.agent, url):
            return Probe(Outcome.robots, detail="robots.txt disallows it for this user agent")
        return None

    async def _follow(self, method: str, start: str) -> Probe:
        """Send `method`, following redirects by hand so each hop honours robots.txt."""
        url = start
        for _ in range(self.rules.max_redirects + 1):
            refused = await self._allowed(url)
            if refused is not None:
                return refused
            try:
                response, _ = await self._send(method, url)
            except (httpx.HTTPError, TimeoutError) as exc:
                return _network_outcome(exc)
            status = response.status_code
            location = response.headers.get("location")
            if status in REDIRECTS and location:
                url = urljoin(url, location)
                if urlsplit(url).scheme not in ("http", "https"):
                    return Probe(Outcome.redirects, status, f"redirects to {url[:200]}")
                continue
            return classify(status, start, url)
        return Probe(Outcome.redirects, detail=f"more than {self.rules.max_redirects} redirects")

    async def check(self, url: str) -> Probe:
        """HEAD the URL; when HEAD fails with an HTTP error (some servers refuse or mishandle
        HEAD), the GET answer decides, read no further than its headers."""
        if urlsplit(url).scheme not in ("http", "https"):
            return Probe(Outcome.invalid, detail="not an http(s) URL")
        try:
            first = await self._follow("HEAD", url)
            if first.http_status is not None and first.http_status >= 400:
                return await self._follow("GET", url)
            return first
        except Exception as exc:
            # A host IDNA refuses, an impossible IPv4 address or port: nothing can answer it,
            # and one such URL must not end the run.
            return Probe(Outcome.invalid, detail=f"cannot be visited: {exc}"[:300])

    async def check_all(self, urls: Iterable[str], deadline: float) -> dict[str, Probe]:
        """Check each URL once; what is unfinished after `deadline` seconds is left out."""
        tasks = {url: asyncio.create_task(self.check(url)) for url in dict.fromkeys(urls)}
        if not tasks:
            return {}
        _, pending = await asyncio.wait(tasks.values(), timeout=deadline)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        return {url: task.result() for url, task in tasks.items() if task not in pending}


def classify(status: int, url: str, final_url: str) -> Probe:
    """Turn the last answer's status into an outcome (naming where redirects led)."""
    moved = f" after redirects to {final_url}" if final_url != url else ""
    if 200 <= status < 300:
        return Probe(Outcome.ok, status, f"answers {status}{moved}"[:300])
    if status in (404, 410):
        outcome = Outcome.gone
    elif status in (401, 403, 429):
        outcome = Outcome.blocked
    else:
        outcome = Outcome.http_error
    return Probe(outcome, status, f"answers {status}{moved}"[:300])
