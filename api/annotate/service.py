"""Annotate an article: its outlet, the profiled names in its text, and their cards."""

from sqlmodel import Session

from api.annotate.matcher import Mention
from api.annotate.models import AnnotateRequest, AnnotateResponse, MentionPublic
from api.annotate.snapshot import Snapshot
from api.cards.service import cards_for
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


def public_mention(mention: Mention) -> MentionPublic:
    return MentionPublic(
        block=mention.block,
        start=mention.start,
        end=mention.end,
        text=mention.text,
        entities=list(mention.entities),
        kind=mention.kind,
        match=mention.match,
        ambiguous=mention.ambiguous,
    )


def annotate(
    session: Session, snapshot: Snapshot, request: AnnotateRequest, settings: Settings
) -> tuple[AnnotateResponse, list[Mention]]:
    """Find the outlet and every mention; return the response and the raw mentions."""
    check_url(request.url, "body.url")
    check_limits(request, settings)
    match = snapshot.domains.lookup(request.url)
    mentions = snapshot.matcher.annotate(request.blocks) if any(request.blocks) else []
    slugs = [match.outlet] if match else []
    slugs += [slug for m in mentions for slug in m.entities]
    cards = cards_for(session, snapshot, slugs, request.lang)
    outlet = cards.get(match.outlet) if match else None
    entities = {slug: cards[slug] for m in mentions for slug in m.entities if slug in cards}
    response = AnnotateResponse(
        url=request.url,
        data_version=snapshot.version,
        outlet=outlet,
        mentions=[public_mention(m) for m in mentions],
        entities=entities,
    )
    return response, mentions
