"""Read a collection into a table of records keyed by id rank, with every bad record in an errors table.

The readers are the local engine's parsers applied per partition: a JSONL line goes through
:func:`unspun.stages.ingest.tables.record_from_fields` exactly as ``index add`` reads it (the same field
options, the same checks, the same fallback id ``SOURCE:LINE``), a Parquet row is a JSONL line already parsed,
and a WARC file is read by :func:`unspun.stages.ingest.warc.read_warc_records`. Records keep their place in the
input (file, position), so repeated ids are resolved as ``index add`` resolves them: the first one stays, a
later one with the same text is the same record, one with another text is reported and left out.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd

from unspun.config import CompareConfig
from unspun.index.build import text_hash
from unspun.spark.rows import frame
from unspun.stages.ingest.records import FieldNames, Skipped, SourceRecord
from unspun.stages.ingest.tables import _parse_json_line, record_from_fields
from unspun.stages.ingest.warc import read_warc_records

RECORD_SCHEMA = ("file string, position long, id string, text string, source string, record string, "
                 "title string, url string, site string, date string, text_hash string, problem string")


@dataclass(frozen=True)
class InputOptions:
    """What ``index add`` is told about inputs: the field names and the largest document accepted."""

    fields: FieldNames = FieldNames()
    max_bytes: int = CompareConfig().max_bytes


def local_name(path: str) -> str:
    """A ``file:`` URI as the plain path the local engine names its source by; other URIs as they are."""
    parts = urlsplit(path)
    return unquote(parts.path) if parts.scheme == "file" else path


def _row(file: str, position: int, item: SourceRecord | Skipped) -> dict:
    """One row of the records table: a record, or a bad record with its one-line problem."""
    if isinstance(item, Skipped):
        return {"file": file, "position": position, "source": item.source, "record": item.record,
                "problem": str(item)}
    return {"file": file, "position": position, "id": item.id, "text": item.text, "source": item.source,
            "record": item.record, "title": item.title, "url": item.url, "site": item.site, "date": item.date,
            "text_hash": text_hash(item.text)}


def _frame(rows: list[dict]) -> pd.DataFrame:
    """Rows as a pandas frame with every column of :data:`RECORD_SCHEMA`."""
    return frame(rows, RECORD_SCHEMA)


def _jsonl_partition(batches: Iterator[pd.DataFrame], offsets: dict, options: InputOptions) -> Iterator[pd.DataFrame]:
    """Parse JSONL lines; ``offsets[(file, block start)]`` is the number of lines before that block."""
    seen: dict[tuple[str, int], int] = {}
    for batch in batches:
        rows = []
        for value, file, block in zip(batch["value"], batch["file_path"], batch["file_block_start"], strict=True):
            where = (file, int(block))
            number = offsets[where] + seen.get(where, 0) + 1
            seen[where] = seen.get(where, 0) + 1
            if not value.strip():
                continue
            source, parsed = local_name(file), _parse_json_line(value.encode("utf-8", errors="surrogatepass"))
            item = (Skipped(source, f"line {number}", parsed) if isinstance(parsed, str) else
                    record_from_fields(parsed, options.fields, source=source, where=f"line {number}",
                                       max_bytes=options.max_bytes))
            rows.append(_row(file, number, item))
        yield _frame(rows)


def read_jsonl(spark, paths: list[str], options: InputOptions):
    """The records of JSONL files (one small job first counts the lines of each file block)."""
    lines = spark.read.text(paths).select("value", "_metadata.file_path", "_metadata.file_block_start")
    counts = sorted(tuple(row) for row in lines.groupBy("file_path", "file_block_start").count().collect())
    offsets, before = {}, {}
    for file, block, count in counts:
        offsets[(file, int(block))] = before.get(file, 0)
        before[file] = before.get(file, 0) + count
    return lines.mapInPandas(lambda batches: _jsonl_partition(batches, offsets, options), RECORD_SCHEMA)


def _parquet_partition(batches: Iterator[pd.DataFrame], options: InputOptions) -> Iterator[pd.DataFrame]:
    """Parquet rows read as parsed JSONL lines (``row N``, counted from 1 in each file)."""
    for batch in batches:
        rows = []
        for record in batch.to_dict("records"):
            file, number = record.pop("_file"), int(record.pop("_row")) + 1
            fields = {key: value for key, value in record.items() if isinstance(value, str)}
            item = record_from_fields(fields, options.fields, source=local_name(file), where=f"row {number}",
                                      max_bytes=options.max_bytes)
            rows.append(_row(file, number, item))
        yield _frame(rows)


def read_parquet(spark, paths: list[str], options: InputOptions):
    """The records of Parquet files (any columns; the field options name the ones used)."""
    from pyspark.sql import functions as F

    table = spark.read.parquet(*paths)
    wanted = [name for name in vars(options.fields).values() if name in table.columns]
    table = table.select(*[F.col(name).cast("string") for name in wanted],
                         F.col("_metadata.file_path").alias("_file"), F.col("_metadata.row_index").alias("_row"))
    return table.mapInPandas(lambda batches: _parquet_partition(batches, options), RECORD_SCHEMA)


def _warc_partition(batches: Iterator[pd.DataFrame], options: InputOptions) -> Iterator[pd.DataFrame]:
    """Each WARC file through the local reader (from a temporary copy: fastwarc reads a local stream)."""
    for batch in batches:
        for file, content in zip(batch["path"], batch["content"], strict=True):
            with tempfile.TemporaryDirectory() as folder:
                copy = Path(folder) / Path(urlsplit(file).path).name
                copy.write_bytes(content)
                items = [_renamed(item, str(copy), local_name(file))
                         for item in read_warc_records(copy, max_bytes=options.max_bytes)]
            yield _frame([_row(file, position, item) for position, item in enumerate(items, start=1)])


def _renamed(item: SourceRecord | Skipped, copy: str, source: str) -> SourceRecord | Skipped:
    """A record read from the temporary copy, named after the real file."""
    from dataclasses import replace

    return replace(item, source=source) if item.source == copy else item


def read_warc(spark, paths: list[str], options: InputOptions):
    """The HTML responses of WARC / WARC.gz files (a file is one task)."""
    files = spark.read.format("binaryFile").load(paths).select("path", "content")
    return files.mapInPandas(lambda batches: _warc_partition(batches, options), RECORD_SCHEMA)


def _kind(path: str) -> str:
    """``jsonl``, ``parquet`` or ``warc`` from a path or glob's suffix."""
    name = path.lower().rstrip("/")
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    return "jsonl"


