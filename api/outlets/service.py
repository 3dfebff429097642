"""Page URLs to outlet editions, with errors that name the field at fault."""

from api.annotate.snapshot import Snapshot
from api.errors import InvalidInput
from api.outlets.urls import DomainMatch, normalize_url


def check_url(url: str, field: str) -> None:
    """Reject anything that is not an absolute http(s) URL, naming the field."""
    try:
        normalize_url(url)
    except ValueError as exc:
        raise InvalidInput(f"{field}: {exc}", fields=[{"loc": field, "message": str(exc)}]) from exc


def lookup(snapshot: Snapshot, url: str) -> DomainMatch | None:
    """Find the outlet edition a page URL belongs to."""
    check_url(url, "query.url")
    return snapshot.domains.lookup(url)
