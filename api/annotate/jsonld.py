"""Render annotate results in the W3C Web Annotation data model (JSON-LD)."""

from collections.abc import Sequence
from typing import Any

from api.annotate.matcher import Mention

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
BLOCK_SEPARATOR = "\n\n"
CONTEXT_CHARS = 32


def annotation_collection(
    url: str, blocks: Sequence[str], mentions: Sequence[Mention], base_url: str, version: int
) -> dict[str, Any]:
    """Build an AnnotationCollection: one Annotation per mention.

    Positions are Unicode code points in the article text formed by joining the blocks with
    a blank line (`\\n\\n`), as the model's TextPositionSelector requires.
    """
    starts: list[int] = []
    offset = 0
    for block in blocks:
        starts.append(offset)
        offset += len(block) + len(BLOCK_SEPARATOR)
    items = []
    for mention in mentions:
        block = blocks[mention.block]
        begin = starts[mention.block]
        items.append(
            {
                "id": f"urn:provnotes:v{version}:{mention.block}:{mention.cp_start}",
                "type": "Annotation",
                "motivation": "identifying",
                "body": [
                    {
                        "id": f"{base_url}/v1/entities/{slug}",
                        "format": "application/json",
                        "purpose": "identifying",
                    }
                    for slug in mention.entities
                ],
                "target": {
                    "source": url,
                    "selector": [
                        {
                            "type": "TextQuoteSelector",
                            "exact": mention.text,
                            "prefix": block[
                                max(0, mention.cp_start - CONTEXT_CHARS) : mention.cp_start
                            ],
                            "suffix": block[mention.cp_end : mention.cp_end + CONTEXT_CHARS],
                        },
                        {
                            "type": "TextPositionSelector",
                            "start": begin + mention.cp_start,
                            "end": begin + mention.cp_end,
                        },
                    ],
                },
            }
        )
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
