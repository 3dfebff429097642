"""Request bodies that a route reads itself (streamed, not parsed whole by the framework),
stated in the OpenAPI document as if the framework had parsed them."""

from typing import Any

from pydantic import BaseModel

STREAMED: dict[str, type[BaseModel]] = {}  # schema name → model, for the components


def request_body(model: type[BaseModel]) -> dict[str, Any]:
    """The `openapi_extra` of a route whose JSON body follows `model`."""
    STREAMED[model.__name__] = model
    schema = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def components() -> dict[str, Any]:
    """The schemas of every streamed body, and of the models they use."""
    found: dict[str, Any] = {}
    for name, model in STREAMED.items():
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        found.update(schema.pop("$defs", {}))
        found[name] = schema
    return found
