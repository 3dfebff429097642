"""Annotate an article: its outlet, the profiled names in its text, and their cards."""

import orjson

from api.annotate.matcher import Mention
from api.annotate.models import AnnotateRequest
from api.annotate.snapshot import Snapshot
from api.cards.card import Card, dumps
from api.cards.service import Sessions, cards_of
from api.config import Settings
from api.errors import PayloadTooLarge
from api.outlets.service import check_url


def check_limits(request: AnnotateRequest, settings: Settings) -> None:
    """Refuse articles beyond the block-count and character limits with 413."""
    if len(request.blocks) > settings.max_blocks:
        raise PayloadTooLarge(
            f"body.blocks: {len(request.blocks)} blocks sent; at most "
            f"{settings.max_blocks} are accepted"
        )
    total = sum(len(block) for block in request.blocks)
    if total > settings.max_chars:
        raise PayloadTooLarge(
            f"body.blocks: {total} characters sent; at most {settings.max_chars} are accepted"
        )


def find(
    snapshot: Snapshot, request: AnnotateRequest, settings: Settings
) -> tuple[str | None, list[Mention]]:
    """Check the request; return the page's outlet slug and every mention."""
    check_url(request.url, "body.url")
    check_limits(request, settings)
    match = snapshot.domains.lookup(request.url)
    mentions = snapshot.matcher.annotate(request.blocks) if any(request.blocks) else []
    return (match.outlet if match else None), mentions


def answer(
    request: AnnotateRequest,
    version: int,
    outlet: str | None,
    mentions: list[Mention],
    cards: dict[str, Card],
) -> bytes:
    """Serialize the answer: each card, organization and citation once, by key."""
    lang = request.lang
    entities = {slug: orjson.Fragment(card.compact(lang)) for slug, card in cards.items()}
    organizations: dict[str, dict[str, str]] = {}
    citations: dict[str, object] = {}
    for card in cards.values():
        organizations.update(card.organizations)
        citations.update(card.short_sources)
    return dumps(
        {
            "url": request.url,
            "offset_unit": "utf16",
            "data_version": version,
            "outlet": outlet if outlet in cards else None,
            "mentions": [
                {
                    "block": m.block,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "entities": [slug for slug in m.entities if slug in cards],
                    "kind": m.kind,
                    "match": m.match,
                    "ambiguous": m.ambiguous,
                }
                for m in mentions
            ],
            "entities": entities,
            "organizations": organizations,
            "citations": citations,
        }
    )


async def annotate(
    snapshot: Snapshot, sessions: Sessions, request: AnnotateRequest, settings: Settings
) -> bytes:
    """Find the outlet and every mention and their cards; return the serialized answer."""
    outlet, mentions = find(snapshot, request, settings)
    slugs = [outlet] if outlet else []
    slugs += [slug for m in mentions for slug in m.entities]
    cards = await cards_of(snapshot, sessions, slugs)
    return answer(request, snapshot.version, outlet, mentions, cards)
