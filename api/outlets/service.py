"""Page URLs to outlet editions, with errors that name the field at fault."""

import orjson

from api.annotate.snapshot import Snapshot
from api.cards.card import dumps
from api.cards.service import Sessions, cards_of
from api.errors import InvalidInput
from api.outlets.urls import DomainMatch, normalize_url


def check_url(url: str, field: str) -> None:
    """Reject anything that is not an absolute http(s) URL, naming the field."""
    try:
        normalize_url(url)
    except ValueError as exc:
        raise InvalidInput(f"{field}: {exc}", fields=[{"loc": field, "message": str(exc)}]) from exc


def outlet_match(found: DomainMatch) -> dict[str, str | None]:
    """The public form of an index match: its entry and the rule that fired."""
    return {"host": found.host, "path_prefix": found.path_prefix, "rule": found.rule}


def lookup(snapshot: Snapshot, url: str) -> DomainMatch | None:
    """Find the outlet edition a page URL belongs to."""
    check_url(url, "query.url")
    return snapshot.domains.lookup(url)


async def lookup_body(snapshot: Snapshot, sessions: Sessions, url: str, lang: str | None) -> bytes:
    """The `GET /v1/lookup` answer: the page's outlet edition and card, or nulls (kept in the
    snapshot's cache for the same url and lang)."""
    key = ("lookup", url, lang)
    body = snapshot.cached_answer(key)
    if body is not None:
        return body
    found = lookup(snapshot, url)
    if found is None:
        body = dumps({"url": url, "match": None, "outlet": None})
    else:
        card = (await cards_of(snapshot, sessions, [found.outlet])).get(found.outlet)
        match = outlet_match(found)
        outlet = orjson.Fragment(card.whole(lang)) if card else None
        body = dumps({"url": url, "match": match, "outlet": outlet})
    snapshot.remember_answer(key, body)
    return body
