"""The OpenAPI document states every status a route can answer: the ones a route declares,
plus those that follow from how it is built (its body, path, auth, If-Match and database)."""

from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI, routing
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from api.auth.deps import current_account
from api.deps import current_snapshot, get_session, read_sessions
from api.openapi_body import components as streamed_components

ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message"],
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["loc", "message"],
                        "properties": {"loc": {"type": "string"}, "message": {"type": "string"}},
                    },
                },
            },
        }
    },
}
GENERIC = {
    400: "The body cannot be read as text (not UTF-8)",
    401: "No usable bearer token",
    403: "The account's role does not allow this",
    404: "Nothing has this identifier",
    409: "The request conflicts with the current state, or with a concurrent change",
    412: "If-Match does not name the current version: someone saved first; reload",
    413: "The request body is larger than the limit",
    415: "The body is not JSON (send Content-Type: application/json)",
    422: "A malformed field, or text no field may hold (NUL, lone surrogates); each problem "
    "is named with its location",
    428: "If-Match is missing: send the ETag of your last read",
    503: "The database is unreachable, busy or full; retry after `Retry-After` seconds",
}
ETAG_PATTERN = r'^(W/)?"(org|person|cite)-[a-z0-9._-]+-r[0-9]{1,10}"(\s*,\s*(W/)?"[^"]*")*$'
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def operation_link(path: str, method: str, **parameters: str) -> dict[str, Any]:
    """An OpenAPI link to the `method` operation on `path`, its parameters taken from runtime
    expressions such as `$response.body#/id`: what a client (or a stateful test) may call next."""
    pointer = path.replace("~", "~0").replace("/", "~1")
    return {"operationRef": f"#/paths/{pointer}/{method.lower()}", "parameters": parameters}


def _calls(dependant: Dependant) -> Iterator[Any]:
    for sub in dependant.dependencies:
        yield sub.call
        yield from _calls(sub)


def statuses(route: Any) -> set[int]:
    """The error statuses that follow from a route's parameters and dependencies (the route
    as included, with its routers' dependencies)."""
    calls = set(_calls(route.dependant))
    names = {getattr(call, "__name__", "") for call in calls}
    found = {422}  # the edge guard checks every path and query
    if route.body_field is not None:
        found |= {400, 413}  # 400: a body that is not UTF-8 text
    if set(route.methods or ()) & {"POST", "PUT", "PATCH"}:
        found.add(415)  # a body that is not JSON
    if route.dependant.path_params:
        found.add(404)
    if current_account in calls:
        found.add(401)
    if any(name.startswith("require_") for name in names):
        found.add(403)
    if any(p.alias.lower() == "if-match" for p in route.dependant.header_params):
        found |= {412, 428}
    if calls & {get_session, read_sessions, current_snapshot}:  # they may read the database
        found.add(503)
    if get_session in calls and set(route.methods or ()) & WRITE_METHODS:
        found.add(409)
    return found


def _responses_for(route: Any, operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for code in sorted(statuses(route) | {int(c) for c in responses if str(c).isdigit()}):
        if code < 400:
            continue
        entry = responses.setdefault(str(code), {"description": GENERIC.get(code, "Error")})
        entry["content"] = error
        if code == 503:
            entry["headers"] = {
                "Retry-After": {"description": "seconds", "schema": {"type": "string"}}
            }
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "header" and parameter.get("name", "").lower() == "if-match":
            parameter["schema"] = {"type": "string", "pattern": ETAG_PATTERN, "maxLength": 500}


def state_rules(components: dict[str, Any]) -> None:
    """State in the schema the rules services enforce on documents: every claim cites at
    least one source, and a changeset holds at least one document."""
    for schema in components.values():
        properties = schema.get("properties", {})
        sources = properties.get("citations", {})
        if sources.get("type") == "array" and sources.get("items", {}).get("type") == "string":
            sources["minItems"] = 1
            if schema.get("title", "").endswith("Document") or "Create" in schema.get("title", ""):
                schema["required"] = sorted({*schema.get("required", []), "citations"})
    documents = {"citations": "Citation", "organizations": "Organization", "people": "Person"}
    for name in ("ChangesetCreate", "ChangesetDocuments"):
        changeset = components.get(name)
        if changeset is None:
            continue
        for section, kind in documents.items():
            if f"{kind}Document" in components and section in changeset["properties"]:
                changeset["properties"][section]["items"] = {
                    "$ref": f"#/components/schemas/{kind}Document"
                }
        if name == "ChangesetCreate":
            changeset["anyOf"] = [
                {"required": [section], "properties": {section: {"minItems": 1}}}
                for section in documents
            ]


NO_NUL = r"^[^\x00]*$"


def no_nul(node: Any) -> None:
    """State in every string schema what the edge guard enforces: no string holds NUL. A free
    string gets a pattern saying so; a pattern's negated classes leave NUL out, and a pattern
    that is searched for, not anchored, is anchored around text without NUL."""
    if isinstance(node, list):
        for item in node:
            no_nul(item)
        return
    if not isinstance(node, dict):
        return
    if node.get("type") == "string" and not {"enum", "const", "format"} & set(node):
        pattern = node.get("pattern")
        if pattern is None:
            node["pattern"] = NO_NUL
        elif "\\x00" not in pattern:
            pattern = pattern.replace("[^", "[^\\x00").replace("[\\s\\S]", "[^\\x00]")
            if not (pattern.startswith("^") and pattern.endswith("$")):
                pattern = f"^[^\\x00]*(?:{pattern})[^\\x00]*$"
            node["pattern"] = pattern
    for value in node.values():
        no_nul(value)


def install(app: FastAPI) -> None:
    """Replace the app's OpenAPI generator with one that documents every status."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Error"] = ERROR_SCHEMA
        for name, body in streamed_components().items():
            components.setdefault(name, body)
        state_rules(components)
        no_nul(components)
        for route in routing.iter_route_contexts(app.routes):
            if not isinstance(route.original_route, APIRoute) or not route.include_in_schema:
                continue
            for method in route.methods or ():
                operation = schema["paths"].get(route.path_format, {}).get(method.lower())
                if operation is not None:
                    _responses_for(route, operation)
                    no_nul(operation.get("parameters", []))
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
