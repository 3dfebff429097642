"""Read Wikidata items from files: Special:EntityData JSON and line-delimited dump subsets."""

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from api.errors import InvalidInput

RANKS = ("preferred", "normal", "deprecated")


class WikidataProblem(InvalidInput):
    """A file that is not Wikidata entity data, with the place that is wrong."""


@dataclass(frozen=True, slots=True)
class Value:
    """A statement's or qualifier's value: an item id, a string, or a time with its precision."""

    item: str | None = None
    text: str | None = None
    time: str | None = None  # "+2013-12-09T00:00:00Z"
    precision: int = 11  # 9 year, 10 month, 11 day

    def partial_date(self) -> str | None:
        """The time as an ISO date cut to its precision (2013, 2013-12, 2013-12-09)."""
        if not self.time:
            return None
        digits = self.time.lstrip("+").split("T")[0]
        if digits.startswith("-"):
            return None  # years before the common era are not dates the format takes
        year, month, day = [*digits.split("-"), "00", "00"][:3]
        if self.precision <= 9 or month == "00":
            return year.zfill(4)
        if self.precision == 10 or day == "00":
            return f"{year.zfill(4)}-{month}"
        return f"{year.zfill(4)}-{month}-{day}"


@dataclass(frozen=True, slots=True)
class Statement:
    value: Value
    rank: str = "normal"
    qualifiers: dict[str, tuple[Value, ...]] = field(default_factory=dict)

    def qualifier_date(self, pid: str) -> str | None:
        values = self.qualifiers.get(pid, ())
        return values[0].partial_date() if values else None


@dataclass
class Entity:
    """One Wikidata item as the importer uses it."""

    qid: str
    revision: int | None = None
    modified: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    claims: dict[str, list[Statement]] = field(default_factory=dict)

    def statements(self, pid: str) -> list[Statement]:
        """Statements of a property, deprecated ones left out."""
        return [s for s in self.claims.get(pid, []) if s.rank != "deprecated"]

    def best(self, pid: str) -> list[Statement]:
        """The best-ranked statements of a property: preferred ones if any, else normal ones."""
        kept = self.statements(pid)
        preferred = [s for s in kept if s.rank == "preferred"]
        return preferred or kept

    def items(self, pid: str) -> list[str]:
        return [s.value.item for s in self.best(pid) if s.value.item]


def _value(snak: Any, where: str) -> Value | None:
    if not isinstance(snak, dict):
        raise WikidataProblem(f"{where}: a snak must be an object")
    if snak.get("snaktype", "value") != "value":
        return None  # "somevalue" / "novalue" state nothing a profile can use
    data = (snak.get("datavalue") or {}).get("value")
    if isinstance(data, dict) and "id" in data:
        return Value(item=str(data["id"]))
    if isinstance(data, dict) and "numeric-id" in data:
        return Value(item=f"Q{data['numeric-id']}")
    if isinstance(data, dict) and "time" in data:
        return Value(time=str(data["time"]), precision=int(data.get("precision", 11)))
    if isinstance(data, str):
        return Value(text=data)
    return None


def _statement(raw: Any, where: str) -> Statement | None:
    if not isinstance(raw, dict) or "mainsnak" not in raw:
        raise WikidataProblem(f"{where}: a statement needs a mainsnak")
    value = _value(raw["mainsnak"], f"{where}.mainsnak")
    if value is None:
        return None
    rank = raw.get("rank", "normal")
    if rank not in RANKS:
        raise WikidataProblem(f"{where}.rank: unknown rank {rank!r}")
    qualifiers: dict[str, tuple[Value, ...]] = {}
    for pid, snaks in (raw.get("qualifiers") or {}).items():
        values = [_value(s, f"{where}.qualifiers.{pid}") for s in snaks or []]
        qualifiers[pid] = tuple(v for v in values if v is not None)
    return Statement(value, rank, qualifiers)


def parse_entity(raw: Any, where: str) -> Entity:
    """Turn one entity object (as in EntityData or a dump line) into an Entity."""
    if not isinstance(raw, dict) or not str(raw.get("id", "")).startswith("Q"):
        raise WikidataProblem(f"{where}: not a Wikidata item (no 'id' like Q42)")
    qid = str(raw["id"])
    entity = Entity(qid=qid, revision=raw.get("lastrevid"), modified=raw.get("modified"))
    for lang, label in (raw.get("labels") or {}).items():
        if isinstance(label, dict) and label.get("value"):
            entity.labels[lang] = str(label["value"])
    for lang, items in (raw.get("aliases") or {}).items():
        entity.aliases[lang] = [str(a["value"]) for a in items or [] if a.get("value")]
    for lang, text in (raw.get("descriptions") or {}).items():
        if isinstance(text, dict) and text.get("value"):
            entity.descriptions[lang] = str(text["value"])
    for pid, statements in (raw.get("claims") or {}).items():
        parsed = [
            _statement(s, f"{where}.claims.{pid}[{i}]") for i, s in enumerate(statements or [])
        ]
        entity.claims[pid] = [s for s in parsed if s is not None]
    return entity


def _dump_lines(lines: Iterable[str], name: str) -> Iterator[Entity]:
    for number, line in enumerate(lines, 1):
        text = line.strip().rstrip(",")
        if text in ("", "[", "]"):
            continue
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise WikidataProblem(f"{name}: line {number}: invalid JSON: {exc.msg}") from exc
        yield parse_entity(raw, f"{name}: line {number}")


def _first_line_is_an_entity(peek: str) -> bool:
    line = next(
        (x.strip().rstrip(",") for x in peek.splitlines() if x.strip() not in ("", "[")), ""
    )
    try:
        return isinstance(json.loads(line), dict) and "id" in json.loads(line)
    except json.JSONDecodeError:
        return False


def read_entity_file(path: Path) -> Iterator[Entity]:
    """Yield the items of a file: EntityData JSON, a SPARQL results JSON, or a line-delimited
    dump subset (read line by line, one item in memory at a time)."""
    name = path.name
    try:
        with path.open(encoding="utf-8") as handle:
            peek = handle.read(65536)
            handle.seek(0)
            if _first_line_is_an_entity(peek):
                yield from _dump_lines(handle, name)
                return
            content = json.load(handle)
    except OSError as exc:
        raise WikidataProblem(f"{name}: cannot read: {exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WikidataProblem(f"{name}: not Wikidata JSON: {exc}") from exc
    yield from entities_from_content(content, name)


def entities_from_content(content: Any, name: str) -> Iterator[Entity]:
    """Yield the items of one parsed JSON document: EntityData or SPARQL results."""
    from api.importers.wikidata.sparql import sparql_entities

    if isinstance(content, dict) and "results" in content and "head" in content:
        yield from sparql_entities(content, name)
    else:
        yield from _entity_data(content, name)


def _entity_data(content: Any, name: str) -> Iterator[Entity]:
    entities = content.get("entities") if isinstance(content, dict) else None
    if not isinstance(entities, dict):
        raise WikidataProblem(f"{name}: an EntityData file has an 'entities' object")
    for key, raw in entities.items():
        yield parse_entity(raw, f"{name}: entities.{key}")
