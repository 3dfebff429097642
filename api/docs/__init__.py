"""The interactive API reference (Swagger UI at `/docs`, ReDoc at `/redoc`), served with
assets from the installed `fastapi-offline` package, so it works offline and loads no CDN."""
