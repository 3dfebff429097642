"""The published data a replica serves from memory — matcher and domain index — and the
background refresher that rebuilds it when the database's data version moves."""

import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from api.annotate.matcher import Matcher, NameEntry
from api.annotate.pack import NamePack
from api.cards.batch import CardBatcher
from api.cards.buckets import CardBuckets
from api.cards.build import OrgGraph
from api.cards.card import Card, dumps
from api.http_cache import strong_etag
from api.organizations.models import Organization, OutletDomain
from api.outlets.urls import DomainIndex
from api.people.models import Person
from api.profiles.projection import table
from api.revisions.service import data_version

log = logging.getLogger("provnotes.snapshot")
CARD_CACHE_SIZE = 4096
ANSWER_CACHE_BYTES = 16 * 2**20  # answers and the requests they answer, kept per snapshot
ANSWER_CACHE_SIZE = 2048
# The route and what it was asked: ("annotate", url, lang, blocks) or ("lookup", url, lang).
AnswerKey = tuple[str, str, str | None] | tuple[str, str, str | None, tuple[str, ...]]


@dataclass
class Snapshot:
    """Everything built from one data version; immutable once published to requests."""

    version: int
    matcher: Matcher
    domains: DomainIndex
    domain_rows: list[dict[str, Any]]
    built_seconds: float
    graph: OrgGraph = field(default_factory=OrgGraph)
    batcher: CardBatcher = field(default_factory=CardBatcher)  # builds the cards not kept
    _cards: OrderedDict[str, Card] = field(default_factory=OrderedDict)
    _answers: OrderedDict[AnswerKey, tuple[bytes, int]] = field(default_factory=OrderedDict)
    _answer_bytes: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @cached_property
    def index_body(self) -> bytes:
        """The `/v1/index` document of this version, serialized once."""
        return dumps({"data_version": self.version, "domains": self.domain_rows})

    @cached_property
    def index_etag(self) -> str:
        return strong_etag(self.index_body)

    @cached_property
    def name_pack(self) -> NamePack:
        """The `/v1/names` document of this version, serialized and compressed once (by the
        refresher, right after it publishes the snapshot: see `SnapshotHolder`)."""
        return NamePack(self.matcher, self.version)

    @property
    def pack_ready(self) -> bool:
        """Whether the name pack is built, so a request can take it without waiting."""
        return "name_pack" in self.__dict__

    @cached_property
    def card_buckets(self) -> CardBuckets:
        """Which entities each card bucket (`/v1/cards/bucket/{prefix}`) holds in this version."""
        return CardBuckets(self.version, self.matcher.kinds)

    @property
    def cards_kept(self) -> int:
        """How many cards the cache holds."""
        return len(self._cards)

    def cached_card(self, slug: str) -> Card | None:
        """The card of `slug` built for this data version, if it is still in the cache."""
        with self._lock:
            card = self._cards.get(slug)
            if card is not None:
                self._cards.move_to_end(slug)
            return card

    def remember_card(self, slug: str, card: Card) -> None:
        with self._lock:
            self._cards[slug] = card
            while len(self._cards) > CARD_CACHE_SIZE:
                self._cards.popitem(last=False)

    @property
    def answers_kept(self) -> tuple[int, int]:
        """How many answers the cache holds, and their size with their requests."""
        return len(self._answers), self._answer_bytes

    def cached_answer(self, key: AnswerKey) -> bytes | None:
        """The serialized answer of a public route to the same request, if still kept."""
        with self._lock:
            found = self._answers.get(key)
            if found is None:
                return None
            self._answers.move_to_end(key)
            return found[0]

    def remember_answer(self, key: AnswerKey, body: bytes) -> None:
        """Keep an answer that depends only on the request and this data version, forgetting
        the least recently used beyond ANSWER_CACHE_SIZE or ANSWER_CACHE_BYTES."""
        size = len(body) + sum(len(part or "") for part in key[:3])
        size += sum(map(len, key[3])) if len(key) == 4 else 0
        if size > ANSWER_CACHE_BYTES // 16:
            return  # a very long article would push out many ordinary ones
        with self._lock:
            old = self._answers.pop(key, None)
            self._answer_bytes += size - (old[1] if old else 0)
            self._answers[key] = (body, size)
            while len(self._answers) > ANSWER_CACHE_SIZE or self._answer_bytes > ANSWER_CACHE_BYTES:
                _, (_, dropped) = self._answers.popitem(last=False)
                self._answer_bytes -= dropped


