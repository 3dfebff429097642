"""Add imported hosts to hand-written outlet profiles, in place, keeping the file as written."""

import re
from dataclasses import dataclass
from pathlib import Path

_RECORD = re.compile(r"^  - slug: *['\"]?([a-z0-9-]+)['\"]? *$")
_DOMAINS = re.compile(r"^    domains: *$")
_ITEM = re.compile(r"^      - ")


@dataclass(frozen=True, slots=True)
class HostAddition:
    """Hosts to add to one curated outlet, with the citations they carry."""

    slug: str
    hosts: tuple[tuple[str, str], ...]  # (host, path prefix or "")
    citations: tuple[str, ...]


def _line(host: str, prefix: str, citations: tuple[str, ...]) -> str:
    path = f", path_prefix: {prefix}" if prefix else ""
    return f"      - {{host: {host}{path}, citations: [{', '.join(citations)}]}}\n"


def add_hosts(text: str, additions: list[HostAddition]) -> tuple[str, list[HostAddition]]:
    """Insert domain lines after each outlet's last domain (or a new `domains:` list before its
    `category:`); return the text and what could not be placed, for a curator to add."""
    lines = text.splitlines(keepends=True)
    wanted: dict[str, list[tuple[str, str]]] = {}
    cites: dict[str, tuple[str, ...]] = {}
    for addition in additions:
        wanted.setdefault(addition.slug, []).extend(addition.hosts)
        cites[addition.slug] = addition.citations
    inserts: dict[int, str] = {}
    current: str | None = None
    in_domains = False
    last_item: int | None = None
    category: int | None = None

    def settle() -> None:
        if current not in wanted:
            return
        body = "".join(_line(h, p, cites[current]) for h, p in wanted[current])
        if last_item is not None:
            inserts[last_item] = body
        elif category is not None:
            inserts[category - 1] = "    domains:\n" + body
        else:
            return
        del wanted[current]

    for index, line in enumerate(lines):
        if (m := _RECORD.match(line)) or (not line.startswith(" ") and line.strip()):
            settle()
            current, in_domains, last_item, category = (
                (m.group(1) if m else None),
                False,
                None,
                None,
            )
        elif _DOMAINS.match(line):
            in_domains = True
        elif in_domains and (_ITEM.match(line) or line.startswith("        ")):
            last_item = index
        elif line.startswith("    ") and not line.startswith("     "):
            in_domains = False
            if line.startswith("    category:"):
                category = index
    settle()
    out = [line + inserts.get(i, "") for i, line in enumerate(lines)]
    left = [HostAddition(slug, tuple(hosts), cites[slug]) for slug, hosts in wanted.items()]
    return "".join(out), left


def edit_files(
    files: dict[str, list[HostAddition]],
) -> tuple[dict[Path, str], list[HostAddition]]:
    """Return the new text of each curated file, and the additions no file could take."""
    texts: dict[Path, str] = {}
    left: list[HostAddition] = []
    for name, additions in files.items():
        path = Path(name)
        new_text, unplaced = add_hosts(path.read_text(encoding="utf-8"), additions)
        left += unplaced
        if new_text != path.read_text(encoding="utf-8"):
            texts[path] = new_text
    return texts, left
