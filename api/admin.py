"""The curator admin API (`/admin/v1`): every domain's admin router, gathered in one place."""

from fastapi import APIRouter

from api.audit import admin as audit
from api.auth import admin as auth
from api.changesets import admin as changesets
from api.citations import admin as citations
from api.corrections import admin as corrections
from api.exports import admin as exports
from api.feedback import admin as feedback
from api.importers import admin as imports
from api.notes import admin as notes
from api.organizations import admin as organizations
from api.people import admin as people
from api.relations import admin as relations
from api.replies import admin as replies
from api.revisions import admin as revisions
from api.sources import admin as sources

router = APIRouter()
for part in (
    auth.me_router,
    auth.router,
    organizations.router,
    organizations.item_router,
    people.router,
    people.item_router,
    citations.router,
    *relations.routers,
    *notes.routers,
    revisions.router,
    revisions.review_router,
    changesets.router,
    changesets.review_router,
    corrections.router,
    feedback.router,
    replies.router,
    sources.router,
    exports.router,
    exports.import_router,
    imports.router,
    audit.router,
):
    router.include_router(part)
