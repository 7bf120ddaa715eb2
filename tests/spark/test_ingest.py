"""Spark's reader of WARC files gives the records ``index add`` reads from them (the local parser per file)."""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

import pytest

pytestmark = pytest.mark.spark

_FORMATS = Path(__file__).parents[1] / "ingest" / "test_formats.py"


def _crawl() -> bytes:
    """The WARC crawl of the ingest tests (two HTML pages and an image)."""
    spec = importlib.util.spec_from_file_location("ingest_formats", _FORMATS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._crawl()


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_records_on_spark_are_the_local_readers(spark, tmp_path, name):
    from unspun.spark.ingest import InputOptions, read_records
    from unspun.stages.ingest import iter_records

    data = _crawl()
    (tmp_path / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    rows = read_records(spark, [str(tmp_path / name)], InputOptions()).orderBy("position").collect()
    local = list(iter_records([tmp_path / name]))
    assert [(r.url, r.date, r.text, r.record) for r in rows] == [(r.url, r.date, r.text, r.record) for r in local]
    assert len(rows) == 2 and all(row.problem is None for row in rows)
