"""Browser-facing protections: security headers on every response, and CORS that lets any
origin read the public API while the admin API allows only configured origins."""

from collections.abc import Sequence

from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Same-origin files only, no inline script, never framed: strict for JSON, and workable for an
# HTML page that loads its own scripts and styles (a page needing more sets its own CSP).
API_CSP = (
    "default-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'"
)
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"cross-origin"),
)
CSP = b"content-security-policy"
CORS_HEADERS = [
    "Authorization",
    "Content-Type",
    "If-Match",
    "If-None-Match",
    "Idempotency-Key",
    "X-Request-ID",
]


class SecurityHeaders:
    """Add nosniff, frame and referrer policies and a CSP to every response (a page that needs
    a looser CSP, like the API docs, sets its own and keeps it)."""

    def __init__(self, app: ASGIApp, csp: str = API_CSP) -> None:
        self.app = app
        self.csp = (CSP, csp.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.extend(SECURITY_HEADERS)
                if not any(name == CSP for name, _ in headers):
                    headers.append(self.csp)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _cors(app: ASGIApp, origins: Sequence[str]) -> ASGIApp:
    return CORSMiddleware(
        app,
        allow_origins=list(origins),
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        allow_headers=CORS_HEADERS,
        expose_headers=["ETag", "X-Request-ID", "Retry-After"],
    )


class SplitCORS:
    """Public routes: any origin may read (no credentials; tokens are never cookies). `/admin`:
    only `admin_origins`, and no CORS headers at all when there are none."""

    def __init__(self, app: ASGIApp, admin_origins: Sequence[str] = ()) -> None:
        self.public = _cors(app, ["*"])
        self.admin = _cors(app, admin_origins) if admin_origins else app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("path", "").startswith("/admin"):
            await self.admin(scope, receive, send)
        else:
            await self.public(scope, receive, send)
