"""Imports every table so the metadata (and Alembic) sees the whole schema."""

from api.citations.models import Citation
from api.db import metadata
from api.notes.models import ReaderNote
from api.organizations.models import Organization, OutletDomain
from api.people.models import Person
from api.relations.models import ClaimCitation, Relation
from api.revisions.models import DataVersion, Document, Revision

__all__ = [
    "Citation",
    "ClaimCitation",
    "DataVersion",
    "Document",
    "Organization",
    "OutletDomain",
    "Person",
    "ReaderNote",
    "Relation",
    "Revision",
    "metadata",
]
