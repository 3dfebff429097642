"""The one profile form: a person or outlet with aliases, relations (to existing organizations
or ones created inline) and new citations, turned into one changeset's documents; and the way
back, from a problem's location to the form field it belongs to."""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from starlette.datastructures import FormData

from api.console.deps import field as text
from api.profiles.search import fold
from api.revisions.models import EntityType

ROW = re.compile(r"^(cite|rel)-(\d{1,2})-")
CITE_FIELDS = ("url", "title", "publisher", "published", "accessed", "archive_url", "quote", "key")
REL_FIELDS = ("type", "object", "role", "start", "end", "new-name", "new-kind", "new-country")


def slugify(name: str) -> str:
    """Turn a name into a slug: 'Jana Nováková' → 'jana-novakova'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:120] or "profile"


def citation_key(url: str) -> str:
    """Derive a stable citation key from a URL: its host and a short hash."""
    host = re.sub(r"^https?://(www\.)?", "", url.lower()).split("/", 1)[0]
    digest = hashlib.sha256(url.encode()).hexdigest()[:8]
    return f"{slugify(host)}-{digest}"


def lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def rows(form: FormData, prefix: str, names: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Return the numbered rows of a repeated group that have any field filled (a relation's
    preselected type alone does not count), in order."""
    numbers = sorted(
        {int(m.group(2)) for key in form if (m := ROW.match(key)) and m.group(1) == prefix}
    )
    found = []
    for n in numbers:
        row = {name: text(form, f"{prefix}-{n}-{name}") for name in names}
        if any(value for name, value in row.items() if name != "type"):
            found.append((n, row))
    return found


@dataclass
class ProfileForm:
    """The documents a submitted form proposes, and where each document's fields came from."""

    entity_type: EntityType
    main: dict[str, Any]
    documents: list[tuple[EntityType, dict[str, Any]]] = field(default_factory=list)
    places: dict[str, str] = field(default_factory=dict)  # document location → field prefix
    problems: dict[str, list[str]] = field(default_factory=dict)

    def problem(self, name: str, message: str) -> None:
        self.problems.setdefault(name, []).append(message)


def parse(form: FormData, base: dict[str, Any] | None) -> ProfileForm:
    """Build the documents from the form; `base` is the working copy when editing."""
    kind = text(form, "entity_type")
    entity_type = EntityType.organization if kind == "organization" else EntityType.person
    parsed = ProfileForm(entity_type, {})
    if not text(form, "reason") or len(text(form, "reason")) < 3:
        parsed.problem("reason", "say why, in at least 3 characters")
    name = text(form, "name")
    if not name:
        parsed.problem("name", "a name is required")
    slug = (base or {}).get("slug") or text(form, "slug") or slugify(name)
    cites = [k.strip() for k in text(form, "cites_existing").replace(",", " ").split() if k]
    section = "organizations" if entity_type is EntityType.organization else "people"
    new_keys = []
    for i, (n, row) in enumerate(rows(form, "cite", CITE_FIELDS)):
        key = row["key"] or (citation_key(row["url"]) if row["url"] else "")
        if not row["url"]:
            parsed.problem(f"cite-{n}-url", "the source's address is required")
        citation = {"key": key, **{k: v for k, v in row.items() if v and k != "key"}}
        citation.setdefault("accessed", date.today().isoformat())
        parsed.documents.append((EntityType.citation, citation))
        parsed.places[f"citations[{i}]"] = f"cite-{n}-"
        new_keys.append(key)
    all_cites = list(dict.fromkeys([*cites, *new_keys]))
    relations, inline = [], 0
    old_relations = {
        (r["type"], r["object"]): r.get("citations", []) for r in (base or {}).get("relations", [])
    }
    for r, (n, row) in enumerate(rows(form, "rel", REL_FIELDS)):
        target = row["object"]
        if row["new-name"]:
            target = target or slugify(row["new-name"])
            org: dict[str, Any] = {
                "slug": target,
                "name": row["new-name"],
                "kind": row["new-kind"] or "other",
            }
            if row["new-country"]:
                org["country"] = row["new-country"].upper()
            org["citations"] = all_cites
            parsed.documents.append((EntityType.organization, org))
            inline += 1
            index = inline if entity_type is EntityType.organization else inline - 1
            parsed.places[f"organizations[{index}]"] = f"rel-{n}-new-"
        if not target:
            parsed.problem(f"rel-{n}-object", "pick an organization, or name a new one")
        relation = {"type": row["type"] or "affiliated_with", "object": target}
        relation.update({k: row[k] for k in ("role", "start", "end") if row[k]})
        relation["citations"] = old_relations.get((relation["type"], target), all_cites)
        relations.append(relation)
        parsed.places[f"{section}[0].relations[{r}]"] = f"rel-{n}-"
    main: dict[str, Any] = {**(base or {}), "slug": slug, "name": name}
    for key in ("description", "country", "wikidata", "website", "kind"):
        value = text(form, key)
        main.pop(key, None)
        if value and (key != "kind" or entity_type is EntityType.organization):
            main[key] = value.upper() if key == "country" else value
    main["aliases"] = lines(text(form, "aliases"))
    main["exclude"] = lines(text(form, "exclude"))
    main["citations"] = all_cites
    main["relations"] = relations
    if entity_type is EntityType.organization:
        _outlet_parts(form, main, base or {}, all_cites)
    else:
        main["match_surname"] = bool(form.get("match_surname"))
    parsed.main = main
    if entity_type is EntityType.organization:  # before the organizations created inline
        parsed.documents.insert(len(new_keys), (entity_type, main))
    else:
        parsed.documents.append((entity_type, main))
    parsed.places[f"{section}[0]"] = ""
    return parsed


