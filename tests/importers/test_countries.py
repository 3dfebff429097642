"""Country names → ISO 3166-1 codes: pycountry first, then a small tested override table."""

import csv
from pathlib import Path

import pycountry
import pytest

from api.importers.countries import OVERRIDES, RESERVED, UnknownCountry, country_code

ASD_CSV = (
    Path(__file__).resolve().parents[2] / "data/asd-state-media-profiles/State_Media_Matrix.csv"
)


def test_every_country_of_the_dataset_resolves() -> None:
    with ASD_CSV.open(encoding="utf-8-sig", newline="") as handle:
        names = {row["Country"] for row in csv.DictReader(handle) if row["Country"]}
    codes = {name: country_code(name) for name in names}
    assert len(names) == 157  # the README counts 158 with the blank row
    assert codes["Russia"] == "RU"
    assert codes["Turkey"] == "TR"
    assert codes["Côte d'Ivoire"] == "CI"
    assert codes["DR Congo"] == "CD"
    assert codes["Congo"] == "CG"


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_each_override_is_needed_and_gives_a_real_code(name: str) -> None:
    with pytest.raises(LookupError):
        pycountry.countries.lookup(name)
    code = OVERRIDES[name]
    assert code in RESERVED or pycountry.countries.get(alpha_2=code) is not None


def test_unknown_and_blank_names_are_refused() -> None:
    with pytest.raises(UnknownCountry, match="Atlantis"):
        country_code("Atlantis")
    with pytest.raises(UnknownCountry, match="no country"):
        country_code("  ")


def test_spacing_and_case_do_not_matter() -> None:
    assert country_code("  united   KINGDOM ") == "GB"
