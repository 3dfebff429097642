"""Check an ASD import against the whole seed folder, report it, and write it all or nothing."""

import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from api.importers.asd.documents import Built, Dataset
from api.importers.curated import edit_files
from api.importers.existing import Existing
from api.revisions.history import changed_fields
from api.seeding.files import RawRecord, parse_text, records
from api.seeding.validation import Known, validate

HEADER = """\
# GENERATED FILE — do not edit by hand.
# {what}:
# imported from the State Media Matrix of the Alliance for Securing Democracy
# (ASD-at-GMF/state-media-profiles, commit {commit}; MIT licence, see LICENSE beside this file),
# whose country, company, asset and typology columns come from the State Media Monitor.
# Regenerate with `make import-asd` (`provnotes import-source asd FILE`, report: `--dry-run`).
# Schema: seed_data/README.md. How the import maps the dataset: docs/IMPORTERS.md.
"""


@dataclass
class Report:
    """What an import would create, update, leave unchanged or skip, and why."""

    lines: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def summary(self) -> str:
        c = self.counts
        return (
            f"{c['rows']} rows: {c['created']} created, {c['updated']} updated, "
            f"{c['unchanged']} unchanged, {c['removed']} removed, {c['skipped']} skipped "
            f"({c['outlets']} outlets with {c['hosts']} hosts, {c['companies']} companies)"
        )


@dataclass
class Output:
    """The files an import writes: generated ones, and curated ones it adds hosts to."""

    generated: dict[str, str]  # file name inside the output folder → text
    curated: dict[Path, str]
    report: Report


class _Dumper(yaml.CSafeDumper):
    """Writes every value in place (no anchors), short lists inline."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(section: str, items: list[dict[str, Any]]) -> str:
    return yaml.dump(
        {section: items},
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=None,
    )


def render(built: Built, dataset: Dataset) -> dict[str, str]:
    """Render the generated files: one for the citations, one per region."""
    files = {"citations.yaml": HEADER.format(what="Citations", commit=dataset.commit)}
    files["citations.yaml"] += _dump("citations", built.citations)
    by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for name, doc in built.organizations:
        by_file[f"{name}.yaml"].append(doc)
    for name in sorted(by_file):
        what = f"State-affiliated outlets and their owners ({name.removesuffix('.yaml')})"
        header = HEADER.format(what=what, commit=dataset.commit)
        files[name] = header + _dump("organizations", by_file[name])
    return files


def check(built: Built, existing: Existing, dataset: Dataset, out: Path) -> Output:
    """Validate the seed folder as it would be after the import; raise SeedInvalid if not."""
    generated = render(built, dataset)
    curated, unplaced = edit_files(built.additions)
    edited = {str(p) for p in curated}
    raw = [r for r in existing.records if r.file not in edited]
    for path, text in curated.items():
        raw += list(records(str(path), parse_text(str(path), text)))
    raw += [
        RawRecord(str(out / "citations.yaml"), "citations", i, c)
        for i, c in enumerate(built.citations)
    ]
    counters: dict[str, int] = defaultdict(int)
    for name, doc in built.organizations:
        raw.append(RawRecord(str(out / f"{name}.yaml"), "organizations", counters[name], doc))
        counters[name] += 1
    validate(raw, Known())
    report = _report(built, _previous(out, generated, built), unplaced)
    return Output(generated, curated, report)


def _previous(out: Path, generated: dict[str, str], built: Built) -> dict[tuple[str, Any], Any]:
    """The documents of the earlier output; a file whose text is unchanged is not parsed again
    (its documents are the ones just built)."""
    found: dict[tuple[str, Any], Any] = {}
    if not out.is_dir():
        return found
    current: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    current["citations.yaml"] = [("citations", c) for c in built.citations]
    for name, doc in built.organizations:
        current[f"{name}.yaml"].append(("organizations", doc))
    for path in sorted(out.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if generated.get(path.name) == text:
            docs = current[path.name]
        else:
            content = parse_text(path.name, text) or {}
            docs = [
                (sec, d) for sec in ("citations", "organizations") for d in content.get(sec) or []
            ]
        for section, doc in docs:
            ident = doc.get("key") if section == "citations" else doc.get("slug")
            found[(section, str(ident))] = doc
    return found


def _report(built: Built, previous: dict[tuple[str, Any], Any], unplaced: list[Any]) -> Report:
    report = Report()
    c = report.counts
    c["rows"] = built.rows
    now: dict[tuple[str, str], dict[str, Any]] = {
        ("citations", d["key"]): d for d in built.citations
    }
    now.update({("organizations", d["slug"]): d for _, d in built.organizations})
    for (section, ident), doc in now.items():
        label = f"{section.removesuffix('s').replace('organization', doc.get('kind', ''))} {ident}"
        old = previous.get((section, ident))
        if old is None:
            c["created"] += 1
            report.lines.append(f"+ create {label}: {doc.get('name') or doc.get('title')}")
        elif old != doc:
            c["updated"] += 1
            fields = ", ".join(changed_fields(old, doc)) or "content"
            report.lines.append(f"~ update {label}: {fields}")
        else:
            c["unchanged"] += 1
    for section, ident in sorted(set(previous) - set(now)):
        c["removed"] += 1
        report.lines.append(f"- remove {section.removesuffix('s')} {ident}: no longer in the data")
    report.lines += built.updated
    c["updated"] += len(built.updated) - len(unplaced)
    for addition in unplaced:
        report.lines.append(f"! {addition.slug}: its file has no domains list; add hosts by hand")
    report.lines += built.skipped + built.notes
    c["skipped"] = len(built.skipped)
    outlets = [d for _, d in built.organizations if d.get("domains")]
    c["outlets"] = len(outlets)
    c["hosts"] = sum(len(d["domains"]) for d in outlets)
    c["companies"] = len(built.organizations) - len(outlets)
    return report


def write(output: Output, out: Path, licence: Path | None) -> None:
    """Replace the output folder with the generated files (swapped in whole), then edit the
    curated files."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for name, text in output.generated.items():
            (staging / name).write_text(text, encoding="utf-8")
        if licence is not None and licence.is_file():
            shutil.copyfile(licence, staging / "LICENSE")
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    for path, text in output.curated.items():
        path.write_text(text, encoding="utf-8")