def read_records(spark, inputs: list[str], options: InputOptions):
    """Every record of ``inputs`` (JSONL, Parquet, WARC by suffix), bad ones with their ``problem``."""
    readers = {"jsonl": read_jsonl, "parquet": read_parquet, "warc": read_warc}
    groups: dict[str, list[str]] = {}
    for path in inputs:
        groups.setdefault(_kind(path), []).append(path)
    tables = [readers[kind](spark, paths, options) for kind, paths in groups.items()]
    result = tables[0]
    for table in tables[1:]:
        result = result.unionByName(table)
    return result


def _duplicate_problem():
    """The one-line problem of a repeated id with another text (as ``index add`` words it)."""
    from pyspark.sql import functions as F

    return F.concat(F.col("source"), F.lit(" ("), F.col("record"), F.lit("): duplicate id '"), F.col("id"),
                    F.lit("': already indexed from "), F.col("_first_source"),
                    F.lit(" with a different text; left out"))


def keyed_documents(spark, records):
    """``(documents, errors)``: one record per id (the first in input order), keyed ``0..n-1`` by id rank,
    and the bad records and repeated ids with another text as ``error`` rows."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.types import LongType

    good = records.where(F.col("problem").isNull())
    first = Window.partitionBy("id").orderBy("file", "position")
    ranked = (good.withColumn("_n", F.row_number().over(first))
              .withColumn("_first_hash", F.first("text_hash").over(first))
              .withColumn("_first_source", F.first("source").over(first)))
    duplicates = ranked.where((F.col("_n") > 1) & (F.col("text_hash") != F.col("_first_hash")))
    errors = records.where(F.col("problem").isNotNull()).select(F.col("problem").alias("error")).unionByName(
        duplicates.select(_duplicate_problem().alias("error")))
    kept = ranked.where(F.col("_n") == 1).drop("_n", "_first_hash", "_first_source", "problem", "file", "position")
    ordered = kept.orderBy("id")
    numbered = ordered.rdd.zipWithIndex().map(lambda pair: (*pair[0], pair[1]))
    return spark.createDataFrame(numbered, ordered.schema.add("key", LongType(), False)), errors
