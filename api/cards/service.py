"""Cards for slugs: from the snapshot's cache, else built from the live tables in one go."""

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager

from sqlmodel import Session

from api.annotate.snapshot import Snapshot
from api.cards.buckets import Rendered
from api.cards.build import CardBuilder
from api.cards.card import Card
from api.errors import NotFound

Sessions = Callable[[], AbstractContextManager[Session]]


def cached_cards(snapshot: Snapshot, slugs: Iterable[str]) -> tuple[dict[str, Card], list[str]]:
    """Split `slugs` into the cards the snapshot has and the slugs it does not."""
    found: dict[str, Card] = {}
    missing: list[str] = []
    for slug in dict.fromkeys(slugs):
        card = snapshot.cached_card(slug)
        if card is None:
            missing.append(slug)
        else:
            found[slug] = card
    return found, missing


def build_cards(snapshot: Snapshot, sessions: Sessions, slugs: list[str]) -> dict[str, Card]:
    """Build the cards of `slugs` (blocking: it reads the database) and keep them."""
    with sessions() as session:
        built = CardBuilder(session, snapshot.graph).cards(slugs)
    for slug, card in built.items():
        snapshot.remember_card(slug, card)
    return built


def cards_for(snapshot: Snapshot, sessions: Sessions, slugs: Iterable[str]) -> dict[str, Card]:
    """Return the cards of the live entities among `slugs` (blocking when some are missing)."""
    found, missing = cached_cards(snapshot, slugs)
    if missing:
        found.update(build_cards(snapshot, sessions, missing))
    return found


async def cards_of(snapshot: Snapshot, sessions: Sessions, slugs: Iterable[str]) -> dict[str, Card]:
    """Return the cards of `slugs`; only a cache miss leaves the event loop (for the database),
    in a build shared with the other requests that miss meanwhile."""
    found, missing = cached_cards(snapshot, slugs)
    if missing:
        built = await snapshot.batcher.cards(
            missing, lambda batch: build_cards(snapshot, sessions, batch)
        )
        found.update(built)
    return found


async def entity_card(snapshot: Snapshot, sessions: Sessions, slug: str) -> Card:
    """Return one published card, or raise NotFound."""
    card = (await cards_of(snapshot, sessions, [slug])).get(slug)
    if card is None:
        raise NotFound(f"no published profile has the slug '{slug}'")
    return card


async def card_bucket(
    snapshot: Snapshot, sessions: Sessions, prefix: str, lang: str | None
) -> Rendered:
    """Return the answer of one card bucket, or raise NotFound for a prefix of another length."""
    buckets = snapshot.card_buckets
    if len(prefix) != buckets.length:
        raise NotFound(
            f"path.prefix: '{prefix}' names no bucket; in this data version a bucket's prefix "
            f"is {buckets.length} hex character{'s' if buckets.length > 1 else ''} long "
            "(prefix_length of GET /v1/cards)"
        )
    slugs = buckets.members.get(prefix, [])
    return buckets.render(prefix, lang, await cards_of(snapshot, sessions, slugs))
