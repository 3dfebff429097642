"""Cards missed by concurrent requests are built together, one build at a time."""

import asyncio
from contextlib import nullcontext

import pytest
from sqlmodel import Session

from api.annotate.snapshot import build_snapshot
from api.cards.card import Card
from api.cards.service import build_cards, cards_of
from tests import factories as f


def _people(session: Session, count: int) -> list[str]:
    cite = f.citation()
    people = [f.person([cite["key"]]) for _ in range(count)]
    f.seed(session, citations=[cite], people=people)
    return [p["slug"] for p in people]


def test_concurrent_misses_share_builds(session: Session) -> None:
    slugs = _people(session, 12)
    snapshot = build_snapshot(session)
    sessions = lambda: nullcontext(session)  # noqa: E731

    async def together() -> list[dict[str, Card]]:
        asked = [[slug, slugs[0]] for slug in slugs] + [["no-such-profile"]]
        return await asyncio.gather(*(cards_of(snapshot, sessions, a) for a in asked))

    answers = asyncio.run(together())
    assert [sorted(a) for a in answers[:-1]] == [sorted({s, slugs[0]}) for s in slugs]
    assert answers[-1] == {}
    assert snapshot.batcher.builds == 1  # one build for every request that missed meanwhile
    assert snapshot.cards_kept == 12
    for answer in answers[1:-1]:
        assert answer[slugs[0]] is answers[0][slugs[0]]  # built once, shared


def test_a_failed_build_fails_its_requests_and_not_the_next(session: Session) -> None:
    slugs = _people(session, 3)
    snapshot = build_snapshot(session)
    failing = True

    def build(batch: list[str]) -> dict[str, Card]:
        if failing:
            raise RuntimeError("the database went away")
        return build_cards(snapshot, lambda: nullcontext(session), batch)

    async def ask() -> list[dict[str, Card] | BaseException]:
        calls = (snapshot.batcher.cards([slug], build) for slug in slugs)
        return await asyncio.gather(*calls, return_exceptions=True)

    async def twice() -> tuple[list[dict[str, Card] | BaseException], dict[str, Card]]:
        nonlocal failing
        first = await ask()
        failing = False
        return first, await snapshot.batcher.cards(slugs, build)

    first, then = asyncio.run(twice())
    assert all(isinstance(r, RuntimeError) for r in first)
    assert sorted(then) == sorted(slugs)


def test_a_cancelled_request_leaves_the_others_their_cards(session: Session) -> None:
    slugs = _people(session, 2)
    snapshot = build_snapshot(session)
    sessions = lambda: nullcontext(session)  # noqa: E731

    async def cancel_one() -> dict[str, Card]:
        gone = asyncio.ensure_future(cards_of(snapshot, sessions, slugs))
        kept = asyncio.ensure_future(cards_of(snapshot, sessions, slugs))
        await asyncio.sleep(0)
        gone.cancel()
        with pytest.raises(asyncio.CancelledError):
            await gone
        return await kept

    assert sorted(asyncio.run(cancel_one())) == sorted(slugs)