def _outlet_parts(
    form: FormData, main: dict[str, Any], base: dict[str, Any], cites: list[str]
) -> None:
    """Domains (one host per line) and the category; unchanged ones keep their citations."""
    old_domains = {d["host"] + d.get("path_prefix", ""): d for d in base.get("domains", [])}
    domains = []
    for line in lines(text(form, "domains")):
        host = re.sub(r"^https?://", "", line.lower()).removeprefix("www.").rstrip("/")
        host, _, rest = host.partition("/")
        rest = rest.strip("/")
        prefix = f"/{rest}/" if rest else None
        known = old_domains.get(host + (prefix or ""))
        domain: dict[str, Any] = {"host": host, "citations": known["citations"] if known else cites}
        if prefix:
            domain["path_prefix"] = prefix
        domains.append(domain)
    main["domains"] = domains
    value, as_of = text(form, "category"), text(form, "category_as_of")
    old = base.get("category") or {}
    main.pop("category", None)
    if value:
        same = old.get("value") == value
        main["category"] = {
            "value": value,
            "as_of": as_of or old.get("as_of") or date.today().isoformat(),
            "citations": old["citations"] if same and old.get("citations") else cites,
        }


def field_of(parsed: ProfileForm, location: str) -> str:
    """Map a problem's location (`people[0].relations[1].object`) to a form field name."""
    best = max((k for k in parsed.places if location.startswith(k)), key=len, default=None)
    if best is None:
        return ""
    rest = location[len(best) :].lstrip(".")
    head = re.split(r"[.\[]", rest, maxsplit=1)[0] if rest else ""
    prefix = parsed.places[best]
    if prefix.startswith("rel-") and not prefix.endswith("new-") and head == "citations":
        return "cites_existing"
    if prefix == "" and head in ("citations",):
        return "cites_existing"
    if prefix == "" and head.startswith("category"):
        return "category"
    return f"{prefix}{head}" if head else (prefix.rstrip("-") or "name")


def values_of(entity_type: EntityType, document: dict[str, Any]) -> dict[str, Any]:
    """Fill the form's fields from a profile document (for editing)."""
    values: dict[str, Any] = {
        "entity_type": str(entity_type),
        **{k: document.get(k, "") for k in ("slug", "name", "description", "country", "wikidata")},
        "aliases": "\n".join(document.get("aliases", [])),
        "exclude": "\n".join(document.get("exclude", [])),
        "cites_existing": " ".join(document.get("citations", [])),
        "match_surname": "1" if document.get("match_surname", True) else "",
    }
    if entity_type is EntityType.organization:
        values.update(kind=document.get("kind", ""), website=document.get("website", ""))
        values["domains"] = "\n".join(
            d["host"] + d.get("path_prefix", "") for d in document.get("domains", [])
        )
        category = document.get("category") or {}
        values.update(category=category.get("value", ""), category_as_of=category.get("as_of", ""))
    for n, relation in enumerate(document.get("relations", [])):
        for key in ("type", "object", "role", "start", "end"):
            values[f"rel-{n}-{key}"] = relation.get(key, "")
    return values
