"""Read seed files (YAML or JSON) into located raw records, with errors that name the place."""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import yaml

from api.seeding.records import SECTIONS as SECTIONS
from api.seeding.records import RawRecord as RawRecord

SUFFIXES = (".yaml", ".yml", ".json")


ALIAS_BUDGET = 1_000_000  # nodes plus characters that aliases may repeat, per file


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML loader that keeps dates as text, reads only true/false as booleans, and bounds what
    aliases repeat: a few reused nodes are fine, a tiny file that expands into gigabytes once
    sent as JSON (nested aliases, "billion laughs") is refused."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            sizes = self.__dict__.setdefault("_sizes", {})
            repeated = self.__dict__.get("_repeated", 0) + _weight(node, sizes)
            self.__dict__["_repeated"] = repeated
            if repeated > ALIAS_BUDGET:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"aliases (*name) repeat more than {ALIAS_BUDGET:,} nodes and characters",
                    node.start_mark,
                )
        return super().construct_object(node, deep)


def _weight(node: yaml.Node, sizes: dict[int, int]) -> int:
    """Count the nodes and characters a node stands for once every alias is expanded."""
    if id(node) in sizes:
        return sizes[id(node)]
    if isinstance(node, yaml.ScalarNode):
        weight = 1 + len(node.value)
    elif isinstance(node, yaml.SequenceNode):
        weight = 1 + sum(_weight(item, sizes) for item in node.value)
    else:
        weight = 1 + sum(_weight(k, sizes) + _weight(v, sizes) for k, v in node.value)
    sizes[id(node)] = weight
    return weight


_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class FileProblem(Exception):
    """A file that cannot be read as seed data at all."""


def seed_files(path: Path) -> list[Path]:
    """List the seed files under `path` (or `path` itself), in a stable order."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise FileProblem(f"{path}: no such file or directory")
    return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


def display_name(path: Path) -> str:
    """Show a path relative to the working directory when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def parse_text(name: str, text: str) -> Any:
    """Parse one file's text as JSON (by suffix) or YAML, naming the line of a syntax error."""
    try:
        if name.lower().endswith(".json"):
            return orjson.loads(text)  # a fifth of the stdlib parser's time on a large seed
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except orjson.JSONDecodeError as exc:
        raise FileProblem(f"{name}: line {exc.lineno}: invalid JSON: {exc.msg}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise FileProblem(f"{name}: {line}invalid YAML: {problem}") from exc


def records(name: str, content: Any) -> Iterator[RawRecord]:
    """Yield the records of one parsed file, checking its top-level shape."""
    if content is None:
        return
    if not isinstance(content, dict):
        raise FileProblem(f"{name}: the top level must be a mapping with {', '.join(SECTIONS)}")
    unknown = sorted(set(content) - set(SECTIONS))
    if unknown:
        raise FileProblem(
            f"{name}: unknown top-level key '{unknown[0]}' (expected {', '.join(SECTIONS)})"
        )
    for section in SECTIONS:
        items = content.get(section) or []
        if not isinstance(items, list):
            raise FileProblem(f"{name}: {section}: must be a list")
        for index, data in enumerate(items):
            yield RawRecord(name, section, index, data)


def read_path(path: Path) -> Iterator[RawRecord]:
    """Yield every record of every seed file under `path`."""
    for file in seed_files(path):
        name = display_name(file)
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise FileProblem(f"{name}: cannot read: {exc}") from exc
        yield from records(name, parse_text(name, text))
