"""Validation at the edge: refuse text no database column can hold (NUL characters, lone UTF-16
surrogates) in the path, the query or a JSON body, before any route sees it."""

import json
import re
from collections.abc import Iterator
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.common import loc_text
from api.middleware import send_error

# A JSON escape for NUL or a surrogate, outside an escaped backslash (a pair is matched whole).
_ESCAPE = re.compile(
    rb"(?<!\\)(?:\\\\)*\\u(?:(?P<nul>0000)|(?P<high>[dD][89abAB][0-9a-fA-F]{2})"
    rb"(?P<pair>\\u[dD][c-fC-F][0-9a-fA-F]{2})?|(?P<low>[dD][c-fC-F][0-9a-fA-F]{2}))"
)
_BAD_CHAR = re.compile("[\x00\ud800-\udfff]")
# What every such escape begins with: a cheap search that rules out almost every body, since
# the escape pattern above must be tried at each backslash of a text full of `\u00fc`.
_SUSPECT = re.compile(rb"\\u(?:0000|[dD][89a-fA-F])")
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def bad_text(value: str) -> str | None:
    """Say what is wrong with a string no column can store, or None when it is fine."""
    found = _BAD_CHAR.search(value)
    if found is None:
        return None
    if found.group() == "\x00":
        return "must not contain NUL characters (U+0000)"
    return "must not contain unpaired UTF-16 surrogates (U+D800–U+DFFF)"


def _walk(value: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        if (problem := bad_text(value)) is not None:
            yield loc, problem
    elif isinstance(value, dict):
        for key, item in value.items():
            if (problem := bad_text(key)) is not None:
                yield (*loc, key.encode("unicode_escape").decode()), f"a key {problem}"
            yield from _walk(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*loc, index))


def body_problems(body: bytes) -> list[dict[str, str]]:
    """Locate NUL characters and lone surrogates in a JSON body (cheap when there are none)."""
    if b"\\u" not in body or not _might_hold_bad_escape(body):
        return []
    try:
        parsed = json.loads(body)
        found = list(_walk(parsed, ("body",)))
    except (ValueError, RecursionError):
        return []  # the route's own parser reports malformed or too deeply nested JSON
    return [{"loc": loc_text(loc), "message": m} for loc, m in found]


def _might_hold_bad_escape(body: bytes) -> bool:
    if _SUSPECT.search(body) is None:
        return False
    for match in _ESCAPE.finditer(body):
        if match["nul"] or match["low"] or not match["pair"]:
            return True
    return False


class TextGuard:
    """Answer 422, naming the place, for NUL characters and lone surrogates in any input."""

    def __init__(self, app: ASGIApp, streamed: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.streamed = streamed  # paths whose route reads and checks its body as it streams

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        fields = []
        if "\x00" in scope.get("path", ""):
            fields.append({"loc": "path", "message": "must not contain NUL characters (U+0000)"})
        query = scope.get("query_string", b"")
        if b"%00" in query or b"\x00" in query:
            fields.append({"loc": "query", "message": "must not contain NUL characters (U+0000)"})
        if (
            not fields
            and scope.get("method") in BODY_METHODS
            and scope.get("path") not in self.streamed
            and _json_body(scope)
        ):
            body, receive = await _buffer(receive)
            fields = body_problems(body)
        if fields:
            summary = "; ".join(f"{f['loc']}: {f['message']}" for f in fields[:5])
            await send_error(send, 422, "validation_error", summary, fields[:50])
            return
        await self.app(scope, receive, send)


def _json_body(scope: Scope) -> bool:
    for name, value in scope.get("headers") or []:
        if name == b"content-type":
            return b"json" in value.lower()
    return True  # FastAPI reads a body without a content type as JSON


async def _buffer(receive: Receive) -> tuple[bytes, Receive]:
    """Read the whole body (its size is already capped) and return a receive that replays it."""
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    body = b"".join(chunks)
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if replayed:
            return await receive()
        replayed = True
        return {"type": "http.request", "body": body, "more_body": False}

    return body, replay
