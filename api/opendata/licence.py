"""The licence of the published data, and the notice its ASD-derived records keep."""

from typing import Any

DATA_LICENCE = {
    "name": "CC BY-SA 4.0",
    "url": "https://creativecommons.org/licenses/by-sa/4.0/",
    "attribution": "Provenance Notes contributors",
}
ASD_CITATION_PREFIX = "asd-state-media-matrix-"
ASD_MIT_NOTICE = """MIT License

Copyright (c) 2023 ASD-at-GMF

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


def licence_record() -> dict[str, Any]:
    """Return the licence fields of the dump's header record."""
    return {
        "licence": DATA_LICENCE,
        "third_party": [
            {
                "applies_to": (
                    "records citing a citation whose key starts with "
                    f"'{ASD_CITATION_PREFIX}' (imported from ASD-at-GMF/state-media-profiles)"
                ),
                "licence": "MIT",
                "notice": ASD_MIT_NOTICE,
            }
        ],
    }


def cites_asd(document: dict[str, Any]) -> bool:
    """Tell whether a seed record cites the ASD State Media Matrix anywhere."""
    text = str(document)
    return ASD_CITATION_PREFIX in text
