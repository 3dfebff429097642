"""Read SPARQL 1.1 query results (JSON) from the Wikidata Query Service as items."""

from collections.abc import Iterator
from typing import Any

from api.importers.wikidata.entities import Entity, Statement, Value, WikidataProblem

ENTITY_PREFIX = "http://www.wikidata.org/entity/"
RANK_PREFIX = "http://wikiba.se/ontology#"
# Variable names a query may use for the properties the importer reads (or the PIDs themselves).
VARIABLES: dict[str, str] = {
    "instance": "P31",
    "country": "P17",
    "website": "P856",
    "owner": "P127",
    "parent": "P749",
    "employer": "P108",
    "affiliation": "P1416",
    "countryCode": "P297",
}
RELATIONS = ("P127", "P749", "P108", "P1416")
QUALIFIERS = {"start": "P580", "end": "P582", "P580": "P580", "P582": "P582"}


def _qid(term: dict[str, Any]) -> str | None:
    value = str(term.get("value", ""))
    if term.get("type") == "uri" and value.startswith(ENTITY_PREFIX):
        return value.removeprefix(ENTITY_PREFIX)
    return None


def _time(term: dict[str, Any]) -> Value:
    text = str(term.get("value", ""))
    return Value(time=text if text.startswith(("+", "-")) else "+" + text, precision=11)


def _value(pid: str, term: dict[str, Any]) -> Value | None:
    if pid in ("P856", "P297"):
        return Value(text=str(term.get("value", ""))) if term.get("value") else None
    qid = _qid(term)
    return Value(item=qid) if qid else None


def _add(entity: Entity, pid: str, statement: Statement) -> None:
    listed = entity.claims.setdefault(pid, [])
    if statement not in listed:
        listed.append(statement)


def _row(entity: Entity, row: dict[str, Any]) -> None:
    for var, term in row.items():
        lang = term.get("xml:lang", "en")
        text = str(term.get("value", ""))
        if var in ("itemLabel", "label") and text:
            entity.labels.setdefault(lang, text)
        elif var in ("alias", "itemAltLabel") and text:
            parts = text.split(", ") if var == "itemAltLabel" else [text]
            listed = entity.aliases.setdefault(lang, [])
            listed += [p for p in parts if p and p not in listed]
        elif var in ("itemDescription", "description") and text:
            entity.descriptions.setdefault(lang, text)
        elif var in ("rev", "revision") and text.isdigit():
            entity.revision = int(text)
        elif var == "modified":
            entity.modified = text
    rank = str((row.get("rank") or {}).get("value", RANK_PREFIX + "NormalRank"))
    rank = rank.removeprefix(RANK_PREFIX).removesuffix("Rank").lower()
    qualifiers: dict[str, tuple[Value, ...]] = {
        pid: (_time(row[var]),) for var, pid in QUALIFIERS.items() if var in row
    }
    for var, term in row.items():
        pid = VARIABLES.get(var, var if var[:1] == "P" and var[1:].isdigit() else "")
        if not pid or pid in ("P580", "P582"):
            continue
        value = _value(pid, term)
        if value is None:
            continue
        if pid in RELATIONS:
            _add(entity, pid, Statement(value, rank, qualifiers))
        else:
            _add(entity, pid, Statement(value))


def sparql_entities(content: dict[str, Any], name: str) -> Iterator[Entity]:
    """Group result rows by their `item` and yield one item each, in first-seen order."""
    bindings = (content.get("results") or {}).get("bindings")
    if not isinstance(bindings, list):
        raise WikidataProblem(f"{name}: SPARQL results need results.bindings")
    found: dict[str, Entity] = {}
    for index, row in enumerate(bindings):
        if not isinstance(row, dict) or not isinstance(row.get("item"), dict):
            raise WikidataProblem(f"{name}: results.bindings[{index}]: no ?item variable")
        qid = _qid(row["item"])
        if qid is None:
            raise WikidataProblem(f"{name}: results.bindings[{index}].item: not a Wikidata item")
        entity = found.setdefault(qid, Entity(qid=qid))
        _row(entity, row)
    yield from found.values()
