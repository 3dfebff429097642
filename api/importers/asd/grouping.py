"""Group dataset rows into outlets: rows of one main asset, and rows that share a host."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from api.importers.asd.source import Row
from api.importers.names import name_key

Domain = tuple[str, str]  # (host, path prefix or "")


@dataclass
class Group:
    """The rows that make one outlet, with the domains they give it."""

    rows: list[Row]
    domains: list[Domain] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def first(self) -> Row:
        return self.rows[0]

    @property
    def lines(self) -> str:
        return ", ".join(str(r.line) for r in self.rows)


def outlet_key(row: Row) -> tuple[str, str, str]:
    """Rows with the same country, company and main asset describe the same outlet."""
    return (row.country, name_key(row.company.name), name_key(row.asset.name))


def domain_of(row: Row, paths: dict[str, set[tuple[str, tuple[str, str, str]]]]) -> Domain:
    """The row's domain: its host, plus its path only where the host is shared by several
    outlets listed under different paths (`sb.by/respublika/`)."""
    seen = paths[row.host]
    outlets = {key for _, key in seen}
    distinct_paths = {path for path, _ in seen}
    if len(outlets) > 1 and len(distinct_paths) > 1 and row.path != "/":
        return (row.host, row.path)
    return (row.host, "")


class _Union:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def group_rows(rows: Iterable[Row]) -> list[Group]:
    """Merge rows into outlet groups, in the order of their first row."""
    listed = list(rows)
    paths: dict[str, set[tuple[str, tuple[str, str, str]]]] = defaultdict(set)
    for row in listed:
        paths[row.host].add((row.path, outlet_key(row)))
    union = _Union()
    first_by: dict[object, int] = {}
    domains = [domain_of(row, paths) for row in listed]
    for index, row in enumerate(listed):
        union.find(index)
        for key in (("outlet", *outlet_key(row)), ("domain", *domains[index])):
            if key in first_by:
                union.join(first_by[key], index)
            else:
                first_by[key] = index
    members: dict[int, list[int]] = defaultdict(list)
    for index in range(len(listed)):
        members[union.find(index)].append(index)
    groups = []
    for root in sorted(members):
        indexes = members[root]
        group = Group([listed[i] for i in indexes])
        group.domains = list(dict.fromkeys(domains[i] for i in indexes))
        groups.append(group)
    return groups
