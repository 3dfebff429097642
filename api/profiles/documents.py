"""Profile documents: canonical form, content hash, and the rule that every claim is cited."""

import hashlib
from collections.abc import Iterator
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


def cited_keys(document: ProfileDocument) -> Iterator[tuple[str, str]]:
    """Yield (location, citation key) for every citation a profile refers to."""
    for i, key in enumerate(document.citations):
        yield f"citations[{i}]", key
    if isinstance(document, OrganizationDocument):
        for d, domain in enumerate(document.domains):
            for i, key in enumerate(domain.citations):
                yield f"domains[{d}].citations[{i}]", key
        if document.category is not None:
            for i, key in enumerate(document.category.citations):
                yield f"category.citations[{i}]", key
        for d, designation in enumerate(document.designations):
            for i, key in enumerate(designation.citations):
                yield f"designations[{d}].citations[{i}]", key
    for r, relation in enumerate(document.relations):
        for i, key in enumerate(relation.citations):
            yield f"relations[{r}].citations[{i}]", key
