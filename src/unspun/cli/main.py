"""``unspun`` command line (typer). Errors are mapped to one-line messages and exit codes in ``run``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from unspun.config import CompareConfig
from unspun.errors import UnspunError
from unspun.version import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="unspun: find which text was rewritten from which, sentence by sentence.")
_DEFAULTS = CompareConfig()


def _version(value: bool) -> None:
    """Print the version and exit (``--version``)."""
    if value:
        typer.echo(f"unspun {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Show the version and exit.")] = False) -> None:
    """unspun: text reuse and provenance."""


@app.command()
def compare(
    a: Annotated[Path, typer.Argument(metavar="A", help="First text file.")],
    b: Annotated[Path, typer.Argument(metavar="B", help="Second text file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON result instead of the report.")] = False,
    date_a: Annotated[Optional[str], typer.Option(help="Publication date of A (ISO 8601); decides direction.")] = None,
    date_b: Annotated[Optional[str], typer.Option(help="Publication date of B (ISO 8601); decides direction.")] = None,
    max_bytes: Annotated[int, typer.Option(help="Largest input file accepted.")] = _DEFAULTS.max_bytes,
    threshold: Annotated[float, typer.Option(help="Evidence score from which sentences align.")] =
        _DEFAULTS.align_threshold,
    html: Annotated[Optional[Path], typer.Option("--html", help="Also write a self-contained HTML report here.")] =
        None,
) -> None:
    """Compare two documents: which sentences derive from which, what changed, and which is the original."""
    from unspun.api import compare_files
    from unspun.stages.report import render_comparison, to_json

    config = _DEFAULTS.with_options(max_bytes=max_bytes, align_threshold=threshold)
    comparison = compare_files(a, b, config=config, date_a=date_a, date_b=date_b)
    if html is not None:
        from unspun.stages.report.html import write_html

        write_html(comparison, html)
    if as_json:
        typer.echo(to_json(comparison))
    else:
        from rich.console import Console

        Console().print(render_comparison(comparison))


def run() -> None:
    """Entry point: run the app, turning unspun's errors into one line on stderr and their exit code."""
    try:
        app(standalone_mode=False)
    except UnspunError as error:
        print(f"unspun: error: {error}", file=sys.stderr)
        sys.exit(error.exit_code)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        print("unspun: interrupted", file=sys.stderr)
        sys.exit(130)
    except typer.TyperException as error:  # usage errors (unknown option, missing argument): usage + one line
        error.show()
        sys.exit(error.exit_code)


from unspun.cli.serve import serve  # noqa: E402

app.command()(serve)

from unspun.cli.index import index_app, query  # noqa: E402

app.add_typer(index_app, name="index")
app.command()(query)

from unspun.cli.scan import scan  # noqa: E402

app.command()(scan)

from unspun.cli.eval import eval_app  # noqa: E402

app.add_typer(eval_app, name="eval")
