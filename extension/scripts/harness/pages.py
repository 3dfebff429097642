"""Render an article text file (chrome, blank-line paragraphs, tail) as a news page."""

import re
from html import escape
from pathlib import Path

STYLE = (Path(__file__).parent / "article.css").read_text(encoding="utf-8")


def lines(chunk: str) -> list[str]:
    """The non-empty, stripped lines of a chunk."""
    return [line.strip() for line in chunk.splitlines() if line.strip()]


def split_article(text: str) -> tuple[list[str], list[str], list[str]]:
    """(chrome lines, paragraphs, tail lines) of a fixture: chunks are separated by blank lines."""
    chunks = [c.strip() for c in re.split(r"\n\s*\n", text.strip()) if c.strip()]
    return lines(chunks[0]), [" ".join(lines(c)) for c in chunks[1:-1]], lines(chunks[-1])


def article_page(
    text: str,
    *,
    title: str,
    site: str,
    wrap: dict[str, str] | None = None,
    head: str = "",
    body_end: str = "",
) -> str:
    """A complete HTML page. `wrap` maps a phrase to HTML that replaces its first occurrence
    (after escaping), to split names across elements as real pages do."""
    chrome, paragraphs, tail = split_article(text)
    rendered = []
    pending = dict(wrap or {})
    for paragraph in paragraphs:
        html = escape(paragraph, quote=False)
        for phrase, replacement in list(pending.items()):
            if escape(phrase, quote=False) in html:
                html = html.replace(escape(phrase, quote=False), replacement, 1)
                del pending[phrase]
        rendered.append(f"<p>{html}</p>")
    tags = [t.strip() for t in tail[0].split(",")] if tail else []
    meta = "".join(f"<span>{escape(line)}</span>" for line in chrome)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{STYLE}</style>{head}</head>
<body>
<header class="masthead"><span class="site">{escape(site)}</span>
<nav><a href="/world">World</a><a href="/politics">Politics</a><a href="/opinion">Opinion</a></nav>
</header>
<main><article>
<h1>{escape(title)}</h1>
<div class="meta">{meta}</div>
{chr(10).join(rendered)}
<ul class="tags">{"".join(f"<li>{escape(t)}</li>" for t in tags)}</ul>
</article>
<footer>{" · ".join(escape(line) for line in tail[1:])}</footer></main>
{body_end}
</body></html>"""


def page_from_file(path: Path, **kwargs: object) -> str:
    """`article_page` for a fixture file."""
    return article_page(path.read_text(encoding="utf-8"), **kwargs)  # type: ignore[arg-type]
