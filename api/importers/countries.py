"""Country names as datasets spell them → ISO 3166-1 alpha-2 codes (pycountry plus overrides)."""

from functools import cache

import pycountry

# Names pycountry does not resolve, as they appear in the imported datasets. Every entry is
# tested to be needed (pycountry alone fails on it) and to give a code pycountry knows, except
# `EU`, which ISO 3166-1 reserves exceptionally for the European Union.
OVERRIDES: dict[str, str] = {
    "brunei": "BN",
    "dr congo": "CD",
    "europen union": "EU",  # sic, as spelled in the State Media Matrix
    "european union": "EU",
    "palestine territories": "PS",
    "russia": "RU",
    "the gambia": "GM",
    "turkey": "TR",
    "uae": "AE",
    "vatican city": "VA",
}
RESERVED = frozenset({"EU"})


class UnknownCountry(ValueError):
    """A country name that neither pycountry nor the override table knows."""


@cache
def country_code(name: str) -> str:
    """Return the alpha-2 code for a country name, or raise UnknownCountry."""
    key = " ".join(name.split()).casefold()
    if not key:
        raise UnknownCountry("no country given")
    if key in OVERRIDES:
        return OVERRIDES[key]
    try:
        return str(pycountry.countries.lookup(key).alpha_2)
    except LookupError:
        raise UnknownCountry(f"unknown country name {name!r}") from None


def country_name(code: str) -> str:
    """Return the short English name of a country code ("RU" → "Russian Federation")."""
    country = pycountry.countries.get(alpha_2=code)
    return str(getattr(country, "common_name", None) or country.name) if country else code
