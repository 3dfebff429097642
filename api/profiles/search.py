"""Accent- and case-folded search text, and the searchable facts of a document snapshot."""

import unicodedata
from typing import Any

# Letters that do not decompose into a base letter plus a combining mark.
_EXTRA = str.maketrans({"ı": "i", "ø": "o", "đ": "d", "ł": "l", "ħ": "h", "æ": "ae", "œ": "oe"})


def fold(text: str) -> str:
    """Fold accents and case: 'Başlamış' and 'BASLAMIS' both become 'baslamis'."""
    if text.isascii():  # nothing to decompose or translate: the same as the steps below
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).translate(_EXTRA)


def _searchable(names: list[str]) -> str:
    """Every name folded, between bars: `|name|alias|slug|`."""
    joined = "|".join(n for n in names if n)
    if joined.isascii():  # lower() folds ASCII letter by letter: the whole text at once
        return f"|{joined.lower()}|"
    return "|" + "|".join(fold(n) for n in names if n) + "|"


SEARCH_COLUMNS = ("label", "search_text", "kind", "country", "category")


def search_values(
    entity_type: str, slug: str, snapshot: dict[str, Any] | None
) -> tuple[Any, ...] | None:
    """Return the document columns that list and search read, for one snapshot, in the order
    of SEARCH_COLUMNS (None for no snapshot)."""
    if not snapshot:
        return None
    if entity_type == "citation":
        names = [snapshot.get("title", ""), snapshot.get("publisher", ""), slug]
        names += [snapshot.get("url", ""), snapshot.get("archive_url", "")]
        return snapshot.get("title"), _searchable(names), None, None, None
    names = [snapshot.get("name", ""), *snapshot.get("aliases", ()), slug]
    for domain in snapshot.get("domains", ()):
        names += [domain["host"], domain["host"] + domain.get("path_prefix", "")]
    if snapshot.get("website"):
        names.append(snapshot["website"])
    category = snapshot.get("category")
    return (
        snapshot.get("name"),
        _searchable(names),
        snapshot.get("kind", "person"),
        snapshot.get("country"),
        category.get("value") if category else None,
    )


def search_fields(entity_type: str, slug: str, snapshot: dict[str, Any] | None) -> dict[str, Any]:
    """Return the document columns that list and search read, for one snapshot (by name; none
    for no snapshot)."""
    values = search_values(entity_type, slug, snapshot)
    return {} if values is None else dict(zip(SEARCH_COLUMNS, values, strict=True))


def like_pattern(query: str, whole: bool = False) -> str:
    """Return a LIKE pattern (escape character `\\`) that finds `query` anywhere, folded (or
    only as one whole searchable name, with `whole`)."""
    escaped = fold(query.strip()).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%|{escaped}|%" if whole else f"%{escaped}%"


def query_host(query: str) -> str | None:
    """Return the host a search text names, when it is a URL or a bare domain
    (`https://www.sputniknews.africa/x` and `sputniknews.africa` both give the host)."""
    text = query.strip().lower()
    if "://" in text:
        text = text.split("://", 1)[1]
    host = text.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].split(":", 1)[0]
    host = host.removeprefix("www.").rstrip(".")
    if "." not in host or " " in host or not host.replace(".", "").replace("-", "").isalnum():
        return None
    return host
