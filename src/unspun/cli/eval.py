"""``unspun eval``: run unspun on public benchmarks and print how well it does.

Thin shell: parse options, call :func:`unspun.eval.pan_eval.evaluate_pan`, draw the progress bar and the table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

_PIPE_WIDTH = 160
"""Width of the table when output goes to a file or pipe (rich would otherwise squeeze it into 80 columns)."""

eval_app = typer.Typer(no_args_is_help=True, help="Evaluate unspun on public benchmarks.")


@eval_app.command("pan")
def pan(
    corpus: Annotated[Path, typer.Argument(help="PAN text-alignment corpus: susp/, src/ and pairs files.")],
    out: Annotated[Optional[Path], typer.Option("--out", help="Write one PAN XML detection file per pair here.")]
        = None,
    subset: Annotated[Optional[str], typer.Option(help="Only this subset, e.g. 03-random-obfuscation or 03.")]
        = None,
    jobs: Annotated[int, typer.Option(help="Worker processes.")] = 1,
) -> None:
    """Detect reused passages in every pair of a PAN corpus and print plagdet per subset."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from unspun.eval.pan_eval import evaluate_pan

    errors = Console(stderr=True)
    columns = (TextColumn("pairs"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=errors, transient=True) as progress:
        bar = progress.add_task("pairs", total=None)

        def done(outcome) -> None:
            if outcome.error:
                progress.console.print(f"unspun: skipped {outcome.error}", markup=False, highlight=False,
                                       soft_wrap=True)
            progress.advance(bar)

        report = evaluate_pan(corpus, out=out, subset=subset, jobs=jobs,
                              on_start=lambda total: progress.update(bar, total=total), on_done=done)
    for line in report.malformed:
        errors.print(f"unspun: skipped {line}", markup=False, highlight=False, soft_wrap=True)
    console = Console()
    if not console.is_terminal:
        console = Console(width=_PIPE_WIDTH)
    console.print(_table(report))
    if report.skip_reasons:
        reasons = ", ".join(f"{count} {reason}" for reason, count in sorted(report.skip_reasons.items()))
        typer.echo(f"skipped {sum(report.skip_reasons.values())}: {reasons}")


def _table(report):
    """The per-subset table: plagdet, recall, precision, granularity, pairs, false alarms, time."""
    from rich.table import Table

    table = Table(title=f"PAN text alignment ({report.wall_seconds:.0f} s)")
    for name in ("subset", "plagdet", "recall", "precision", "granularity", "cases", "detections", "pairs",
                 "skipped", "false-alarm pairs", "time (s)"):
        table.add_column(name, justify="left" if name == "subset" else "right")
    for row in (*report.subsets, report.overall):
        score = row.score
        table.add_row(row.subset, f"{score.plagdet:.3f}", f"{score.recall:.3f}", f"{score.precision:.3f}",
                      f"{score.granularity:.3f}", str(score.cases), str(score.detections), str(row.pairs),
                      str(row.skipped), f"{row.false_alarm_pairs}/{row.negative_pairs}", f"{row.seconds:.0f}")
    return table
