"""`provnotes import-source`: turn open datasets into seed files or draft changesets."""

from pathlib import Path
from typing import Annotated

import typer

from api.cli_options import command_group, err, fail, out
from api.errors import DomainError
from api.importers.asd.documents import Dataset, build
from api.importers.asd.output import check, write
from api.importers.asd.source import SourceProblem, read_rows
from api.importers.existing import read_existing
from api.importers.wikidata_cli import import_wikidata
from api.seeding.files import FileProblem

app = command_group(help="Import open datasets as profiles for review.")
DEFAULTS = Dataset()
app.command("wikidata")(import_wikidata)


@app.command("asd")
def import_asd(
    file: Annotated[Path, typer.Argument(help="State_Media_Matrix.csv")],
    out_dir: Annotated[
        Path, typer.Option("--out", help="folder of generated seed files (replaced whole)")
    ] = Path("seed_data/asd"),
    seed_dir: Annotated[
        Path, typer.Option("--seed", help="seed folder to merge with (never duplicated)")
    ] = Path("seed_data"),
    dry_run: Annotated[bool, typer.Option("--dry-run", help="report only, write nothing")] = False,
    commit: Annotated[str, typer.Option(help="dataset commit the file comes from")] = (
        DEFAULTS.commit
    ),
    published: Annotated[
        str, typer.Option(help="date of that commit (ISO); also the categories' as-of date")
    ] = DEFAULTS.published,
    accessed: Annotated[str, typer.Option(help="date the file was read (ISO)")] = (
        DEFAULTS.accessed
    ),
    quiet: Annotated[bool, typer.Option("--quiet", help="print only the summary")] = False,
) -> None:
    """Turn the ASD State Media Matrix into seed files: outlets, owners, categories, hosts."""
    dataset = Dataset(commit=commit, published=published, accessed=accessed)
    try:
        existing = read_existing(seed_dir, out_dir)
        built = build(read_rows(file), existing, dataset)
        output = check(built, existing, dataset, out_dir)
    except (SourceProblem, FileProblem, DomainError) as exc:
        raise fail(str(exc)) from exc
    if not quiet:
        for line in output.report.lines:
            out.print(line, highlight=False, markup=False, soft_wrap=True)
    summary = output.report.summary()
    if dry_run:
        out.print(f"dry run: {summary}; nothing written", highlight=False)
        return
    write(output, out_dir, file.parent / "LICENSE")
    err.print(f"wrote {len(output.generated)} files to {out_dir}", highlight=False)
    out.print(summary, highlight=False)
