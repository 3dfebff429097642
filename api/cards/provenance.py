"""Why a card says what it says: the published revision behind it, who reviewed it, and
whether its subject disputes it."""

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


def dispute_of(slug: str, replies: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The card's `dispute`: `open` while a shown reply waits for its outcome (the first one
    opened), else the newest outcome; None when moderation let no reply through."""
    if not replies:
        return None
    url = f"/v1/entities/{slug}/replies"
    waiting = [r for r in replies if r["status"] == "open"]
    if waiting:
        first = min(waiting, key=lambda r: r["opened_at"])
        return {"status": "open", "replies": len(replies), "since": first["opened_at"], "url": url}
    last = max(replies, key=lambda r: r["decided_at"])
    return {
        "status": last["status"],
        "replies": len(replies),
        "since": last["decided_at"],
        "revision": last["revision"],
        "reason": last["reason"],
        "url": url,
    }
