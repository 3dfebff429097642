"""Console page "Curate from a page": what the public annotate shows for a pasted article, and
the quoted names nobody has profiled yet, each one click from a prefilled profile form."""

import re

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import ValidationError

from api.annotate.models import AnnotateRequest
from api.annotate.service import find
from api.console import spans
from api.console.deps import Form, User, field, page
from api.deps import SessionDep, SettingsDep, SnapshotDep
from api.errors import DomainError
from api.revisions.listing import labels

router = APIRouter(prefix="/console", include_in_schema=False)


@router.get("/curate")
def curate_page(request: Request, user: User) -> Response:
    """Show the paste form."""
    return page(request, "curate.html", problems={}, values={}, result=None)


@router.post("/curate")
def curate(
    request: Request,
    user: User,
    form: Form,
    session: SessionDep,
    snapshot: SnapshotDep,
    settings: SettingsDep,
) -> Response:
    """Annotate the pasted article as the public API would, and list unprofiled quoted names."""
    values = {name: field(form, name) for name in ("url", "title", "text")}
    problems: dict[str, list[str]] = {}
    if not values["url"]:
        problems["url"] = ["the article's address is required"]
    if not values["text"]:
        problems["text"] = ["paste the article's text"]
    blocks = [b.strip() for b in re.split(r"\n\s*\n", values["text"]) if b.strip()]
    if not problems:
        try:
            match, mentions = find(
                snapshot, AnnotateRequest(url=values["url"], blocks=blocks), settings
            )
            outlet = match.outlet if match else None
        except DomainError as exc:
            problems["url" if "url" in exc.message else "text"] = [
                exc.message.removeprefix("body.url: ").removeprefix("body.blocks: ")
            ]
        except ValidationError:
            problems["url"] = ["the address is too long"]
    if problems:
        return page(request, "curate.html", 422, problems=problems, values=values, result=None)
    taken = {(m.block, m.cp_start, m.cp_end) for m in mentions}
    marked: list[list[tuple[str, bool]]] = []
    for b, block in enumerate(blocks):
        parts, at = [], 0
        for m in sorted((m for m in mentions if m.block == b), key=lambda m: m.cp_start):
            if m.cp_start < at:
                continue
            parts += [(block[at : m.cp_start], False), (block[m.cp_start : m.cp_end], True)]
            at = m.cp_end
        marked.append([*parts, (block[at:], False)])
    return page(
        request,
        "curate.html",
        problems={},
        values=values,
        result={"outlet": outlet, "mentions": mentions},
        names=labels(session, [outlet or "", *(e for m in mentions for e in m.entities)]),
        marked=marked,
        spans=spans.candidates(blocks, taken),
    )
