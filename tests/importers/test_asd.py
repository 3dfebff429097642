"""The State Media Matrix import: mapping, merging with curated profiles, report, output."""

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from api.cli import app
from api.importers.asd.documents import Dataset, build
from api.importers.asd.output import check
from api.importers.asd.source import SourceProblem, read_rows
from api.importers.existing import read_existing
from tests import factories as f

ROOT = Path(__file__).resolve().parents[2]
ASD_CSV = ROOT / "data/asd-state-media-profiles/State_Media_Matrix.csv"
SAMPLE = Path(__file__).resolve().parents[1] / "fixtures/importers/asd_sample.csv"


def _write_csv(folder: Path) -> Path:
    """Copy the sample (rows written like the real file's) with a licence beside it."""
    path = folder / "State_Media_Matrix.csv"
    path.write_bytes(SAMPLE.read_bytes())
    (folder / "LICENSE").write_text("MIT License\n\nCopyright (c) 2023 ASD-at-GMF\n")
    return path


def _curated(seed: Path) -> None:
    """A hand-written Sputnik profile, as a curator keeps it."""
    seed.mkdir(parents=True, exist_ok=True)
    (seed / "curated.yaml").write_text(
        "citations:\n"
        "  - {key: sputnik-about, url: 'https://sputnikglobe.com/docs/about/', title: About,"
        " publisher: Sputnik, accessed: '2026-11-25'}\n"
        "organizations:\n"
        "  - slug: sputnik\n"
        "    name: Sputnik\n"
        "    kind: outlet\n"
        "    country: RU\n"
        "    citations: [sputnik-about]\n"
        "    domains:\n"
        "      - {host: sputnikglobe.com, citations: [sputnik-about]}\n"
        "    category: {value: state_controlled, as_of: 2025-01-01, citations: [sputnik-about]}\n",
        encoding="utf-8",
    )


def _organizations(seed: Path, tmp_path: Path) -> dict[str, dict[str, Any]]:
    existing = read_existing(seed, seed / "asd")
    built = build(read_rows(_write_csv(tmp_path)), existing, Dataset())
    return {doc["slug"]: doc for _, doc in built.organizations}


def test_rows_sharing_a_host_make_one_outlet_named_by_the_first(tmp_path: Path) -> None:
    orgs = _organizations(tmp_path / "seed", tmp_path)
    rta = orgs["national-television-afghanistan"]
    assert [d["host"] for d in rta["domains"]] == ["rta.af"]
    assert rta["aliases"] == ["Radio Afghanistan"]
    assert rta["kind"] == "broadcaster"
    assert rta["relations"][0] == {
        "type": "owned_by",
        "object": "radio-television-afghanistan",
        "citations": ["asd-state-media-matrix-d878fee", "asd-state-media-monitor-typology"],
    }
    company = orgs["radio-television-afghanistan"]
    assert (company["kind"], company["aliases"], company["country"]) == ("company", ["RTA"], "AF")


def test_a_company_that_is_its_own_asset_owns_nothing(tmp_path: Path) -> None:
    orgs = _organizations(tmp_path / "seed", tmp_path)
    bakhtar = orgs["bakhtar-news-agency"]
    assert bakhtar["kind"] == "news_agency"
    assert "relations" not in bakhtar
    assert [d["host"] for d in bakhtar["domains"]] == ["bakhtarnews.af"]  # no /en/ prefix


def test_paths_separate_outlets_only_on_a_shared_host(tmp_path: Path) -> None:
    orgs = _organizations(tmp_path / "seed", tmp_path)
    assert orgs["sovetskaya-belorussiya"]["domains"][0] == {
        "host": "sb.by",
        "citations": ["asd-state-media-matrix-d878fee", "asd-state-media-monitor-typology"],
    }
    assert orgs["sovetskaya-belorussiya"]["aliases"] == ["Belarus Segodnya"]
    assert orgs["respublika"]["domains"][0]["path_prefix"] == "/respublika/"
    # The company is named like an outlet's alias: that outlet is the owner.
    assert orgs["respublika"]["relations"][0]["object"] == "sovetskaya-belorussiya"


def test_every_claim_cites_the_dataset_and_the_state_media_monitor(tmp_path: Path) -> None:
    cites = ["asd-state-media-matrix-d878fee", "asd-state-media-monitor-typology"]
    for doc in _organizations(tmp_path / "seed", tmp_path).values():
        assert doc["citations"] == cites
        assert all(d["citations"] == cites for d in doc.get("domains", []))
        assert all(r["citations"] == cites for r in doc.get("relations", []))
        if "category" in doc:
            assert doc["category"]["citations"] == cites


def test_uncertain_blank_and_conflicting_codes_give_no_category(tmp_path: Path) -> None:
    orgs = _organizations(tmp_path / "seed", tmp_path)
    assert "category" not in orgs["krym-realii"]  # ISFM?
    assert orgs["krym-realii"]["aliases"] == ["Focus on Crimea events"]
    assert "category" not in orgs["canal-extremadura-radio"]  # blank
    assert "category" not in orgs["rtv1"]  # CaPr and ISFM on one host
    assert orgs["respublika"]["category"]["value"] == "state_controlled"
    assert orgs["respublika"]["category"]["as_of"] == "2024-02-01"


