"""A seed record as read from a file or a request, with the place it came from."""

from dataclasses import dataclass
from typing import Any

SECTIONS = ("citations", "organizations", "people")


@dataclass(slots=True)  # not frozen, for a fast __init__ (one per seed record): never changed
class RawRecord:
    """One record as read from a file, with the place it came from."""

    file: str
    section: str
    index: int
    data: Any

    @property
    def where(self) -> str:
        return f"{self.file}: {self.section}[{self.index}]"
