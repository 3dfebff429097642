"""Field types and helpers shared by every entity family."""

import gc
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
KEY_PATTERN = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$"
PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
PARTIAL_DATE = re.compile(PARTIAL_DATE_PATTERN)
COUNTRY_PATTERN = r"^[A-Z]{2}$"
QID_PATTERN = r"^Q[1-9][0-9]*$"
# Unicode White_Space, spelled out so Python and JSON-schema (ECMA) regexes agree exactly.
WHITESPACE = "\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# An absolute http(s) URL with no user name or password (no "@" before the path).
HTTP_URL_PATTERN = (
    f"^[Hh][Tt][Tt][Pp][Ss]?://[^{WHITESPACE}/$.?#@][^{WHITESPACE}/?#@]*([/?#][^{WHITESPACE}]*)?$"
)
NOT_BLANK_PATTERN = f"[^{WHITESPACE}]"  # what pydantic strips; a text must hold more
_LABEL = "[A-Za-z0-9_-]{1,63}"
_PORT = "([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])"
# A page URL the matcher can read: http(s), a host name or IPv4 address, an optional port.
PAGE_URL_PATTERN = (
    f"^[Hh][Tt][Tt][Pp][Ss]?://([^{WHITESPACE}@/?#]*@)?{_LABEL}(\\.{_LABEL})*\\.?"
    f"(:{_PORT})?([/?#][^{WHITESPACE}]*)?$"
)
DB_INT_MAX = 2**31 - 1  # the largest id or number every backend's integer columns hold


def utcnow() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def _check_partial_date(value: str) -> str:
    if not PARTIAL_DATE.fullmatch(value):
        raise ValueError("must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD")
    if len(value) == 10:
        date.fromisoformat(value)
    return value


def _check_http_url(value: str) -> str:
    if not HTTP_URL.fullmatch(value):
        authority = re.split(r"[/?#]", value.split("://", 1)[-1], maxsplit=1)[0]
        if "@" in authority and re.match(r"^[Hh][Tt][Tt][Pp][Ss]?://", value):
            raise ValueError("must not hold a user name or password (readers would see them)")
        raise ValueError("must be an absolute http(s) URL")
    return value


def _matching(pattern: str, explanation: str) -> AfterValidator:
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise ValueError(f"{value!r} is not {explanation}")
        return value

    return AfterValidator(check)


def _schema_pattern(pattern: str) -> Any:
    """State a pattern in the JSON schema (the validator beside it gives the friendly error)."""
    return Field(json_schema_extra={"pattern": pattern})


HTTP_URL = re.compile(HTTP_URL_PATTERN)
Slug = Annotated[
    str,
    StringConstraints(max_length=120),
    _schema_pattern(SLUG_PATTERN),
    _matching(SLUG_PATTERN, "a slug (lower-case letters and digits joined by single hyphens)"),
]
Key = Annotated[
    str,
    StringConstraints(max_length=160),
    _schema_pattern(KEY_PATTERN),
    _matching(KEY_PATTERN, "a citation key (lower-case letters and digits joined by - _ or .)"),
]
Country = Annotated[
    str,
    _schema_pattern(COUNTRY_PATTERN),
    _matching(COUNTRY_PATTERN, "an ISO 3166-1 alpha-2 code like 'RU'"),
]
Qid = Annotated[
    str, _schema_pattern(QID_PATTERN), _matching(QID_PATTERN, "a Wikidata id like 'Q42'")
]
PartialDate = Annotated[
    str, _schema_pattern(PARTIAL_DATE_PATTERN), AfterValidator(_check_partial_date)
]
HttpUrl = Annotated[
    str,
    StringConstraints(max_length=2000),
    _schema_pattern(HTTP_URL_PATTERN),
    AfterValidator(_check_http_url),
]
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    _schema_pattern(NOT_BLANK_PATTERN),
]
LongText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=4000),
    _schema_pattern(NOT_BLANK_PATTERN),
]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a bulk step makes many long-lived objects that
    hold no cycles: it would walk them over and over while they are made (reference counting
    still frees them; it resumes as it was)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


SERVING_YOUNG_THRESHOLD = 10_000  # Python's default is 700


def collector_for_serving() -> None:
    """Let the cyclic garbage collector's youngest generation grow to SERVING_YOUNG_THRESHOLD
    objects before a collection, not 700. A request makes thousands of objects that reference
    counting frees by its end; with the default, young collections kept walking those of the
    requests in flight, and promoted them to the generations whose collections walk every card
    and chain kept: a fifth of a cold annotate's time. Older generations keep their thresholds;
    what only a collection frees (cycles) waits a little longer."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(SERVING_YOUNG_THRESHOLD, middle, old)


def empty(factory: type[list[Any]] | type[dict[Any, Any]]) -> Any:
    """Default a document field to a new empty list or mapping, stated in the JSON schema as
    `[]` or `{}`. (A literal `[]` or `{}` default is deep-copied for each document validated,
    which cost a seed run of 100,000 documents seconds.)"""
    return Field(default_factory=factory, json_schema_extra={"default": factory()})


def loc_text(loc: Iterable[Any]) -> str:
    """Render a pydantic location as `relations[0].object`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
