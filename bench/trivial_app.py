"""A trivial FastAPI app, served exactly as `provnotes serve` serves the project: the ceiling.

Run: `python -m bench.trivial_app --port N`. `GET /get` answers a small JSON object; `POST /post`
validates a body of the annotate request's shape and answers a small JSON object. Both routes
are plain `def` (sync) routes, the way FastAPI's tutorial writes them.
"""

import argparse

import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI(title="trivial")


class Article(BaseModel):
    """The annotate request's fields, without its checks."""

    url: str
    lang: str | None = None
    blocks: list[str]


@app.get("/get")
def get() -> dict[str, str]:
    """Answer a constant."""
    return {"status": "ok"}


@app.post("/post")
def post(article: Article) -> dict[str, int | str]:
    """Validate the body and answer a summary of it."""
    return {"url": article.url, "blocks": len(article.blocks)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    port = parser.parse_args().port
    # The same uvicorn settings as `provnotes serve` (api/cli.py).
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="info", proxy_headers=False)


if __name__ == "__main__":
    main()
