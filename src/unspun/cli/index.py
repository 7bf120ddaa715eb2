"""``unspun index add|info`` and ``unspun query``: thin shells over :class:`unspun.index.Index`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from unspun.config import CompareConfig
from unspun.index.index import WORKERS
from unspun.stages.ingest.records import FieldNames

index_app = typer.Typer(no_args_is_help=True, help="Build and inspect a collection index of source documents.")
_FIELDS = FieldNames()
_DEFAULTS = CompareConfig()


@index_app.command("add")
def add(
    index_dir: Annotated[Path, typer.Argument(help="Index folder (created when missing).")],
    inputs: Annotated[list[Path], typer.Argument(help="Text files, folders, .jsonl, .csv, .html, .warc(.gz).")],
    id_field: Annotated[str, typer.Option(help="JSONL/CSV field holding the document id.")] = _FIELDS.id,
    text_field: Annotated[str, typer.Option(help="JSONL/CSV field holding the text.")] = _FIELDS.text,
    title_field: Annotated[str, typer.Option(help="JSONL/CSV field holding the title.")] = _FIELDS.title,
    date_field: Annotated[str, typer.Option(help="JSONL/CSV field holding the publication date.")] = _FIELDS.date,
    url_field: Annotated[str, typer.Option(help="JSONL/CSV field holding the url.")] = _FIELDS.url,
    site_field: Annotated[str, typer.Option(help="JSONL/CSV field holding the site (else the url's host).")] = (
        _FIELDS.site),
    max_bytes: Annotated[int, typer.Option(help="Largest document accepted.")] = _DEFAULTS.max_bytes,
    workers: Annotated[int, typer.Option(min=1, help="Processes that segment and embed (2 for big inputs).")] =
        WORKERS,
) -> None:
    """Add documents to an index, in atomic batches; re-running the same command resumes where it stopped."""
    fields = FieldNames(id=id_field, text=text_field, title=title_field, date=date_field, url=url_field,
                        site=site_field)
    report = add_inputs(index_dir, inputs, fields=fields, max_bytes=max_bytes, workers=workers)
    typer.echo(f"added {report.added} documents in {report.batches} batches ({report.seconds:.1f} s); "
               f"{report.already_present} already present, {report.duplicates} duplicate ids left out, "
               f"{report.skipped} bad records skipped")


def add_inputs(index_dir: Path, inputs: list[Path], *, fields: FieldNames, max_bytes: int, workers: int):
    """Ingest ``inputs`` into the index at ``index_dir`` with a progress bar; bad records one line each on
    stderr. Shared by ``index add`` and ``scan`` (which builds its index from raw inputs)."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from unspun.index import Index
    from unspun.stages.ingest import iter_records

    errors = Console(stderr=True, highlight=False)
    with Index.open(index_dir) as index, Progress(SpinnerColumn(), TextColumn("{task.completed} records read"),
                                                  TimeElapsedColumn(), console=errors, transient=True) as bar:
        task = bar.add_task("add", total=None)
        return index.add(iter_records(inputs, fields=fields, max_bytes=max_bytes), workers=workers,
                         on_skip=lambda skipped: errors.print(f"unspun: skipped {skipped}", markup=False,
                                                               soft_wrap=True),
                         on_progress=lambda done: bar.update(task, completed=done))


def warn_if_outdated(index) -> None:
    """One line on stderr when the index's documents were split by another analysis version
    (:attr:`unspun.index.Index.outdated`): its answers stand, but differ from a fresh build's."""
    if index.outdated:
        typer.echo(f"unspun: warning: {index.directory} {index.outdated}", err=True)


@index_app.command("info")
def info(
    index_dir: Annotated[Path, typer.Argument(help="Index folder.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show what an index holds (counts, size on disk) and what built it (models, config)."""
    from unspun.index import Index

    with Index.open(index_dir, create=False) as index:
        warn_if_outdated(index)
        details = index.info().to_dict()
    if as_json:
        typer.echo(json.dumps(details, indent=2, sort_keys=True))
        return
    built = details.pop("built_with")
    for key, value in details.items():
        typer.echo(f"{key:<16}{value / 1e6:.1f} MB" if key == "size_bytes" else f"{key:<16}{value}")
    for key in ("analysis", "embedder", "near_duplicates", "vectors", "unspun_version", "created"):
        typer.echo(f"{key:<16}{built.get(key)}")
    typer.echo(f"{'index_config':<16}{json.dumps(built.get('index_config'), sort_keys=True)}")


def query(
    index_dir: Annotated[Path, typer.Argument(help="Index folder built with `unspun index add`.")],
    suspect: Annotated[Path, typer.Argument(help="Text file whose sources you want.")],
    top: Annotated[int, typer.Option(min=1, help="Most sources to show.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON: per source, compare's schema.")] = False,
    html: Annotated[Path | None, typer.Option("--html", help="Also write the best source's side-by-side HTML "
                                                             "report here.")] = None,
) -> None:
    """Find the likely sources of a suspect text in an index, ranked, each with its share of the suspect."""
    from unspun.api import load_document
    from unspun.index import Index

    with Index.open(index_dir, create=False) as index:
        warn_if_outdated(index)
        document = load_document(suspect, config=index.compare_config)
        matches = index.query(document, top=top)
    if html is not None:
        _write_best_html(matches, html)
    if as_json:
        typer.echo(json.dumps({"suspect": document.info(), "index": str(index_dir),
                               "sources": [match.to_dict() for match in matches]}, ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    Console().print(_table(matches, suspect))


def _write_best_html(matches: list, path: Path) -> None:
    """The best source's comparison as the compare HTML report; a note on stderr when there is none."""
    if not matches:
        typer.echo(f"unspun: no related source found; {path} not written", err=True)
        return
    from unspun.stages.report.html import write_html

    write_html(matches[0].comparison, path)


def _sentences(ranges: tuple[tuple[int, int], ...]) -> str:
    """``1–4, 7``: suspect sentence numbers (1-based) of a source's share."""
    return ", ".join(f"{a + 1}" if a == b else f"{a + 1}–{b + 1}" for a, b in ranges) or "-"


def _table(matches: list, suspect: Path):
    """A rich table of ranked sources (plain text inside: every cell is data, never markup)."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(f"Sources of {suspect}"), caption=None if matches else "no related source found")
    for column in ("#", "source", "title", "date", "verdict", "share", "suspect in source", "sentences"):
        table.add_column(column, overflow="fold")
    for rank, match in enumerate(matches, start=1):
        table.add_row(str(rank), Text(match.doc_id), Text(match.title or ""), Text(match.date or ""),
                      match.verdict, f"{match.share:.0%}", f"{match.coverage.b_in_a:.0%}",
                      _sentences(match.sentence_ranges))
    return table
