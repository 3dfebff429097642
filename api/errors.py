"""Domain errors that carry their HTTP status, and the one handler that renders them."""

from typing import Any


class DomainError(Exception):
    """A failure the caller can fix; rendered as JSON with its status and code."""

    status = 400
    code = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        fields: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or []
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        """Return the JSON error body."""
        error: dict[str, Any] = {"status": self.status, "code": self.code, "message": self.message}
        if self.fields:
            error["fields"] = self.fields
        return {"error": error}


class NotFound(DomainError):
    status = 404
    code = "not_found"


class InvalidInput(DomainError):
    status = 422
    code = "validation_error"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class PayloadTooLarge(DomainError):
    status = 413
    code = "payload_too_large"


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"


class Forbidden(DomainError):
    status = 403
    code = "forbidden"


class PreconditionRequired(DomainError):
    status = 428
    code = "precondition_required"


class PreconditionFailed(DomainError):
    status = 412
    code = "precondition_failed"


class TooManyRequests(DomainError):
    status = 429
    code = "too_many_requests"


class UnsupportedMediaType(DomainError):
    status = 415
    code = "unsupported_media_type"
