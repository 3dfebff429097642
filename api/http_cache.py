"""Strong ETags and conditional GETs for cacheable public responses."""

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Request, Response

PUBLIC_CACHE = "public, max-age=300, stale-while-revalidate=60"
NOT_MODIFIED: dict[int | str, dict[str, Any]] = {
    304: {"description": "Not modified (the `If-None-Match` tag is current)"}
}
Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])


def strong_etag(body: bytes) -> str:
    """Return a strong entity tag for a response body."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(if_none_match: str | None, etag: str) -> bool:
    """Tell whether an `If-None-Match` header names this tag (or `*`)."""
    if not if_none_match:
        return False
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or etag in tags


def accepts_gzip(accept_encoding: str) -> bool:
    """Tell whether an `Accept-Encoding` header accepts gzip (a q of 0 refuses it)."""
    for item in accept_encoding.lower().split(","):
        coding, _, params = item.strip().partition(";")
        if coding.strip() in ("gzip", "*"):
            q = params.strip().removeprefix("q=")
            try:
                return not params.strip().startswith("q=") or float(q) > 0
            except ValueError:
                return False
    return False


def cacheable(
    request: Request, body: bytes, etag: str | None = None, media_type: str = "application/json"
) -> Response:
    """Answer 304 when the client has this body already, else the body with its ETag."""
    etag = etag or strong_etag(body)
    headers = {"ETag": etag, "Cache-Control": PUBLIC_CACHE, "Vary": "Accept-Encoding"}
    if matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(content=body, media_type=media_type, headers=headers)


def cacheable_encoded(
    request: Request, plain: tuple[bytes, str], packed: tuple[bytes, str]
) -> Response:
    """`cacheable` for a body kept both plain and gzip-compressed, each `(bytes, etag)`:
    the compressed one (with `Content-Encoding: gzip`) when the client accepts gzip."""
    if accepts_gzip(request.headers.get("accept-encoding", "")):
        response = cacheable(request, *packed)
        if response.status_code == 200:
            response.headers["Content-Encoding"] = "gzip"
        return response
    return cacheable(request, *plain)


def cached_get(
    router: APIRouter,
    path: str,
    *,
    responses: dict[int | str, dict[str, Any]] | None = None,
    **options: Any,
) -> Callable[[Endpoint], Endpoint]:
    """Declare a cacheable GET route, its 304 stated in the schema, and the same route for HEAD,
    which caches and CDNs send (the same answer without a body; kept out of the schema)."""

    def register(endpoint: Endpoint) -> Endpoint:
        router.add_api_route(
            path,
            endpoint,
            methods=["GET"],
            responses={**NOT_MODIFIED, **(responses or {})},
            **options,
        )
        router.add_api_route(path, endpoint, methods=["HEAD"], include_in_schema=False)
        return endpoint

    return register
