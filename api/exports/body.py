"""The import body, spooled to a temporary file as it arrives and read back record by record
(an incremental JSON parser), so an import never holds its body, or its records, whole."""

import hashlib
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from starlette.requests import Request

from api.common import loc_text
from api.edge import _walk, bad_text
from api.errors import DomainError, InvalidInput
from api.seeding.jsonstream import TAIL, JsonEvents, NotUtf8, suspect
from api.seeding.records import RawRecord

MAX_FILES = 10_000
MAX_NAME = 500
MEMORY_SPOOL = 1 << 20  # bytes kept in memory before the body goes to disk


class NotText(DomainError):
    status = 400
    code = "bad_request"


@dataclass
class SpooledBody:
    """A request body held in a temporary file, with its digest and what a scan found."""

    file: IO[bytes]
    size: int = 0
    digest: str = ""
    suspect: bool = False  # holds an escape that needs the exact parser and a text check

    def close(self) -> None:
        self.file.close()

    def records(self) -> Iterator[RawRecord]:
        """Read the body again from its start, yielding its seed records in order."""
        self.file.seek(0)
        events = JsonEvents(self.file, _invalid, "body", exact=self.suspect)
        try:
            for record in _records(events):
                yield _checked(record) if self.suspect else record
        except NotUtf8 as exc:
            raise NotText("the request body is not UTF-8 text") from exc


async def spool(request: Request) -> SpooledBody:
    """Copy the request body into a temporary file as it streams in (the size limit is
    enforced upstream, while it arrives)."""
    return await spool_chunks(request.stream())


async def spool_chunks(chunks: AsyncIterator[bytes]) -> SpooledBody:
    """Copy a body's chunks into a temporary file, noting its digest and suspect escapes."""
    body = SpooledBody(tempfile.SpooledTemporaryFile(max_size=MEMORY_SPOOL))  # noqa: SIM115
    digest = hashlib.sha256()
    tail = b""
    try:
        async for chunk in chunks:
            if not chunk:
                continue
            body.file.write(chunk)
            digest.update(chunk)
            body.size += len(chunk)
            body.suspect = body.suspect or suspect(tail + chunk)
            tail = chunk[-TAIL:]
    except BaseException:
        body.close()
        raise
    body.digest = digest.hexdigest()
    return body


def _invalid(loc: str, message: str) -> InvalidInput:
    return InvalidInput(f"{loc}: {message}", fields=[{"loc": loc, "message": message}])


def _records(events: JsonEvents) -> Iterator[RawRecord]:
    """Walk `{"files": [{name, citations, organizations, people}]}`, checking that shape as
    the schema states it, and yield one record at a time."""
    if events.next()[0] != "start_map":
        raise _invalid("body", "must be an object with 'files'")
    seen = False
    while (event := events.next())[0] == "map_key":
        if event[1] != "files":
            raise _invalid(f"body.{event[1]}", "unknown field (the body has only 'files')")
        if seen:
            raise _invalid("body.files", "given twice")
        seen = True
        if events.next()[0] != "start_array":
            raise _invalid("body.files", "must be a list of seed files")
        count = 0
        while (item := events.next())[0] != "end_array":
            place = f"body.files[{count}]"
            if count == MAX_FILES:
                raise _invalid("body.files", f"at most {MAX_FILES:,} files per import")
            if item[0] != "start_map":
                raise _invalid(place, "must be an object")
            # Records before the file's name (if any) are labelled by position.
            yield from events.sections(f"files[{count}]", place, _name_checker(place))
            count += 1
        if count == 0:
            raise _invalid("body.files", "must hold at least one file")
    if not seen:
        raise _invalid("body.files", "field required")
    events.end()


def _name_checker(place: str) -> Callable[[Any], str]:
    def name(value: Any) -> str:
        if not isinstance(value, str) or len(value) > MAX_NAME or bad_text(value):
            raise _invalid(f"{place}.name", f"must be text of at most {MAX_NAME} characters")
        return value

    return name


def _checked(record: RawRecord) -> RawRecord:
    """Refuse text no column can hold (NUL, lone surrogates), naming its place."""
    for loc, problem in _walk(record.data, ()):
        raise _invalid(record.where + (f".{loc_text(loc)}" if loc else ""), problem)
    return record
