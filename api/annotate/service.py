"""Annotate an article: its outlet, the profiled names in its text, and their cards."""

import orjson

from api.annotate.matcher import Mention
from api.annotate.models import AnnotateRequest
from api.annotate.snapshot import Snapshot
from api.cards.card import Card, dumps
from api.cards.service import Sessions, cards_of
from api.config import Settings
from api.errors import PayloadTooLarge
from api.outlets.service import check_url, outlet_match
from api.outlets.urls import DomainMatch


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
) -> tuple[DomainMatch | None, list[Mention]]:
    """Check the request; return the page's domain-index match and every mention."""
    check_url(request.url, "body.url")
    check_limits(request, settings)
    match = snapshot.domains.lookup(request.url)
    mentions = snapshot.matcher.annotate(request.blocks) if any(request.blocks) else []
    return match, mentions


def mention_rule(mention: Mention) -> str:
    """The rule that found a mention: the profile's name, an alias, a surname after the full
    name earlier in the article, or an outlet cited in the text (by name or alias)."""
    return "cited_outlet" if mention.kind == "cited_outlet" else mention.match


def answer(
    request: AnnotateRequest,
    version: int,
    match: DomainMatch | None,
    mentions: list[Mention],
    cards: dict[str, Card],
) -> bytes:
    """Serialize the answer: each card, organization and citation once, by key."""
    lang = request.lang
    outlet = match.outlet if match and match.outlet in cards else None
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
            "outlet": outlet,
            "outlet_match": outlet_match(match) if match and outlet else None,
            "mentions": [
                {
                    "block": m.block,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "entities": [slug for slug in m.entities if slug in cards],
                    "kind": m.kind,
                    "match": m.match,
                    "rule": mention_rule(m),
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
    """Find the outlet and every mention and their cards; return the serialized answer (the
    same request again, on the same data version, is answered from the snapshot's cache)."""
    key = ("annotate", request.url, request.lang, tuple(request.blocks))
    cached = snapshot.cached_answer(key)
    if cached is not None:
        return cached  # the request passed the checks in `find` when it was first answered
    match, mentions = find(snapshot, request, settings)
    slugs = [match.outlet] if match else []
    slugs += [slug for m in mentions for slug in m.entities]
    cards = await cards_of(snapshot, sessions, slugs)
    body = answer(request, snapshot.version, match, mentions, cards)
    snapshot.remember_answer(key, body)
    return body
