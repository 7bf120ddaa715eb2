"""One local Spark session per test run (``local[2]``, two shuffle partitions, no UI) and the scan fixture
collection (``tests/fixtures/scan``) scanned by both engines once. Skipped with the reason when pyspark or
Java is missing; ``.ci/run`` installs the ``[spark]`` extra so that CI runs them."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

SCAN_CONFTEST = Path(__file__).parents[1] / "scan" / "conftest.py"
BAD_LINES = ('{"id": "x", "text": ""}\n', "not json\n", '{"id": "port-copy", "text": "another text"}\n')


def _scan_fixtures():
    """``tests/scan/conftest.py`` as a module (its collection helpers)."""
    spec = importlib.util.spec_from_file_location("scan_fixtures", SCAN_CONFTEST)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


collection = _scan_fixtures()


@pytest.fixture(scope="session")
def spark():
    """The session's SparkSession."""
    if importlib.util.find_spec("pyspark") is None:
        pytest.skip("pyspark is not installed (pip install '.[spark]')")
    if shutil.which("java") is None:
        pytest.skip("no Java runtime on PATH (Spark needs Java 17)")
    from unspun.spark import spark_session

    session = spark_session("local[2]", shuffle_partitions=2, ui=False)
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def local_scan(tmp_path_factory) -> Path:
    """The local engine's scan of the collection (the index built from the same JSONL)."""
    from unspun.index import Index

    folder = tmp_path_factory.mktemp("local-scan")
    with Index.open(folder / "index") as index:
        index.add(collection.collection_records())
        index.scan(folder / "out")
    return folder / "out"


@pytest.fixture(scope="session")
def spark_scan(spark, tmp_path_factory):
    """``(ScanResult, out folder)`` of the Spark scan of the collection's JSONL plus a file of bad records."""
    from unspun.spark import scan_collection

    folder = tmp_path_factory.mktemp("spark-scan")
    good = collection.collection_jsonl(folder / "collection.jsonl")
    bad = folder / "zz-bad.jsonl"
    bad.write_text("".join(BAD_LINES), encoding="utf-8")
    result = scan_collection(spark, [str(good), str(bad)], str(folder / "out"))
    return result, folder / "out"


@pytest.fixture()
def parquet_input(tmp_path) -> Path:
    """The collection as one Parquet file (columns id, text, url, date)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "collection.parquet"
    rows = [json.loads(line) for line in collection.collection_jsonl(tmp_path / "collection.jsonl").open()]
    pq.write_table(pa.Table.from_pylist(rows), path)
    return path
