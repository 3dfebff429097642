"""Build the cards that concurrent requests miss together, in one build at a time."""

import asyncio
from collections.abc import Callable, Iterable

from starlette.concurrency import run_in_threadpool

from api.cards.card import Card

Build = Callable[[list[str]], dict[str, Card]]  # blocking: reads the database


class CardBatcher:
    """Gathers the slugs that requests wait for and builds them in one worker thread, one
    build at a time, each for every slug asked for since the last began.

    A card build costs a bounded number of queries whatever the number of slugs, so requests
    that miss at the same time share them; and one build thread at a time keeps builds from
    taking turns at the interpreter lock. A slug already being built is waited for, not built
    again. Used from one event loop; a call from another loop builds on its own.
    """

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiting: dict[str, asyncio.Future[Card | None]] = {}  # for the next build
        self._building: dict[str, asyncio.Future[Card | None]] = {}  # in the current build
        self._task: asyncio.Task[None] | None = None
        self.builds = 0  # how many builds ran

    async def cards(self, slugs: Iterable[str], build: Build) -> dict[str, Card]:
        """Return the cards of `slugs` that exist, built by `build` in a shared batch."""
        loop = asyncio.get_running_loop()
        if self._loop is None:
            self._loop = loop
        elif self._loop is not loop:
            return await run_in_threadpool(build, list(slugs))
        futures = {slug: self._future(loop, slug) for slug in slugs}
        if self._task is None:
            self._task = loop.create_task(self._drain(build))
        found: dict[str, Card] = {}
        for slug, future in futures.items():
            card = await asyncio.shield(future)  # a cancelled request leaves the batch alone
            if card is not None:
                found[slug] = card
        return found

    def _future(self, loop: asyncio.AbstractEventLoop, slug: str) -> "asyncio.Future[Card | None]":
        future = self._building.get(slug) or self._waiting.get(slug)
        if future is None:
            future = self._waiting[slug] = loop.create_future()
        return future

    async def _drain(self, build: Build) -> None:
        try:
            while self._waiting:
                self._building, self._waiting = self._waiting, {}
                batch = self._building
                self.builds += 1
                try:
                    built = await run_in_threadpool(build, list(batch))
                except Exception as exc:  # every request of the batch answers with it
                    for future in batch.values():
                        if not future.done():
                            future.set_exception(exc)
                    continue
                except BaseException:  # cancelled (the loop is closing): so are the waiters
                    for future in (*batch.values(), *self._waiting.values()):
                        future.cancel()
                    raise
                for slug, future in batch.items():
                    if not future.done():
                        future.set_result(built.get(slug))
        finally:
            self._building = {}
            self._task = None
