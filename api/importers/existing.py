"""What a seed folder already holds, indexed the way importers match: by domain, then by name."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from api.importers.names import name_key
from api.organizations.models import OUTLET_KINDS
from api.seeding.files import RawRecord, read_path, seed_files


@dataclass
class Existing:
    """Profiles a curator already wrote, so an import never duplicates them."""

    records: list[RawRecord] = field(default_factory=list)
    slugs: dict[str, str] = field(default_factory=dict)  # slug → file
    hosts: dict[tuple[str, str], str] = field(default_factory=dict)  # (host, prefix) → slug
    outlet_names: dict[tuple[str, str], str] = field(default_factory=dict)  # (country, key)
    org_names: dict[tuple[str, str], str] = field(default_factory=dict)
    domains_of: dict[str, set[tuple[str, str]]] = field(default_factory=dict)

    def add(self, record: RawRecord) -> None:
        self.records.append(record)
        data: Any = record.data
        if record.section == "citations" or not isinstance(data, dict) or "slug" not in data:
            return
        slug = str(data["slug"])
        self.slugs.setdefault(slug, record.file)
        if record.section != "organizations":
            return
        country = str(data.get("country", ""))
        names = [data.get("name", ""), *(data.get("aliases") or [])]
        is_outlet = data.get("kind") in {str(k) for k in OUTLET_KINDS}
        for name in names:
            if isinstance(name, str) and name_key(name):
                self.org_names.setdefault((country, name_key(name)), slug)
                if is_outlet:
                    self.outlet_names.setdefault((country, name_key(name)), slug)
        for domain in data.get("domains") or []:
            if isinstance(domain, dict) and isinstance(domain.get("host"), str):
                key = (domain["host"].lower(), domain.get("path_prefix") or "")
                self.hosts.setdefault(key, slug)
                self.domains_of.setdefault(slug, set()).add(key)


def read_existing(seed_dir: Path, leave_out: Path) -> Existing:
    """Index every seed file under `seed_dir` except those under `leave_out` (the output)."""
    existing = Existing()
    if not seed_dir.exists():
        return existing
    skip = leave_out.resolve()
    for file in seed_files(seed_dir):
        if file.resolve().is_relative_to(skip):
            continue
        for record in read_path(file):
            existing.add(record)
    return existing
