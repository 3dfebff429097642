"""Answers kept per snapshot: the same annotate or lookup request again gets the same bytes."""

import asyncio
from contextlib import nullcontext

import orjson
import pytest
from sqlmodel import Session

from api.annotate import snapshot as snapshots
from api.annotate.models import AnnotateRequest
from api.annotate.service import annotate
from api.annotate.snapshot import Snapshot, build_snapshot
from api.errors import InvalidInput, PayloadTooLarge
from api.outlets.service import lookup_body
from tests import factories as f
from tests.support import make_settings

URL = "https://news.example/story"


def _snapshot(session: Session) -> Snapshot:
    cite = f.citation()
    person = f.person([cite["key"]], name="Ada Lovelace", slug="ada-lovelace")
    f.seed(session, citations=[cite], people=[person])
    return build_snapshot(session)


def _annotate(session: Session, snapshot: Snapshot, **fields: object) -> bytes:
    request = AnnotateRequest.model_validate({"url": URL, **fields})
    sessions = lambda: nullcontext(session)  # noqa: E731
    return asyncio.run(annotate(snapshot, sessions, request, make_settings(max_blocks=5)))


def test_the_same_request_is_answered_from_the_cache(session: Session) -> None:
    snapshot = _snapshot(session)
    first = _annotate(session, snapshot, lang="en", blocks=["Ada Lovelace wrote."])
    assert snapshot.answers_kept[0] == 1
    again = _annotate(session, snapshot, lang="en", blocks=["Ada Lovelace wrote."])
    assert again is first  # the very bytes: nothing was matched or serialized again
    assert [m["entities"] for m in orjson.loads(first)["mentions"]] == [["ada-lovelace"]]
    other = _annotate(session, snapshot, lang="fr", blocks=["Ada Lovelace wrote."])
    assert other is not first
    assert snapshot.answers_kept[0] == 2
    split = _annotate(session, snapshot, lang="en", blocks=["Ada", "Lovelace wrote."])
    assert orjson.loads(split)["mentions"] != orjson.loads(first)["mentions"]
    assert snapshot.answers_kept[0] == 3


def test_a_refused_request_is_not_kept(session: Session) -> None:
    snapshot = _snapshot(session)
    for _ in range(2):
        with pytest.raises(PayloadTooLarge):
            _annotate(session, snapshot, blocks=["Ada Lovelace"] * 6)
    assert snapshot.answers_kept == (0, 0)


def test_the_cache_forgets_the_oldest_beyond_its_bytes(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    snapshot = _snapshot(session)
    monkeypatch.setattr(snapshots, "ANSWER_CACHE_BYTES", 16 * 6000)
    texts = [f"{i} Ada Lovelace " + "x" * 3000 for i in range(30)]
    bodies = [_annotate(session, snapshot, blocks=[text]) for text in texts]
    count, size = snapshot.answers_kept
    assert 0 < count < 30
    assert size <= 16 * 6000
    assert _annotate(session, snapshot, blocks=[texts[-1]]) is bodies[-1]
    oldest = _annotate(session, snapshot, blocks=[texts[0]])
    assert oldest == bodies[0]
    assert oldest is not bodies[0]
    long = "Ada Lovelace " + "y" * 8000  # more than a sixteenth of the bound: never kept
    assert orjson.loads(_annotate(session, snapshot, blocks=[long]))["mentions"]
    assert snapshot.cached_answer(("annotate", URL, None, (long,))) is None


def test_a_lookup_is_answered_from_the_cache(session: Session) -> None:
    cite = f.citation()
    outlet = f.outlet([cite["key"]])
    f.seed(session, citations=[cite], organizations=[outlet])
    snapshot = build_snapshot(session)
    sessions = lambda: nullcontext(session)  # noqa: E731
    page = f"https://www.{outlet['slug']}.example/a"
    first = asyncio.run(lookup_body(snapshot, sessions, page, "en"))
    assert orjson.loads(first)["outlet"]["slug"] == outlet["slug"]
    assert asyncio.run(lookup_body(snapshot, sessions, page, "en")) is first
    assert asyncio.run(lookup_body(snapshot, sessions, page, "de")) is not first
    for _ in range(2):
        with pytest.raises(InvalidInput):
            asyncio.run(lookup_body(snapshot, sessions, "ftp://www.paper.example/a", None))
    assert snapshot.answers_kept[0] == 2
