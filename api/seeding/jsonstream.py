"""Read seed records out of JSON as it streams (an incremental parser), one record at a time,
with every problem of shape or syntax named by its place."""

import re
from collections.abc import Callable, Iterator
from typing import IO, Any

import ijson

from api.seeding.records import SECTIONS, RawRecord

MAX_DEPTH = 64  # nesting a record may have; no seed field comes close

# An escape the fast parser cannot be trusted with: a surrogate without its partner (it would
# turn a lone high one into "?"), or NUL. Backslash parity is ignored: a false alarm only
# sends the text through the exact, slower parser.
_SUSPECT = re.compile(
    rb"\\u0000|\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
_HINT = re.compile(rb"\\u(?:0000|[dD][89a-fA-F])")  # a cheap first look for the same
TAIL = 12  # bytes of the previous chunk to search again, so no escape is split unseen

Problem = Callable[[str, str], Exception]  # (place, what is wrong) → the error to raise


def suspect(window: bytes) -> bool:
    """Whether JSON text holds an escape that needs the exact parser (and a text check)."""
    return _HINT.search(window) is not None and _SUSPECT.search(window) is not None


class NotUtf8(Exception):
    """The JSON text is not UTF-8."""


class JsonEvents:
    """The events of one JSON text, checked as they come: `problem` makes the error for a
    place, `exact` picks the pure-Python parser (exact for lone surrogates) over the fast one."""

    def __init__(self, stream: IO[bytes], problem: Problem, where: str, *, exact: bool) -> None:
        backend = ijson.get_backend("python") if exact else ijson
        self.events = backend.basic_parse(stream, use_float=True)
        self.problem = problem
        self.where = where

    def next(self) -> tuple[str, Any]:
        """The next event; a syntax error or an early end is a problem at the top."""
        try:
            event: tuple[str, Any] = next(self.events)
        except StopIteration:
            raise self.problem(self.where, "not valid JSON (it ends early)") from None
        except ijson.JSONError as exc:
            text = str(exc).splitlines()[0] if str(exc) else "malformed"
            if "UTF8" in text or "UTF-8" in text:
                raise NotUtf8(text) from exc
            raise self.problem(self.where, f"not valid JSON: {text}") from exc
        except UnicodeDecodeError as exc:
            raise NotUtf8(str(exc)) from exc
        return event

    def end(self) -> None:
        """Refuse anything after the top-level value."""
        try:
            extra = next(self.events, None)
        except ijson.JSONError as exc:
            raise self.problem(self.where, "not valid JSON: data after the end") from exc
        if extra is not None:
            raise self.problem(self.where, "not valid JSON: data after the end")

    def value(self, start: tuple[str, Any], depth: int = 1) -> Any:
        """Build the value that `start` opens."""
        kind, value = start
        if kind not in ("start_map", "start_array"):
            return value
        if depth > MAX_DEPTH:
            raise self.problem(self.where, f"nested deeper than {MAX_DEPTH} levels")
        if kind == "start_map":
            mapping: dict[str, Any] = {}
            while (event := self.next())[0] == "map_key":
                mapping[event[1]] = self.value(self.next(), depth + 1)
            return mapping
        items = []
        while (event := self.next())[0] != "end_array":
            items.append(self.value(event, depth + 1))
        return items

    def sections(self, label: str, place: str, name: Callable[[Any], str]) -> Iterator[RawRecord]:
        """Yield the records of one seed file's mapping (its `{` already read): its three
        sections, and its name (checked by `name`), which labels the records after it."""
        seen: set[str] = set()
        while (event := self.next())[0] == "map_key":
            key = event[1]
            if key in seen:
                raise self.problem(f"{place}.{key}", "given twice")
            seen.add(key)
            if key == "name":
                label = name(self.value(self.next()))
            elif key in SECTIONS:
                if self.next()[0] != "start_array":
                    raise self.problem(f"{place}.{key}", "must be a list")
                index = 0
                while (item := self.next())[0] != "end_array":
                    yield RawRecord(label, key, index, self.value(item))
                    index += 1
            else:
                expected = ", ".join(("name", *SECTIONS))
                raise self.problem(f"{place}.{key}", f"unknown field (expected {expected})")
