"""OpenAPI links from the responses that name a reply to the curators' operations on it."""

from typing import Any

from api.openapi import operation_link

REPLY = "/admin/v1/replies/{reply_id}"
REPLIES = "/v1/entities/{slug}/replies"


def reply_links(reply_id: str) -> dict[str, Any]:
    """A response's `links` to show, open and decide the reply whose id `reply_id` (a runtime
    expression) names."""
    return {
        "links": {
            "GetReply": operation_link(REPLY, "get", reply_id=reply_id),
            "OpenReply": operation_link(f"{REPLY}/open", "post", reply_id=reply_id),
            "DecideReply": operation_link(f"{REPLY}/decide", "post", reply_id=reply_id),
        }
    }


def profile_links(slug: str) -> dict[str, Any]:
    """A response's `links` to reply to the profile whose slug `slug` (a runtime expression)
    names: the first step towards a reply for curators to act on."""
    return {"links": {"ReplyToProfile": operation_link(REPLIES, "post", slug=slug)}}