def test_not_functional_and_websiteless_rows_are_skipped_with_a_reason(tmp_path: Path) -> None:
    existing = read_existing(tmp_path / "seed", tmp_path / "seed" / "asd")
    built = build(read_rows(_write_csv(tmp_path)), existing, Dataset())
    slugs = {doc["slug"] for _, doc in built.organizations}
    assert "la-voz-del-sandinismo" not in slugs
    assert "anis" not in slugs
    skipped = "\n".join(built.skipped)
    assert "line 10 (La Voz del Sandinismo): marked 'Currently Not Functional'" in skipped
    assert "line 5 (Anis): no website" in skipped
    assert "line 15 ((empty row)): empty row" in skipped


def test_a_curated_outlet_is_never_duplicated_and_gains_the_hosts_it_lacks(
    tmp_path: Path,
) -> None:
    seed = tmp_path / "seed"
    _curated(seed)
    orgs = _organizations(seed, tmp_path)
    assert not any(doc["name"].startswith("Sputnik") for doc in orgs.values())
    existing = read_existing(seed, seed / "asd")
    built = build(read_rows(_write_csv(tmp_path)), existing, Dataset())
    output = check(built, existing, Dataset(), seed / "asd")
    ((path, text),) = output.curated.items()
    assert path.name == "curated.yaml"
    assert (
        "      - {host: sputnik-mirror.example, citations: [asd-state-media-matrix-d878fee," in text
    )
    assert "~ update sputnik in " in "\n".join(output.report.lines)
    # Its company owns no imported outlet, so no company profile is made for it.
    assert "rossiya-segodnya" not in orgs


def test_cli_dry_run_reports_and_writes_nothing_then_a_rerun_is_a_no_op(tmp_path: Path) -> None:
    seed = tmp_path / "seed"
    _curated(seed)
    csv_path = _write_csv(tmp_path)
    args = ["import-source", "asd", str(csv_path), "--seed", str(seed), "--out", str(seed / "asd")]
    dry = CliRunner().invoke(app, [*args, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "+ create news_agency bakhtar-news-agency: Bakhtar News Agency" in dry.output
    assert "- skip line 10 (La Voz del Sandinismo)" in dry.output
    assert "nothing written" in dry.output
    assert not (seed / "asd").exists()
    assert "sputnik-mirror" not in (seed / "curated.yaml").read_text()

    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    assert (seed / "asd" / "LICENSE").read_text().startswith("MIT License")
    text = (seed / "asd" / "asia.yaml").read_text()
    assert text.startswith("# GENERATED FILE — do not edit by hand.")
    assert "make import-asd" in text
    assert yaml.safe_load(text)["organizations"]
    again = CliRunner().invoke(app, [*args, "--quiet"])
    assert again.exit_code == 0, again.output
    assert " 0 created, 0 updated," in again.output


def test_a_file_that_is_not_the_dataset_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("name,url\nx,y\n")
    with pytest.raises(SourceProblem, match="no column 'Country'"):
        list(read_rows(path))
    result = CliRunner().invoke(app, ["import-source", "asd", str(path), "--dry-run"])
    assert result.exit_code == 1
    assert "not a State Media Matrix" in result.output


def test_the_shipped_seed_files_are_up_to_date_with_the_dataset(tmp_path: Path) -> None:
    seed = ROOT / "seed_data"
    existing = read_existing(seed, seed / "asd")
    output = check(
        build(read_rows(ASD_CSV), existing, Dataset()), existing, Dataset(), seed / "asd"
    )
    assert output.curated == {}, "run `make import-asd`: curated outlets lack dataset hosts"
    for name, text in output.generated.items():
        assert (seed / "asd" / name).read_text(encoding="utf-8") == text, name
    counts = output.report.counts
    assert counts["hosts"] >= 800
    assert counts["created"] == counts["updated"] == 0


def test_factories_profiles_still_merge(tmp_path: Path) -> None:
    """A curated folder written by the factories is read as existing data."""
    cite = f.citation()
    f.write_seed(tmp_path, "x.yaml", citations=[cite], organizations=[f.outlet([cite["key"]])])
    existing = read_existing(tmp_path, tmp_path / "asd")
    assert existing.hosts


def test_plain_names_are_qualified_and_never_kept_as_aliases(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text(
        "Region,Country,Media company,Main assets,URL,Typology,Status\n"
        "Asia,Singapore,Mediacorp,Channel 5,https://www.mediacorp.sg,SC,\n"
        "Eurasia,Russia,Mir,Mir,https://www.mirtv.ru/,SC,\n"
        "Africa,Botswana,Department of Information,Daily News,http://www.dailynews.gov.bw/,SC,\n",
        encoding="utf-8",
    )
    built = build(read_rows(path), read_existing(tmp_path / "none", tmp_path / "out"), Dataset())
    docs = {d["name"]: d for _, d in built.organizations}
    assert set(docs) == {
        "Channel 5 (Mediacorp)",
        "Mediacorp",
        "Mir (Russian Federation)",
        "Daily News (Botswana)",
        "Department of Information (Botswana)",
    }
    assert all(not d.get("aliases") for d in docs.values())
    assert (
        docs["Daily News (Botswana)"]["relations"][0]["object"]
        == "department-of-information-botswana"
    )


def test_the_shipped_seed_folder_profiles_at_least_a_thousand_hosts() -> None:
    from api.organizations.models import OrganizationDocument
    from api.seeding.files import read_path
    from api.seeding.validation import Known, validate

    located = validate(read_path(ROOT / "seed_data"), Known())
    hosts = {
        (d.host, d.path_prefix)
        for item in located
        if isinstance(item.document, OrganizationDocument)
        for d in item.document.domains
    }
    assert len(hosts) >= 1000
