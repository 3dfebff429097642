"""Card buckets: every card whose entity key starts with a short hash prefix, so a client can
fetch the cards of the names it found on a page without saying which names those were.

An entity's key is the SHA-256 of its slug (the stable public id) in lower-case hex. A client
asks for the bucket of a key's first `prefix_length` characters and receives the cards of every
entity in it. The length is the longest (1 to 4) at which every one of the 16^n buckets holds at
least `MIN_BUCKET` entities, so a bucket never narrows a page down to fewer than that many
profiles; with fewer than 16 × MIN_BUCKET entities it is 1.
"""

import gzip
import hashlib
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

import orjson

from api.cards.card import Card, dumps
from api.http_cache import strong_etag

HASH = "sha256"
MIN_BUCKET = 8
MAX_PREFIX = 4
RENDERED_KEPT = 512  # serialized buckets kept per data version (prefix × note language)


def entity_key(slug: str) -> str:
    """The public key of an entity: the SHA-256 of its slug, in lower-case hex."""
    return hashlib.sha256(slug.encode("utf-8")).hexdigest()


def prefix_length(keys: Iterable[str]) -> int:
    """The longest prefix length (1 to MAX_PREFIX) at which every bucket holds MIN_BUCKET keys."""
    keys = list(keys)
    chosen = 1
    for length in range(2, MAX_PREFIX + 1):
        counts = Counter(key[:length] for key in keys)
        if len(counts) < 16**length or min(counts.values()) < MIN_BUCKET:
            break
        chosen = length
    return chosen


@dataclass(frozen=True)
class Rendered:
    """One bucket's answer, plain and gzip-compressed, each with its strong tag."""

    body: bytes
    etag: str
    gzip: bytes
    gzip_etag: str

    @classmethod
    def of(cls, body: bytes) -> "Rendered":
        packed = gzip.compress(body, compresslevel=6, mtime=0)
        return cls(body, strong_etag(body), packed, strong_etag(packed))


class CardBuckets:
    """The buckets of one data version: which slugs each holds, and answers once rendered."""

    def __init__(self, version: int, slugs: Iterable[str]) -> None:
        self.version = version
        keyed = {slug: entity_key(slug) for slug in slugs}
        self.length = prefix_length(keyed.values())
        self.members: dict[str, list[str]] = {}
        for slug, key in sorted(keyed.items()):
            self.members.setdefault(key[: self.length], []).append(slug)
        sizes = [len(self.members.get(p, [])) for p in self.prefixes()]
        self.smallest = min(sizes)
        self.largest = max(sizes)
        self.entities = len(keyed)
        self._rendered: OrderedDict[tuple[str, tuple[str | None, ...]], Rendered] = OrderedDict()
        self._lock = threading.Lock()

    def prefixes(self) -> list[str]:
        """Every bucket's prefix at this length."""
        return [format(n, f"0{self.length}x") for n in range(16**self.length)]

    def scheme(self) -> bytes:
        """The `GET /v1/cards` document: how keys are made and how long a bucket's prefix is."""
        return dumps(
            {
                "data_version": self.version,
                "hash": HASH,
                "key": "slug",
                "prefix_length": self.length,
                "buckets": 16**self.length,
                "entities": self.entities,
                "smallest_bucket": self.smallest,
                "largest_bucket": self.largest,
            }
        )

    def render(self, prefix: str, lang: str | None, cards: dict[str, Card]) -> Rendered:
        """The bucket's answer for `lang`: its cards in compact form, each organization and
        citation once, by key (as `POST /v1/annotate` sends them)."""
        slugs = [s for s in self.members.get(prefix, []) if s in cards]
        key = (prefix, tuple(cards[s].note_lang(lang) for s in slugs))
        with self._lock:
            kept = self._rendered.get(key)
            if kept is not None:
                self._rendered.move_to_end(key)
                return kept
        organizations: dict[str, object] = {}
        citations: dict[str, object] = {}
        for slug in slugs:
            organizations.update(cards[slug].organizations)
            citations.update(cards[slug].short_sources)
        body = {
            "data_version": self.version,
            "prefix": prefix,
            "entities": {s: orjson.Fragment(cards[s].compact(lang)) for s in slugs},
            "organizations": organizations,
            "citations": citations,
        }
        rendered = Rendered.of(dumps(body))
        with self._lock:
            self._rendered[key] = rendered
            while len(self._rendered) > RENDERED_KEPT:
                self._rendered.popitem(last=False)
        return rendered
