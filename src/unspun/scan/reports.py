"""The scan's HTML: ``report.html``, and side-by-side reports of the largest families' edges (``--pair-reports``).

Pair reports are named by their position (``pairs/0001.html``), never by document ids, which are untrusted text.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from unspun.index.sidefiles import write_atomic
from unspun.pipeline import compare_documents
from unspun.scan.records import Family, ScanResult

if TYPE_CHECKING:
    from unspun.index import Index


def _edges(families: tuple[Family, ...], count: int) -> list[tuple[str, str]]:
    """``(source, derived)`` of every tree edge of the ``count`` largest families, in report order."""
    return [(edge.source, edge.derived) for family in families[:count] for edge in family.edges]


def write_pair_reports(index: Index, out: Path, families: tuple[Family, ...], count: int) -> dict[tuple[str, str], str]:
    """Compare the two documents of each edge of the ``count`` largest families and write the report; return
    ``{(source, derived): relative path}``."""
    from unspun.stages.report import render_html

    edges = _edges(families, count)
    if not edges:
        return {}
    (out / "pairs").mkdir(parents=True, exist_ok=True)
    paths = {}
    for number, (source, derived) in enumerate(edges, start=1):
        a, b = index.document(source), index.document(derived)
        comparison = compare_documents(a.document, b.document, embedder=index.embedder, config=index.compare_config)
        relative = f"pairs/{number:04d}.html"
        write_atomic(out / relative, render_html(comparison).encode("utf-8"))
        paths[(source, derived)] = relative
    return paths


def write_report(index: Index, out: Path, result: ScanResult, pair_reports: int) -> None:
    """``report.html``, with the pair reports of the ``pair_reports`` largest families beside it."""
    from unspun.stages.report.scan_html import write_scan_report

    write_scan_report(out, result, pair_reports=write_pair_reports(index, out, result.families, pair_reports))
