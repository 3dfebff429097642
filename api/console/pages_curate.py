"""Console pages for curators: search, an entity with its history and small edits, the one
profile form, and curating from a pasted article."""

from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from api.changesets import service as changesets
from api.changesets.duplicates import PossibleDuplicates
from api.console import profile_form
from api.console.deps import Form, User, attempt, field, page, redirect
from api.deps import SessionDep
from api.errors import DomainError, NotFound
from api.organizations.models import CATEGORY_LABELS, OrganizationKind
from api.relations.models import RELATION_LABELS
from api.revisions import history, items
from api.revisions.listing import SearchFilters, search
from api.revisions.models import EntityType
from api.revisions.working import find, load
from api.sources import service as source_health

router = APIRouter(prefix="/console", include_in_schema=False)
FAMILIES = (
    (EntityType.person, "People"),
    (EntityType.organization, "Organizations and outlets"),
    (EntityType.citation, "Citations"),
)
KINDS = [(k.value, k.value.replace("_", " ")) for k in OrganizationKind]
CATEGORIES = list(CATEGORY_LABELS.items())
RELATION_TYPES = list(RELATION_LABELS.items())


@router.get("")
def home(
    request: Request,
    user: User,
    session: SessionDep,
    q: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """Search every family at once."""
    results = []
    if q.strip():
        for entity_type, label in FAMILIES:
            found = search(session, entity_type, SearchFilters(q=q, per_page=20))
            results.append((str(entity_type), label, found))
    return page(request, "search.html", q=q, results=results)


@router.get("/lookup/organizations")
def lookup_organizations(
    user: User, session: SessionDep, q: Annotated[str, Query(max_length=200)] = ""
) -> Response:
    """Suggest organizations for a relation field (the form's only script-driven lookup)."""
    found = search(session, EntityType.organization, SearchFilters(q=q or None, per_page=10))
    return JSONResponse([{"slug": i.slug, "name": i.name or i.slug} for i in found.items])


@router.get("/search-slug/{slug}")
def open_slug(user: User, session: SessionDep, slug: str) -> Response:
    """Open a profile by slug, whichever family it belongs to."""
    for entity_type in (EntityType.person, EntityType.organization):
        if find(session, entity_type, slug) is not None:
            return redirect(f"/console/entities/{entity_type}/{slug}")
    return redirect(f"/console?q={slug}")


def _entity_page(
    request: Request,
    session: SessionDep,
    entity_type: EntityType,
    slug: str,
    status_code: int = 200,
    problems: dict[str, list[str]] | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    working = load(session, entity_type, slug)
    document = working.snapshot or {}
    return page(
        request,
        "entity.html",
        status_code,
        source_check=source_health.latest(session, slug) if entity_type == "citation" else None,
        working=working,
        entity_type=str(entity_type),
        label=document.get("name") or document.get("title") or slug,
        history=history.history(session, entity_type, slug),
        problems=problems or {},
        values=values or {},
    )


@router.get("/entities/{entity_type}/{slug}")
def entity(
    request: Request, user: User, session: SessionDep, entity_type: EntityType, slug: str
) -> Response:
    """Show a profile's working copy, small edits and history."""
    try:
        return _entity_page(request, session, entity_type, slug)
    except NotFound as exc:
        return page(request, "message.html", 404, heading="Not found", message=exc.message)


@router.post("/entities/{entity_type}/{slug}/{list_field}")
def small_edit(
    request: Request,
    user: User,
    form: Form,
    session: SessionDep,
    entity_type: EntityType,
    slug: str,
    list_field: str,
) -> Response:
    """Add or remove one alias or exclude phrase."""
    if list_field not in ("aliases", "exclude") or entity_type is EntityType.citation:
        return page(request, "message.html", 404, heading="Not found", message="no such list")
    value, reason = field(form, f"{list_field}-value"), field(form, f"{list_field}-reason")
    problems: dict[str, list[str]] = {}
    if not value:
        problems[f"{list_field}-value"] = ["write the text to add"]
    if len(reason) < 3:
        problems[f"{list_field}-reason"] = ["say why, in at least 3 characters"]
    if not problems:
        change = items.add_item if field(form, "op") == "add" else items.remove_item
        with attempt(session) as errors:
            change(session, user.actor(), entity_type, slug, list_field, value, reason)
        if not errors:
            return redirect(f"/console/entities/{entity_type}/{slug}")
        problems[f"{list_field}-value"] = [errors[0].message]
    values = {f"{list_field}-value": value, f"{list_field}-reason": reason}
    return _entity_page(
        request, session, entity_type, slug, status_code=422, problems=problems, values=values
    )


def _form_page(
    request: Request, values: dict[str, Any], status_code: int = 200, **context: Any
) -> Response:
    numbered = [(m.group(1), int(m.group(2))) for k in values if (m := profile_form.ROW.match(k))]
    cite_rows = sorted({n for group, n in numbered if group == "cite"}) or [0]
    rel_rows = sorted({n for group, n in numbered if group == "rel"}) or [0]
    context.setdefault("problems", {})
    context.setdefault("action", "/console/profile/new")
    return page(
        request,
        "profile_form.html",
        status_code,
        values=values,
        cite_rows=cite_rows,
        rel_rows=rel_rows,
        kinds=KINDS,
        categories=CATEGORIES,
        relation_types=RELATION_TYPES,
        **context,
    )


@router.get("/profile/new")
def new_profile(
    request: Request,
    user: User,
    name: Annotated[str, Query(max_length=300)] = "",
    cite_url: Annotated[str, Query(max_length=2000)] = "",
    cite_title: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    """Show the empty profile form (prefilled from "Curate from a page")."""
    values: dict[str, Any] = {"name": name, "entity_type": "person", "match_surname": "1"}
    if cite_url:
        host = urlsplit(cite_url).hostname or ""
        values.update(
            {
                "cite-0-url": cite_url,
                "cite-0-title": cite_title,
                "cite-0-publisher": host.removeprefix("www."),
                "cite-0-quote": "",
            }
        )
    return _form_page(request, values)


@router.get("/profile/{entity_type}/{slug}/edit")
def edit_profile(
    request: Request, user: User, session: SessionDep, entity_type: EntityType, slug: str
) -> Response:
    """Show the profile form filled with a profile's working copy."""
    document = load(session, entity_type, slug).snapshot or {}
    values = profile_form.values_of(entity_type, document)
    return _form_page(
        request, values, editing=slug, action=f"/console/profile/{entity_type}/{slug}/edit"
    )


@router.post("/profile/new")
def save_new_profile(request: Request, user: User, form: Form, session: SessionDep) -> Response:
    """Save the form as one changeset: the profile, new organizations and new citations."""
    return _save(request, user, form, session, None)


@router.post("/profile/{entity_type}/{slug}/edit")
def save_profile(
    request: Request,
    user: User,
    form: Form,
    session: SessionDep,
    entity_type: EntityType,
    slug: str,
) -> Response:
    """Save an edited profile as one changeset."""
    base = load(session, entity_type, slug).snapshot
    return _save(request, user, form, session, base)


def _save(
    request: Request, user: User, form: Any, session: SessionDep, base: dict[str, Any] | None
) -> Response:
    parsed = profile_form.parse(form, base)
    values = {k: v for k, v in form.items() if k != "csrf" and isinstance(v, str)}
    values.setdefault("match_surname", "")
    context: dict[str, Any] = {}
    if base is not None:
        slug = base["slug"]
        context.update(editing=slug, action=f"/console/profile/{parsed.entity_type}/{slug}/edit")
    if parsed.problems:
        return _form_page(request, values, 422, problems=parsed.problems, **context)
    created = None
    with attempt(session) as errors:
        created = changesets.propose(
            session,
            user.actor(),
            field(form, "reason"),
            parsed.documents,
            acknowledge_duplicates=bool(form.get("acknowledge_duplicates")),
        )
    if created is not None and not errors:
        return redirect(f"/console/review/{created.id}?saved=1")
    status_code, explained = _explain(parsed, errors[0])
    return _form_page(request, values, status_code, **explained, **context)


def _explain(parsed: profile_form.ProfileForm, error: DomainError) -> tuple[int, dict[str, Any]]:
    """Turn a service error into problems next to the fields (or duplicate candidates)."""
    if isinstance(error, PossibleDuplicates):
        return error.status, {"candidates": error.candidates}
    problems: dict[str, list[str]] = {}
    for problem in error.fields or [{"loc": "", "message": error.message}]:
        name = profile_form.field_of(parsed, problem["loc"]) or "_form"
        message = (
            problem["message"] if name != "_form" else f"{problem['loc']}: {problem['message']}"
        )
        problems.setdefault(name, []).append(message)
    return error.status, {"problems": problems}
