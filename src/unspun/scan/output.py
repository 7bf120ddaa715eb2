"""Write a scan's tables: JSONL (one record a line, keys sorted) and Parquet (explicit schemas, so an empty
table has the same columns), each written to a temporary name and renamed, byte for byte the same on every run.

They load directly: ``pandas.read_parquet("pairs.parquet")``, ``polars.read_ndjson("families.jsonl")``,
``duckdb.sql("SELECT * FROM 'sites.parquet'")``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from unspun.index.sidefiles import write_atomic
from unspun.scan.records import BoilerplateLine, Family, ReusePair, ScanSummary, SiteProfile


def _schemas():
    """The Parquet schema of each table (pyarrow imported only when writing)."""
    import pyarrow as pa

    text, real, count = pa.string(), pa.float64(), pa.int64()
    counts = pa.list_(pa.struct([("site", text), ("count", count)]))
    edge = pa.struct([("source", text), ("derived", text), ("kind", text), ("evidence", real),
                      ("derived_share", real), ("confidence", real), ("method", text),
                      ("alternatives", pa.list_(text))])
    return {
        "pairs": pa.schema([("a", text), ("b", text), ("verdict", text), ("a_in_b", real), ("b_in_a", real),
                            ("source", text), ("direction_method", text), ("direction_confidence", real),
                            ("kind", text), ("evidence", real), ("derived_share", real),
                            ("aligned_sentences", count), ("changed_facts", count), ("a_date", text),
                            ("b_date", text), ("a_site", text), ("b_site", text)]),
        "families": pa.schema([("id", text), ("original", text), ("size", count), ("members", pa.list_(text)),
                               ("edges", pa.list_(edge)), ("sites", pa.list_(text)), ("first_date", text),
                               ("last_date", text), ("links", pa.list_(text))]),
        "sites": pa.schema([("site", text), ("documents", count), ("derived", count), ("derived_share", real),
                            ("takes_from", counts), ("gives_to", counts), ("median_lag_days", real),
                            ("rewrite_style", real), ("chatbot_phrases", count),
                            ("chatbot_examples", pa.list_(pa.struct([("id", text), ("phrase", text)]))),
                            ("farm_score", real)]),
        "boilerplate": pa.schema([("key", text), ("text", text), ("scope", text), ("site", text),
                                  ("documents", count), ("stories", count), ("sites", counts)]),
    }


def _jsonl(rows: Iterable[dict[str, Any]]) -> bytes:
    """JSON lines with sorted keys, UTF-8."""
    return "".join(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in rows).encode("utf-8")


def _as_counts(value: dict[str, int]) -> list[dict[str, Any]]:
    """A ``{site: count}`` dict as Parquet's list of ``{site, count}`` structs."""
    return [{"site": site, "count": count} for site, count in value.items()]


def _parquet(rows: Sequence[dict[str, Any]], name: str) -> bytes:
    """The rows as one Parquet file of the table's schema (columns not in the schema are left out)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schemas()[name]
    table = pa.Table.from_pylist([{field: row.get(field) for field in schema.names} for row in rows], schema=schema)
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    return buffer.getvalue()


def _for_parquet(name: str, row: dict[str, Any]) -> dict[str, Any]:
    """A JSONL row reshaped where Parquet wants fixed columns (site counters as lists of structs)."""
    keyed = {"sites": ("takes_from", "gives_to"), "boilerplate": ("sites",)}.get(name, ())
    return {**row, **{field: _as_counts(row[field]) for field in keyed}}


def write_table(out: Path, name: str, rows: Sequence[dict[str, Any]], *, parquet: bool = True) -> None:
    """``OUT/<name>.jsonl`` and, unless told otherwise, ``OUT/<name>.parquet``."""
    write_atomic(out / f"{name}.jsonl", _jsonl(rows))
    if parquet:
        write_atomic(out / f"{name}.parquet", _parquet([_for_parquet(name, row) for row in rows], name))


def write_results(out: Path, *, pairs: Sequence[ReusePair], families: Sequence[Family],
                  sites: Sequence[SiteProfile], boilerplate: Sequence[BoilerplateLine], summary: ScanSummary,
                  errors: Sequence[dict[str, Any]]) -> None:
    """Every result file of a scan; ``summary.json`` leaves out timings (they go to ``timings.json``), so that
    the result files are identical between runs."""
    write_table(out, "pairs", [pair.to_dict() for pair in pairs])
    write_table(out, "families", [family.to_dict() for family in families])
    write_table(out, "sites", [site.to_dict() for site in sites])
    write_table(out, "boilerplate", [line.to_dict() for line in boilerplate])
    write_table(out, "errors", errors, parquet=False)
    counts = {key: value for key, value in summary.to_dict().items() if key != "seconds"}
    write_atomic(out / "summary.json", (json.dumps(counts, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    write_atomic(out / "timings.json", (json.dumps(summary.seconds, indent=2, sort_keys=True) + "\n").encode())
