"""Page URLs to outlet editions: normalized hosts, and matching on Public Suffix List bounds."""

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal
from urllib.parse import SplitResult, urlsplit

import idna
from publicsuffixlist import PublicSuffixList

# Why a page falls under an entry: its own host, the registrable domain above it (or another
# parent host), or a path prefix under either.
MatchRule = Literal["host", "registrable_domain", "parent_host", "path_prefix"]
EDITION_LABELS = frozenset({"www", "m", "amp"})  # leading labels that name the same site
_HOST = re.compile(r"[a-z0-9_-]{1,63}(\.[a-z0-9_-]{1,63})*")


@dataclass(frozen=True, slots=True)
class PageAddress:
    """A page URL reduced to what identifies its site and section."""

    host: str  # lower-case, punycode, without a leading www., m. or amp. label
    path: str  # without the /amp/ prefix or /amp suffix of accelerated pages
    registrable_domain: str | None  # None for an IP address or a public suffix itself


@dataclass(frozen=True, slots=True)
class DomainMatch:
    """The domain-index entry a page URL falls under."""

    host: str
    path_prefix: str | None
    outlet: str
    rule: MatchRule = "host"


@cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()  # the list bundled with the package: never the network


@lru_cache(maxsize=1024)  # a request checks its URL, then looks it up: one parse for both
def normalize_url(url: str) -> PageAddress:
    """Reduce an http(s) URL to its normalized host, path and registrable domain.

    Raises ValueError, with a sentence saying what is wrong, for anything else (not kept).
    """
    parts = _split(url)
    host = _ascii_host(parts.hostname or "")
    registrable = _registrable(host)
    return PageAddress(_site_host(host, registrable), _page_path(parts.path), registrable)


def _split(url: str) -> SplitResult:
    try:
        parts = urlsplit(url.strip())
        _ = parts.port  # raises ValueError for a port out of range
    except ValueError as exc:
        raise ValueError(f"not a valid URL ({exc})") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError("not an http(s) URL")
    if not parts.hostname:
        raise ValueError("the URL has no host")
    return parts


def _ascii_host(host: str) -> str:
    """Lower-case the host, drop a trailing dot and encode an international name (punycode)."""
    host = host.lower().rstrip(".")
    if not host.isascii():
        try:
            host = idna.encode(host, uts46=True).decode("ascii")
        except UnicodeError as exc:  # idna.IDNAError and its kin
            raise ValueError(f"the host {host!r} is not a valid international domain name") from exc
    if _is_ip(host) or _HOST.fullmatch(host):
        return host
    raise ValueError(f"the host {host!r} is not a valid host name")


def _is_ip(host: str) -> bool:
    # An IPv4 address has only digits and dots, an IPv6 one a colon: any other host (nearly
    # every host) is told apart without the three exceptions a failed parse raises.
    if ":" not in host and not host.replace(".", "").isdigit():
        return False
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _registrable(host: str) -> str | None:
    return None if _is_ip(host) else _suffixes().privatesuffix(host)


def _site_host(host: str, registrable: str | None) -> str:
    """Drop leading www., m. and amp. labels, never into the registrable domain itself."""
    while registrable and host != registrable and host.split(".", 1)[0] in EDITION_LABELS:
        host = host.split(".", 1)[1]
    return host


def _page_path(path: str) -> str:
    if path == "/amp" or path.startswith("/amp/"):
        path = path[4:]
    elif path.endswith(("/amp", "/amp/")):
        path = path[: path.rindex("/amp")] + ("/" if path.endswith("/") else "")
    return path or "/"


def _under(path: str, prefix: str) -> bool:
    """Whether `path` lies under `prefix`, segment by segment ("/tr" is not under "/t")."""
    return (path.rstrip("/") + "/").startswith(prefix.rstrip("/") + "/")


@dataclass(frozen=True, slots=True)
class DomainIndex:
    """Profiled hosts (and path prefixes) of outlet editions; look-ups by page URL."""

    hosts: dict[str, tuple[tuple[str | None, str], ...]]  # host → (prefix, outlet), longest first

    @classmethod
    def build(cls, entries: Iterable[tuple[str, str | None, str]]) -> "DomainIndex":
        """Index `(host, path prefix or None, outlet slug)` entries."""
        hosts: dict[str, list[tuple[str | None, str]]] = {}
        for host, prefix, outlet in entries:
            ascii_host = _ascii_host(host)
            site = _site_host(ascii_host, _registrable(ascii_host))
            hosts.setdefault(site, []).append((prefix or None, outlet))
        return cls(
            {
                host: tuple(sorted(rows, key=lambda row: -len(row[0] or "")))
                for host, rows in hosts.items()
            }
        )

    def lookup(self, url: str) -> DomainMatch | None:
        """Find the entry for a page: its host or a parent host up to the registrable domain,
        the most specific host first, then the longest path prefix. Raises ValueError for a
        URL that is not http(s)."""
        page = normalize_url(url)
        for host in _candidate_hosts(page):
            for prefix, outlet in self.hosts.get(host, ()):
                if prefix is None or _under(page.path, prefix):
                    return DomainMatch(host, prefix, outlet, _rule(page, host, prefix))
        return None


def _rule(page: PageAddress, host: str, prefix: str | None) -> MatchRule:
    if prefix is not None:
        return "path_prefix"
    if host == page.host:
        return "host"
    return "registrable_domain" if host == page.registrable_domain else "parent_host"


def _candidate_hosts(page: PageAddress) -> list[str]:
    """The page's host and each parent host down to its registrable domain."""
    if page.registrable_domain is None:
        return [page.host]
    labels = page.host.split(".")
    parents = len(labels) - page.registrable_domain.count(".") - 1
    return [".".join(labels[i:]) for i in range(parents + 1)]
