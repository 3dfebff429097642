"""Imports every table so the metadata (and Alembic) sees the whole schema."""

from api.audit.models import AuditEvent
from api.auth.models import Account, ApiToken
from api.changesets.models import Changeset
from api.citations.models import Citation
from api.console.models import ConsoleSession
from api.corrections.models import Correction, RateCounter
from api.db import metadata
from api.designations.models import OutletDesignation
from api.exports.models import IdempotencyKey
from api.feedback.models import FeedbackComment, FeedbackTally
from api.notes.models import ReaderNote
from api.organizations.models import Organization, OutletDomain
from api.people.models import Person
from api.relations.models import ClaimCitation, Relation
from api.replies.models import Reply
from api.revisions.models import DataVersion, Document, Revision
from api.sources.models import SourceCheck

__all__ = [
    "Account",
    "ApiToken",
    "AuditEvent",
    "Changeset",
    "Citation",
    "ClaimCitation",
    "ConsoleSession",
    "Correction",
    "DataVersion",
    "Document",
    "FeedbackComment",
    "FeedbackTally",
    "IdempotencyKey",
    "Organization",
    "OutletDesignation",
    "OutletDomain",
    "Person",
    "RateCounter",
    "ReaderNote",
    "Relation",
    "Reply",
    "Revision",
    "SourceCheck",
    "metadata",
]
