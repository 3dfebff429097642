"""Factories that build valid documents and seed files, overridable field by field."""

import itertools
from pathlib import Path
from typing import Any

import yaml
from sqlmodel import Session

from api.citations.models import CitationDocument
from api.organizations.models import OrganizationDocument
from api.people.models import PersonDocument
from api.seeding import service as seeding
from api.seeding.files import RawRecord

_counter = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}-{next(_counter)}"


def citation(**fields: Any) -> dict[str, Any]:
    key = fields.pop("key", None) or unique("cite")
    return {
        "key": key,
        "url": f"https://example.org/sources/{key}",
        "title": f"Source {key}",
        "publisher": "Example Publisher",
        "accessed": "2026-11-25",
        **fields,
    }


def organization(cites: list[str], **fields: Any) -> dict[str, Any]:
    slug = fields.pop("slug", None) or unique("org")
    record: dict[str, Any] = {
        "slug": slug,
        "name": fields.pop("name", slug.title()),
        "kind": "other",
        "country": "GB",
        "citations": cites,
    }
    record.update(fields)
    return record


def outlet(cites: list[str], **fields: Any) -> dict[str, Any]:
    slug = fields.get("slug") or unique("outlet")
    fields.setdefault("slug", slug)
    fields.setdefault("kind", "outlet")
    fields.setdefault("domains", [{"host": f"{slug}.example", "citations": cites}])
    fields.setdefault(
        "category", {"value": "independent_public", "as_of": "2024-01-01", "citations": cites}
    )
    return organization(cites, **fields)


def person(cites: list[str], **fields: Any) -> dict[str, Any]:
    slug = fields.pop("slug", None) or unique("person")
    record: dict[str, Any] = {
        "slug": slug,
        "name": fields.pop("name", slug.replace("-", " ")),
        "description": "A person in a test",
        "citations": cites,
    }
    record.update(fields)
    return record


def write_seed(folder: Path, name: str, **sections: list[dict[str, Any]]) -> Path:
    """Write one seed file (YAML) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(sections, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def records(file: str = "test.yaml", **sections: list[dict[str, Any]]) -> list[RawRecord]:
    """Raw records as the seed reader would produce them."""
    return [
        RawRecord(file, section, index, data)
        for section in ("citations", "organizations", "people")
        for index, data in enumerate(sections.get(section, []))
    ]


def seed(session: Session, **sections: list[dict[str, Any]]) -> seeding.SeedPlan:
    """Validate and apply records in the test's session, as `provnotes seed` would."""
    plan = seeding.plan(session, records(**sections))
    seeding.apply(session, plan, author="test", reason="test data")
    session.flush()
    return plan


def documents(**sections: list[dict[str, Any]]) -> list[Any]:
    models = {
        "citations": CitationDocument,
        "organizations": OrganizationDocument,
        "people": PersonDocument,
    }
    return [models[s].model_validate(d) for s, items in sections.items() for d in items]
