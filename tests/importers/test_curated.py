"""Adding imported hosts to hand-written outlet profiles without disturbing the file."""

import yaml

from api.importers.curated import HostAddition, add_hosts

CITES = ("asd-data", "asd-smm")
TEXT = """\
# A hand-written file.
organizations:
  - slug: alpha
    name: Alpha
    kind: outlet
    country: RU
    citations: [a]
    domains:
      - {host: alpha.example, citations: [a]}
    category: {value: state_controlled, as_of: 2025-01-01, citations: [a]}

  # ---- a comment between records
  - slug: beta
    name: Beta
    kind: outlet
    country: ID
    citations: [b]
    category: {value: independent_public, as_of: 2025-01-01, citations: [b]}
  - slug: gamma
    name: Gamma
    kind: company
    country: ID
    citations: [c]
"""


def test_hosts_go_after_the_last_domain_or_in_a_new_list_before_the_category() -> None:
    text, left = add_hosts(
        TEXT,
        [
            HostAddition("alpha", (("mirror.example", ""),), CITES),
            HostAddition("alpha", (("sb.example", "/x/"),), CITES),
            HostAddition("beta", (("beta.example", ""),), CITES),
        ],
    )
    assert left == []
    data = yaml.safe_load(text)["organizations"]
    assert [d["host"] for d in data[0]["domains"]] == [
        "alpha.example",
        "mirror.example",
        "sb.example",
    ]
    assert data[0]["domains"][2] == {
        "host": "sb.example",
        "path_prefix": "/x/",
        "citations": list(CITES),
    }
    assert data[1]["domains"] == [{"host": "beta.example", "citations": list(CITES)}]
    assert text.startswith("# A hand-written file.\n")
    assert "  # ---- a comment between records\n" in text
    assert text.count("\n") == TEXT.count("\n") + 4


def test_a_profile_with_neither_domains_nor_category_is_left_for_a_curator() -> None:
    text, left = add_hosts(TEXT, [HostAddition("gamma", (("gamma.example", ""),), CITES)])
    assert text == TEXT
    assert left == [HostAddition("gamma", (("gamma.example", ""),), CITES)]