def build_snapshot(session: Session) -> Snapshot:
    """Read every published name and domain and build the matcher and the domain index; read
    the organization graph the cards' state ties are searched in."""
    started = time.perf_counter()
    version = data_version(session)
    orgs, people, domains = table(Organization), table(Person), table(OutletDomain)
    entries = [
        NameEntry(slug, "organization", kind, name, tuple(aliases or ()), tuple(exclude or ()))
        for slug, kind, name, aliases, exclude in session.execute(
            select(orgs.c.slug, orgs.c.kind, orgs.c.name, orgs.c.aliases, orgs.c.exclude)
        )
    ]
    entries += [
        NameEntry(slug, "person", "person", name, tuple(aliases or ()), tuple(exclude or ()), by)
        for slug, name, aliases, exclude, by in session.execute(
            select(
                people.c.slug,
                people.c.name,
                people.c.aliases,
                people.c.exclude,
                people.c.match_surname,
            )
        )
    ]
    domain_rows = [
        {"host": host, "path_prefix": prefix or None, "outlet": slug}
        for host, prefix, slug in session.execute(
            select(domains.c.host, domains.c.path_prefix, orgs.c.slug)
            .join(orgs, orgs.c.id == domains.c.organization_id)
            .order_by(domains.c.host, domains.c.path_prefix)
        )
    ]
    graph = OrgGraph.read(session)
    matcher = Matcher.build(entries)
    index = DomainIndex.build([(d["host"], d["path_prefix"], d["outlet"]) for d in domain_rows])
    return Snapshot(version, matcher, index, domain_rows, time.perf_counter() - started, graph)


class SnapshotHolder:
    """Serves the current snapshot and swaps in a new one, built in the background, once the
    data version changes; requests keep using the old one until then.

    Once a snapshot is published, the same background thread builds its name pack, which
    takes seconds with many names: requests are served meanwhile, and the first `/v1/names`
    after that finds the pack ready."""

    def __init__(self, engine: Engine, poll_seconds: float) -> None:
        self.engine = engine
        self.poll_seconds = poll_seconds
        self._current: Snapshot | None = None
        self._build_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def ready(self) -> Snapshot | None:
        """Return the snapshot to serve, or None while the first one is not built yet."""
        return self._current

    def current(self) -> Snapshot:
        """Return the snapshot to serve, building the first one on demand."""
        snapshot = self._current
        if snapshot is None:
            with self._build_lock:
                if self._current is None:
                    self._current = self._build()
                snapshot = self._current
        return snapshot

    def refresh(self) -> bool:
        """Rebuild if the data version moved; return whether a new snapshot was swapped in."""
        with Session(self.engine) as session:
            version = data_version(session)
        current = self._current
        if current is not None and current.version == version:
            return False
        with self._build_lock:
            fresh = self._build()
            self._current = fresh
        log.info(
            "snapshot v%s built in %.2fs (%d names)",
            fresh.version,
            fresh.built_seconds,
            len(fresh.matcher),
        )
        return True

    def prepare(self) -> None:
        """Build the current snapshot's name pack, if it has none yet."""
        snapshot = self._current
        if snapshot is not None and not snapshot.pack_ready:
            started = time.perf_counter()
            pack = snapshot.name_pack
            log.info(
                "name pack v%s built in %.2fs (%d bytes)",
                snapshot.version,
                time.perf_counter() - started,
                len(pack.body),
            )

    def _build(self) -> Snapshot:
        with Session(self.engine) as session:
            connection = session.connection()
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            return build_snapshot(session)

    def start(self) -> None:
        """Poll the data version in a daemon thread until `stop()`."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="snapshot-refresher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def _run(self) -> None:
        delay = 0.0  # build the first snapshot right away, then poll
        while not self._stop.wait(delay):
            delay = self.poll_seconds
            try:
                self.refresh()
                self.prepare()
            except Exception:  # keep serving the old snapshot; try again next tick
                log.exception(
                    "snapshot refresh failed; serving version %s",
                    self._current.version if self._current else None,
                )
