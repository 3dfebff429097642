"""Why a card says what it says: the published revision behind it and who reviewed it."""

from typing import Any


def history_url(slug: str) -> str:
    return f"/v1/entities/{slug}/history"


def review_of(slug: str, revision: dict[str, Any] | None) -> dict[str, Any] | None:
    """The card's `review`: its live revision, and who published it and when.

    Publishing a draft takes a second person (four eyes), so a revision whose publisher is not
    its author was reviewed. Seed and import files publish in one step with no reviewer: those
    revisions say "seeded", with the time they were loaded, and name nobody."""
    if revision is None:
        return None
    reviewer = revision["reviewed_by"]
    reviewed = reviewer is not None and reviewer != revision["author"]
    return {
        "revision": revision["number"],
        "status": "reviewed" if reviewed else "seeded",
        "reviewed_by": reviewer if reviewed else None,
        "published_at": revision["published_at"],
        "history": history_url(slug),
    }
