"""Profile documents: canonical form, content hash, and the rule that every claim is cited."""

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson

from api.citations.models import CitationDocument
from api.organizations.models import OrganizationDocument
from api.people.models import PersonDocument
from api.revisions.models import EntityType

ProfileDocument = OrganizationDocument | PersonDocument
AnyDocument = OrganizationDocument | PersonDocument | CitationDocument

DOCUMENT_MODELS: dict[EntityType, type[AnyDocument]] = {
    EntityType.organization: OrganizationDocument,
    EntityType.person: PersonDocument,
    EntityType.citation: CitationDocument,
}


def entity_type_of(document: AnyDocument) -> EntityType:
    """Return which entity family a document belongs to."""
    if isinstance(document, OrganizationDocument):
        return EntityType.organization
    if isinstance(document, PersonDocument):
        return EntityType.person
    return EntityType.citation


def document_id(document: AnyDocument) -> str:
    """Return the stable id of a document: a slug, or a citation key."""
    return document.key if isinstance(document, CitationDocument) else document.slug


def canonical(document: AnyDocument) -> dict[str, Any]:
    """Return the canonical JSON form: no defaults, no nulls, fields in model order."""
    return document.model_dump(mode="json", exclude_defaults=True, exclude_none=True)


def content_hash(snapshot: dict[str, Any]) -> str:
    """Hash a canonical snapshot so unchanged documents can be recognised cheaply."""
    # The bytes of json.dumps(sort_keys=True, ensure_ascii=False, separators=(",", ":")).
    return hashlib.sha256(orjson.dumps(snapshot, option=orjson.OPT_SORT_KEYS)).hexdigest()


def uncited_claims(document: AnyDocument) -> Iterator[str]:
    """Yield the location of every claim in a profile that cites no source."""
    if isinstance(document, CitationDocument):
        return
    if not document.citations:
        yield "citations"
    if isinstance(document, OrganizationDocument):
        for i, domain in enumerate(document.domains):
            if not domain.citations:
                yield f"domains[{i}].citations"
        if document.category is not None and not document.category.citations:
            yield "category.citations"
        for i, designation in enumerate(document.designations):
            if not designation.citations:
                yield f"designations[{i}].citations"
    for i, relation in enumerate(document.relations):
        if not relation.citations:
            yield f"relations[{i}].citations"


def citation_lists(document: ProfileDocument) -> Iterator[tuple[str, list[str]]]:
    """Yield (location prefix, citation keys) for every list of citations in a profile."""
    yield "", document.citations
    if isinstance(document, OrganizationDocument):
        for d, domain in enumerate(document.domains):
            yield f"domains[{d}].", domain.citations
        if document.category is not None:
            yield "category.", document.category.citations
        for d, designation in enumerate(document.designations):
            yield f"designations[{d}].", designation.citations
    for r, relation in enumerate(document.relations):
        yield f"relations[{r}].", relation.citations


def cited_keys(document: ProfileDocument) -> Iterator[tuple[str, str]]:
    """Yield (location, citation key) for every citation a profile refers to."""
    for prefix, keys in citation_lists(document):
        for i, key in enumerate(keys):
            yield f"{prefix}citations[{i}]", key


def citation_keys(document: ProfileDocument) -> list[str]:
    """Every citation key a profile refers to (`cited_keys` without the locations), gathered
    list by list: generating them one by one cost a seed run of 100,000 people a second."""
    keys = list(document.citations)
    if isinstance(document, OrganizationDocument):
        for domain in document.domains:
            keys += domain.citations
        if document.category is not None:
            keys += document.category.citations
        for designation in document.designations:
            keys += designation.citations
    for relation in document.relations:
        keys += relation.citations
    return keys


@dataclass
class Named:
    """The citation keys and organization slugs that some profiles refer to (what their claims
    cite, what their relations point at), gathered once where the profiles are walked anyway."""

    citations: set[str] = field(default_factory=set)
    organizations: set[str] = field(default_factory=set)
