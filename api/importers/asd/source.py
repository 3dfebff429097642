"""Read the State Media Matrix CSV row by row into cleaned rows, each with what to do about it."""

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from api.importers.countries import UnknownCountry, country_code
from api.importers.names import CleanName, clean_name
from api.organizations.models import DomainDocument

# State Media Monitor codes → the categories of the seed format.
TYPOLOGY: dict[str, str] = {
    "SC": "state_controlled",
    "CaPu": "captured_public_state_managed",
    "CaPr": "captured_private",
    "ISFM": "independent_state_funded_state_managed",
    "ISF": "independent_state_funded",
    "ISM": "independent_state_managed",
    "IP": "independent_public",
}
NOT_FUNCTIONAL = "currently not functional"
SOCIAL_COLUMNS: dict[str, str] = {
    "Instagram Link": "instagram",
    "Twitter Link": "twitter",
    "Facebook Link": "facebook",
    "Youtube Link": "youtube",
    "Telegram Link": "telegram",
    "VK Link": "vk",
    "Linkedin link": "linkedin",
    "Ok.ru link": "ok",
    "Tiktok Link": "tiktok",
    "Rutube Link": "rutube",
}
REQUIRED = ("Country", "Media company", "Main assets", "URL", "Typology", "Status")


class SourceProblem(ValueError):
    """The file is not a State Media Matrix (missing columns, unreadable)."""


@dataclass(frozen=True, slots=True)
class Row:
    """One usable row of the dataset, cleaned."""

    line: int
    region: str
    country: str
    company: CleanName
    asset: CleanName
    url: str
    host: str
    path: str
    code: str
    category: str | None  # None: uncertain or blank typology
    status: str
    social: tuple[tuple[str, str], ...]

    @property
    def where(self) -> str:
        return f"line {self.line}"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A row that gives no profile, and why."""

    line: int
    label: str
    reason: str


def parse_url(raw: str) -> tuple[str, str] | None:
    """Return (host without `www.`, path ending in `/`) of a dataset URL, or None."""
    text = raw.strip()
    if not text:
        return None
    if "://" not in text:
        text = "http://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower().rstrip(".").removeprefix("www.")
    except ValueError:
        return None
    try:
        DomainDocument(host=host)
    except ValueError:
        return None
    path = parts.path or "/"
    return host, path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"


def _social(record: dict[str, str]) -> tuple[tuple[str, str], ...]:
    links = []
    for column, platform in SOCIAL_COLUMNS.items():
        url = (record.get(column) or "").strip()
        if url.startswith(("https://", "http://")):
            links.append((platform, url))
    return tuple(links)


def read_rows(path: Path) -> Iterator[Row | Skipped]:
    """Yield every data row of the file, cleaned, or the reason it is skipped (streaming)."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise SourceProblem(f"{path}: cannot read: {exc}") from exc
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise SourceProblem(f"{path}: not a State Media Matrix: no column {missing[0]!r}")
        try:
            for record in reader:
                yield _row(reader.line_num, record)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise SourceProblem(f"{path}: line {reader.line_num}: {exc}") from exc


def _row(line: int, record: dict[str, str]) -> Row | Skipped:
    get = {k: (v or "").strip() for k, v in record.items() if k is not None}
    label = get.get("Main assets") or get.get("Media company") or "(empty row)"
    if not any(get.get(c) for c in REQUIRED):
        return Skipped(line, label, "empty row")
    try:
        country = country_code(get["Country"])
    except UnknownCountry as exc:
        return Skipped(line, label, str(exc))
    status = get["Status"]
    if status.casefold() == NOT_FUNCTIONAL:
        return Skipped(line, label, f"marked '{status}': the host may since belong to others")
    parsed = parse_url(get["URL"])
    if parsed is None:
        why = "no website" if not get["URL"] else f"URL {get['URL']!r} has no valid host"
        return Skipped(line, label, f"{why}: nothing for the index to match")
    if not get["Main assets"] or not get["Media company"]:
        return Skipped(line, label, "no outlet or company name")
    code = get["Typology"]
    return Row(
        line=line,
        region=get.get("Region", ""),
        country=country,
        company=clean_name(get["Media company"]),
        asset=clean_name(get["Main assets"]),
        url=get["URL"],
        host=parsed[0],
        path=parsed[1],
        code=code,
        category=TYPOLOGY.get(code),
        status=status,
        social=_social(get),
    )
