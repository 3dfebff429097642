"""Request and response shapes of `POST /v1/annotate`."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.cards.models import CardPublic

Lang = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]


class AnnotateRequest(BaseModel):
    """An article as the extension extracted it: its URL and its text blocks in order."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(max_length=4000, description="the page URL (http or https)")
    lang: Lang | None = Field(default=None, description="reader-note language, e.g. `tr`")
    blocks: list[str] = Field(description="article text blocks (paragraphs, headings)")


class MentionPublic(BaseModel):
    """A profiled name found in a block; offsets count UTF-16 code units."""

    block: int
    start: int
    end: int
    text: str
    entities: list[str]
    kind: Literal["person", "organization", "cited_outlet"]
    match: Literal["name", "alias", "surname"]
    ambiguous: bool


class AnnotateResponse(BaseModel):
    """Who published the page, who is named in it, and their cards."""

    url: str
    offset_unit: Literal["utf16"] = "utf16"
    data_version: int
    outlet: CardPublic | None
    mentions: list[MentionPublic]
    entities: dict[str, CardPublic]
