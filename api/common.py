"""Field types and helpers shared by every entity family."""

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
KEY_PATTERN = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$"
PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
COUNTRY_PATTERN = r"^[A-Z]{2}$"
QID_PATTERN = r"^Q[1-9]\d*$"
DB_INT_MAX = 2**31 - 1  # the largest id or number every backend's integer columns hold


def utcnow() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def _check_partial_date(value: str) -> str:
    if not PARTIAL_DATE.match(value):
        raise ValueError("must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD")
    if len(value) == 10:
        date.fromisoformat(value)
    return value


def _check_http_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, flags=re.IGNORECASE):
        raise ValueError("must be an absolute http(s) URL")
    return value


def _matching(pattern: str, explanation: str) -> AfterValidator:
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.match(value):
            raise ValueError(f"{value!r} is not {explanation}")
        return value

    return AfterValidator(check)


Slug = Annotated[
    str,
    StringConstraints(max_length=120),
    _matching(SLUG_PATTERN, "a slug (lower-case letters and digits joined by single hyphens)"),
]
Key = Annotated[
    str,
    StringConstraints(max_length=160),
    _matching(KEY_PATTERN, "a citation key (lower-case letters and digits joined by - _ or .)"),
]
Country = Annotated[str, _matching(COUNTRY_PATTERN, "an ISO 3166-1 alpha-2 code like 'RU'")]
Qid = Annotated[str, _matching(QID_PATTERN, "a Wikidata id like 'Q42'")]
PartialDate = Annotated[str, AfterValidator(_check_partial_date)]
HttpUrl = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_check_http_url)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]


def loc_text(loc: Iterable[Any]) -> str:
    """Render a pydantic location as `relations[0].object`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
