"""Scan a whole collection for reuse: every related pair, reuse families with provenance trees, the site
network and the collection's template text.

``Index.open(path).scan(out)`` (or ``unspun scan``) runs the phases of :mod:`unspun.scan.run` on the same
compare core as ``compare`` and ``query``, so the three never disagree about a pair, and writes ``pairs``,
``families``, ``sites`` and ``boilerplate`` (JSONL and Parquet) with ``summary.json`` and ``report.html``.
"""

from unspun.scan.config import ScanConfig
from unspun.scan.records import (
    BoilerplateLine,
    DocumentMeta,
    Family,
    FamilyEdge,
    ReusePair,
    ScanResult,
    ScanSummary,
    SiteProfile,
)
from unspun.scan.run import PHASES, ScanProgress

__all__ = ["PHASES", "BoilerplateLine", "DocumentMeta", "Family", "FamilyEdge", "ReusePair", "ScanConfig",
           "ScanProgress", "ScanResult", "ScanSummary", "SiteProfile"]
