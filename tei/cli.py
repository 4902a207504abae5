"""The ``tei`` command: a thin layer over the package."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Encode diplomatic correspondence transcripts as TEI, validate and render them.")
err = Console(stderr=True, highlight=False)


class Format(str, Enum):
    auto = "auto"
    frus = "frus"
    wilson = "wilson"


@app.command()
def convert(
    paths: List[Path] = typer.Argument(..., help="Transcript files, or folders to walk for *.txt."),
    outdir: Path = typer.Option(..., "-o", "--outdir", help="Folder for the TEI files (OUTDIR/<stem>.xml)."),
    fmt: Format = typer.Option(Format.auto, "--format", help="Which reader: auto-detect, FRUS or Wilson Center."),
    force: bool = typer.Option(False, "--force", help="Overwrite TEI files edited by hand (a .bak copy is kept)."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Print only failures and the summary."),
    authority: Optional[Path] = typer.Option(None, "--authority", envvar="TEI_AUTHORITY",
                                             help="Folder with hsg-people.jsonl and pocom.json "
                                                  "(default ../shared/authority when it is there)."),
) -> None:
    """Convert transcripts to TEI. Exit 0 when all converted, 1 when any failed or was refused.
    Authority records go to OUTDIR/../authority (corpus/authority for corpus/tei)."""
    from .authority import AUTHORITY_DIR, Authority, external_dir
    from .convert import collect, convert_file

    missing = [p for p in paths if not p.exists()]
    if missing:
        err.print(f"[red]error:[/red] no such file or folder: {', '.join(map(str, missing))}")
        raise typer.Exit(2)
    files = collect(paths)
    if not files:
        err.print("[red]error:[/red] no *.txt transcripts found in " + ", ".join(map(str, paths)))
        raise typer.Exit(2)
    if external_dir(authority) is None:
        err.print("[yellow]warning:[/yellow] the Office of the Historian's people and chiefs-of-mission data "
                  "(hsg-people.jsonl, pocom.json) is not found: names are matched against the committed records "
                  "only, and offices such as 'the Embassy in the Soviet Union' are not resolved to their holder; "
                  "pass --authority DIR (or set TEI_AUTHORITY)")
    records = outdir.resolve().parent / "authority"
    auth = Authority(records if (records / "persons.xml").exists() else AUTHORITY_DIR, external_dir(authority))
    auth.dir = records
    results = []
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=len(files) < 2 or not err.is_terminal) as prog:
        task = prog.add_task("converting", total=len(files))
        for f in files:
            prog.update(task, description=f"converting {f.name}")
            results.append(convert_file(f, outdir, fmt.value, force, auth))
            prog.advance(task)
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
        if r.status in ("failed", "refused"):
            err.print(f"[red]error:[/red] {r.message}", soft_wrap=True)
        if not quiet:
            for w in r.warnings:
                err.print(f"[yellow]warning:[/yellow] {w}", soft_wrap=True)
            if r.backup:
                err.print(f"note: backup of the hand-edited file kept as {r.backup}", soft_wrap=True)
    if any(r.status == "written" for r in results) or auth.changed:
        for path in auth.save():
            err.print(f"authority records updated: {path}")
    n_warn = sum(len(r.warnings) for r in results)
    summary = ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
    err.print(f"{len(files)} transcript(s): {summary}; {n_warn} warning(s)")
    raise typer.Exit(1 if counts.get("failed") or counts.get("refused") else 0)


@app.command()
def text(file: Path = typer.Argument(..., help="A TEI file written by `tei convert`.")) -> None:
    """Print the transcript regenerated from a TEI file."""
    from .transcript import regenerate
    from .xmlsafe import parse

    if not file.exists():
        err.print(f"[red]error:[/red] no such file: {file}")
        raise typer.Exit(2)
    try:
        tree = parse(file)
    except Exception as e:  # lxml syntax errors, refused DTDs
        err.print(f"[red]error:[/red] {file}: {e}")
        raise typer.Exit(1)
    sys.stdout.write(regenerate(tree))


@app.command()
def validate(
    paths: List[Path] = typer.Argument(None, help="TEI files or folders (default: corpus/tei and corpus/authority)."),
    fmt: str = typer.Option("text", "--format", help="text, json or github."),
    strict: bool = typer.Option(False, "--strict", help="Fail on warnings too."),
    xinclude: bool = typer.Option(False, "--xinclude", help="Resolve xi:include (only files inside corpus/)."),
) -> None:
    """Check TEI files; one line per problem, then a summary. Exit 1 when any error."""
    from .validate import report, validate_paths

    if fmt not in ("text", "json", "github"):
        err.print(f"[red]error:[/red] --format must be text, json or github, not {fmt!r}")
        raise typer.Exit(2)
    paths = paths or [p for p in (Path("corpus/tei"), Path("corpus/authority")) if p.exists()]
    missing = [p for p in paths if not p.exists()]
    if missing:
        err.print(f"[red]error:[/red] no such file or folder: {', '.join(map(str, missing))}")
        raise typer.Exit(2)
    root = Path("corpus").resolve() if Path("corpus").is_dir() else Path.cwd()
    problems, n_files = validate_paths(paths, xinclude_root=root if xinclude else None)
    sys.stdout.write(report(problems, n_files, fmt))
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    raise typer.Exit(1 if errors or (strict and warnings) else 0)


schema_app = typer.Typer(no_args_is_help=True, help="Compile the ODD customization (no Java needed).")
app.add_typer(schema_app, name="schema")


@schema_app.command("build")
def schema_build(
    odd: Path = typer.Option(Path("schemas/diplomatic.odd"), "--odd", help="The ODD to compile."),
    sources: Optional[Path] = typer.Option(None, "--sources", envvar="TEI_SOURCES",
                                           help="TEI P5 Specs folder (default ../shared/tei-p5/Specs)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for the schemas (default: the ODD's)."),
    guidelines: Optional[Path] = typer.Option(None, "--guidelines", help="Also write the guidelines as HTML here."),
    tei_all: Optional[Path] = typer.Option(None, "--tei-all", help="Also compile tei_all.rng into this folder."),
) -> None:
    """ODD + TEI P5 sources -> RELAX NG, Schematron, XSD (and the guidelines, tei_all)."""
    from .schema import build, build_tei_all, sources_dir, write_guidelines

    if not odd.exists():
        err.print(f"[red]error:[/red] no such ODD: {odd}")
        raise typer.Exit(2)
    try:
        built = build(odd, sources, out)
    except (FileNotFoundError, ValueError) as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(1)
    n_rules = len(built.cust.constraints)
    err.print(f"{built.rng}, {built.sch}, {built.xsd}: {len(built.cust.elements)} elements, {n_rules} constraintSpecs")
    if guidelines:
        write_guidelines(odd, built.rng, built.sch, guidelines)
        err.print(f"{guidelines}: the encoding guidelines")
    if tei_all:
        err.print(f"{build_tei_all(sources_dir(sources), tei_all)}: tei_all from the same sources")


export_app = typer.Typer(no_args_is_help=True, help="Export the edition's metadata.")
app.add_typer(export_app, name="export")


@export_app.command("cmif")
def export_cmif(
    out: Path = typer.Option(Path("build/cmif.xml"), "-o", "--out", help="The CMIF file to write."),
    tei_dir: Path = typer.Option(Path("corpus/tei"), "--tei", help="The edition's TEI files."),
    authority_dir: Path = typer.Option(Path("corpus/authority"), "--records", help="The authority records."),
    base_url: str = typer.Option("", "--base-url", envvar="TEI_EDITION_URL",
                                 help="Where the edition is published (the documents' @ref); relative when empty."),
) -> None:
    """One CMIF file (Correspondence Metadata Interchange Format) for the whole edition."""
    from .cmif import export

    if not tei_dir.is_dir():
        err.print(f"[red]error:[/red] no such folder: {tei_dir}")
        raise typer.Exit(2)
    target = export(tei_dir, authority_dir, out, base_url)
    err.print(f"{target}: {len(list(tei_dir.glob('*.xml')))} document file(s)")


@app.command()
def version() -> None:
    """Print the version."""
    print(__version__)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
