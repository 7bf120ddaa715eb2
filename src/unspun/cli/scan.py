"""``unspun scan``: a thin shell over :meth:`unspun.index.Index.scan`, with a progress bar per phase."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from unspun.cli.index import add_inputs, warn_if_outdated
from unspun.config import CompareConfig
from unspun.errors import InputError
from unspun.index.store import DATABASE
from unspun.scan import ScanConfig, ScanResult
from unspun.stages.ingest.records import FieldNames

_FIELDS = FieldNames()
_DEFAULTS = CompareConfig()
_SCAN = ScanConfig()


class _Bars:
    """Rich progress bars, one per scan phase (on stderr, gone when the scan ends)."""

    def __init__(self, progress) -> None:
        self._progress, self._tasks = progress, {}

    def start(self, phase: str, total: int | None) -> None:
        """A bar for ``phase``; the previous phase's bar is completed."""
        for task in self._tasks.values():
            self._progress.update(task, completed=self._progress.tasks[task].total or 1, total=None)
        self._tasks[phase] = self._progress.add_task(phase, total=total)

    def advance(self, phase: str, amount: int) -> None:
        """Move ``phase``'s bar on."""
        self._progress.advance(self._tasks[phase], amount)


def _index_dir(inputs: list[Path], out: Path, fields: FieldNames, max_bytes: int, jobs: int) -> Path:
    """The index to scan: the one given, or one built in ``OUT/index`` from the inputs."""
    if len(inputs) == 1 and (inputs[0] / DATABASE).is_file():
        return inputs[0]
    index_dir = out / "index"
    report = add_inputs(index_dir, inputs, fields=fields, max_bytes=max_bytes, workers=jobs)
    typer.echo(f"indexed {report.added} new documents in {index_dir} ({report.already_present} already there, "
               f"{report.duplicates} duplicate ids left out, {report.skipped} bad records skipped)")
    return index_dir


def _print_summary(result: ScanResult) -> None:
    """Counts per phase and where the files are."""
    summary = result.summary
    candidates = summary.candidate_pairs
    verdicts = ", ".join(f"{count} {verdict}" for verdict, count in summary.verdicts.items()) or "none"
    sizes = ", ".join(f"{count}×{size}" for size, count in summary.families_by_size.items()) or "none"
    seconds = ", ".join(f"{phase} {value:.1f} s" for phase, value in summary.seconds.items())
    typer.echo(f"documents       {summary.documents}")
    typer.echo(f"candidate pairs {candidates['total']} (LSH {candidates['lsh']}, vectors {candidates['vectors']}, "
               f"both {candidates['both']})")
    typer.echo(f"verified pairs  {verdicts}" + (f"; {summary.errors} failed (errors.jsonl)" if summary.errors else ""))
    typer.echo(f"families        {len(result.families)} (members×size: {sizes})")
    typer.echo(f"sites           {summary.sites}; boilerplate lines learned {summary.boilerplate_lines}")
    typer.echo(f"time            {seconds}")
    typer.echo(f"written to      {result.out} (report.html, pairs, families, sites, boilerplate)")


def _spark_scan(inputs: list[str], out: str, *, master: str | None, conf: list[str], config: ScanConfig,
                fields: FieldNames, max_bytes: int) -> ScanResult:
    """The scan on Spark (pyspark imported only here)."""
    try:
        from unspun.spark import SparkScan, scan_collection, spark_session
        from unspun.spark.ingest import InputOptions
        from unspun.spark.session import parse_conf
    except ImportError as error:
        raise InputError("--engine spark", f"needs pyspark ({error}); install it with "
                                           "`pip install \"unspun[spark]\"`") from error
    try:
        settings = parse_conf(conf)
    except ValueError as error:
        raise InputError("--spark-conf", str(error)) from error
    options = SparkScan(config=config, inputs=InputOptions(fields=fields, max_bytes=max_bytes))
    return scan_collection(spark_session(master, conf=settings), inputs, out, options)


def scan(
    inputs: Annotated[list[str], typer.Argument(help="An index folder, or inputs as for `index add` (text files, "
                                                     "folders, .jsonl, .csv, .html, .warc(.gz)); with --engine "
                                                     "spark, JSONL, Parquet or WARC paths or globs (any Hadoop "
                                                     "path).")],
    out: Annotated[str, typer.Option("--out", help="Folder for the results (and the index built from inputs); "
                                                   "with --engine spark any Hadoop path (s3a://, hdfs://).")],
    jobs: Annotated[int, typer.Option(min=1, help="Processes that verify pairs (and index inputs).")] = 1,
    pairs_json: Annotated[bool, typer.Option("--pairs-json", help="Keep each pair's full compare JSON in "
                                                                  "pairs.jsonl.")] = _SCAN.pairs_json,
    pair_reports: Annotated[int, typer.Option(min=0, help="Write side-by-side reports for the pairs of this many "
                                                          "largest families.")] = _SCAN.pair_reports,
    id_field: Annotated[str, typer.Option(help="JSONL/CSV field holding the document id.")] = _FIELDS.id,
    text_field: Annotated[str, typer.Option(help="JSONL/CSV field holding the text.")] = _FIELDS.text,
    title_field: Annotated[str, typer.Option(help="JSONL/CSV field holding the title.")] = _FIELDS.title,
    date_field: Annotated[str, typer.Option(help="JSONL/CSV field holding the publication date.")] = _FIELDS.date,
    url_field: Annotated[str, typer.Option(help="JSONL/CSV field holding the url.")] = _FIELDS.url,
    site_field: Annotated[str, typer.Option(help="JSONL/CSV field holding the site (else the url's host).")] = (
        _FIELDS.site),
    max_bytes: Annotated[int, typer.Option(help="Largest document accepted.")] = _DEFAULTS.max_bytes,
    engine: Annotated[str, typer.Option(help="local (an index on this machine) or spark (the same scan on a "
                                             "Spark cluster; pip install \"unspun[spark]\").")] = "local",
    master: Annotated[str | None, typer.Option(help="Spark master with --engine spark (default local[*]).")] = None,
    spark_conf: Annotated[list[str] | None, typer.Option(help="A Spark setting KEY=VALUE with --engine spark "
                                                              "(repeatable), e.g. spark.driver.memory=8g.")] = None,
) -> None:
    """Scan a collection for reuse: every related pair, reuse families with provenance trees, the sites that
    take from others, and the collection's template text. Re-running the same command resumes a scan."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from unspun.index import Index

    fields = FieldNames(id=id_field, text=text_field, title=title_field, date=date_field, url=url_field,
                        site=site_field)
    config = ScanConfig(pairs_json=pairs_json, pair_reports=pair_reports)
    if engine not in ("local", "spark"):
        raise InputError("--engine", f"must be local or spark, got {engine!r}")
    if engine == "spark":
        _print_summary(_spark_scan(inputs, out, master=master, conf=spark_conf or [], config=config,
                                   fields=fields, max_bytes=max_bytes))
        return
    index_dir = _index_dir([Path(item) for item in inputs], Path(out), fields, max_bytes, jobs)
    columns = (TextColumn("{task.description:<13}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Index.open(index_dir, create=False) as index, Progress(*columns, console=Console(stderr=True),
                                                                transient=True) as progress:
        warn_if_outdated(index)
        result = index.scan(Path(out), config=config, jobs=jobs, progress=_Bars(progress))
    _print_summary(result)
