"""ASGI middleware: request ids, an optional request log, and the request-body size limit."""

import itertools
import json
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class RequestIds:
    """Request ids: a random prefix per process (drawn again in a forked child) and a counter,
    32 hex characters like a uuid4's. They tie a request's log line, audit entries and stored
    corrections together, so they must not repeat across processes and restarts; they grant
    nothing (a client may send its own), so they need not be unpredictable, and a counter
    costs far less than drawing 16 random bytes for every request."""

    def __init__(self) -> None:
        self._reset()
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self) -> None:
        self.prefix = os.urandom(8).hex()
        self.counter = itertools.count()  # next() is atomic under the interpreter lock

    def next(self) -> str:
        return f"{self.prefix}{next(self.counter) & 0xFFFF_FFFF_FFFF_FFFF:016x}"


REQUEST_IDS = RequestIds()


class RequestContext:
    """Give every request an id (echoed as `X-Request-ID`) and optionally log one line per
    request."""

    def __init__(self, app: ASGIApp, log_path: Path | None = None) -> None:
        self.app = app
        self.log_path = log_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = next(
            (value for name, value in scope.get("headers") or () if name == b"x-request-id"), b""
        ).decode("latin-1")
        request_id = (
            incoming if 0 < len(incoming) <= 64 and incoming.isprintable() else REQUEST_IDS.next()
        )
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 0

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode("latin-1")),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            if self.log_path is not None:
                self._log(scope, status, request_id, time.perf_counter() - started)

    def _log(self, scope: Scope, status: int, request_id: str, seconds: float) -> None:
        assert self.log_path is not None
        line = {
            "method": scope.get("method"),
            "path": scope.get("path"),
            "query": scope.get("query_string", b"").decode("latin-1"),
            "status": status,
            "ms": round(seconds * 1000, 2),
            "request_id": request_id,
        }
        with self.log_path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(line) + "\n")


class BodyLimit:
    """Refuse request bodies larger than `max_bytes` (or the limit of the longest matching
    path in `paths`) with 413, declared or streamed."""

    def __init__(
        self, app: ASGIApp, max_bytes: int, paths: Mapping[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.paths = sorted((paths or {}).items(), key=lambda item: -len(item[0]))

    def limit(self, path: str) -> int:
        """Return the body limit for a request path."""
        return next((n for prefix, n in self.paths if path.startswith(prefix)), self.max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit(scope.get("path", ""))
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(send, limit)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge(limit)
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _TooLarge:
            await self._refuse(send, limit)

    async def _refuse(self, send: Send, limit: int) -> None:
        await send_error(
            send, 413, "payload_too_large", f"request body is larger than {limit} bytes"
        )


class _TooLarge(HTTPException):
    """Raised from `receive`; an HTTPException, so FastAPI's body parser lets it through."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body is larger than {limit} bytes")


async def send_error(
    send: Send,
    status: int,
    code: str,
    message: str,
    fields: list[dict[str, str]] | None = None,
) -> None:
    """Answer with the JSON error body every failure uses, from inside a middleware."""
    error: dict[str, Any] = {"status": status, "code": code, "message": message}
    if fields:
        error["fields"] = fields
    payload = json.dumps({"error": error}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
