"""Routes for `/docs` and `/redoc`, and the static assets they load from this server."""

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

VENDORED = Path(fastapi_offline.__file__).parent / "static"
OWN = Path(__file__).parent / "static"
ASSETS = "/docs/assets"
DOCS_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
SWAGGER = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{title}} – API reference</title>
<link rel="icon" href="{ASSETS}/favicon.png">
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css"></head>
<body><div id="swagger-ui" data-spec-url="{{spec}}"></div>
<script src="{ASSETS}/swagger-ui-bundle.js"></script>
<script src="{ASSETS}/own/swagger-init.js"></script></body></html>
"""
REDOC = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{title}} – API reference</title>
<link rel="icon" href="{ASSETS}/favicon.png"></head>
<body><redoc spec-url="{{spec}}"></redoc>
<script src="{ASSETS}/redoc.standalone.js"></script></body></html>
"""


def install(app: FastAPI) -> None:
    """Serve the two reference pages and their assets (the app is built with no CDN docs)."""
    spec = app.openapi_url or "/openapi.json"
    app.mount(f"{ASSETS}/own", StaticFiles(directory=OWN), name="docs-own")
    app.mount(ASSETS, StaticFiles(directory=VENDORED), name="docs-assets")

    def page(template: str) -> HTMLResponse:
        html = template.format(title=app.title, spec=spec)
        return HTMLResponse(html, headers={"Content-Security-Policy": DOCS_CSP})

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return page(SWAGGER)

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return page(REDOC)
