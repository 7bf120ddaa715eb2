"""``--engine spark`` against ``--engine local`` on the scan fixture collection: the same pairs, families, sites
and boilerplate; a Parquet input; bad records reported, never fatal; families of a chaining fixture."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

pytestmark = pytest.mark.spark


def _pairs(out) -> pd.DataFrame:
    """A scan's pairs table, sorted."""
    return pd.read_parquet(out / "pairs.parquet").sort_values(["a", "b"]).reset_index(drop=True)


@pytest.mark.parametrize("name", ["families", "sites", "boilerplate"])
def test_spark_writes_the_same_small_tables_as_the_local_engine(spark_scan, local_scan, name):
    _, out = spark_scan
    assert (out / f"{name}.jsonl").read_bytes() == (local_scan / f"{name}.jsonl").read_bytes()
    assert pq.read_table(out / f"{name}.parquet").equals(pq.read_table(local_scan / f"{name}.parquet"))


def test_spark_finds_the_same_pairs_as_the_local_engine(spark_scan, local_scan):
    _, out = spark_scan
    spark_pairs, local_pairs = _pairs(out), _pairs(local_scan)
    assert len(local_pairs) == 22 and spark_pairs.equals(local_pairs)


def test_the_summary_counts_agree_and_bad_records_are_errors_not_failures(spark_scan, local_scan):
    result, out = spark_scan
    local = json.loads((local_scan / "summary.json").read_text())
    spark = json.loads((out / "summary.json").read_text())
    assert {key: value for key, value in spark.items() if key != "errors"} == \
        {key: value for key, value in local.items() if key != "errors"}
    errors = sorted(pd.read_parquet(out / "errors.parquet")["error"])
    assert len(errors) == 3 and result.summary.errors == 3
    assert all("zz-bad.jsonl" in error for error in errors)
    assert any("line 1" in error and "empty" in error for error in errors)
    assert any("line 2" in error and "malformed JSON" in error for error in errors)
    assert any("duplicate id 'port-copy'" in error for error in errors)
    assert (out / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_parquet_collection_scans_to_the_same_files(spark, spark_scan, parquet_input, tmp_path):
    from unspun.spark import scan_collection

    _, jsonl_out = spark_scan
    result = scan_collection(spark, [str(parquet_input)], str(tmp_path / "out"))
    assert result.summary.errors == 0
    assert _pairs(tmp_path / "out").equals(_pairs(jsonl_out))
    for name in ("families", "sites", "boilerplate"):
        assert (tmp_path / "out" / f"{name}.jsonl").read_bytes() == (jsonl_out / f"{name}.jsonl").read_bytes()


def test_the_cli_runs_the_spark_engine_and_writes_the_local_engines_families(spark, local_scan, tmp_path):
    from tests.scan.conftest import collection_jsonl
    from typer.testing import CliRunner

    from unspun.cli.main import app

    good = collection_jsonl(tmp_path / "collection.jsonl")
    done = CliRunner().invoke(app, ["scan", str(good), "--engine", "spark", "--master", "local[2]",
                                    "--out", str(tmp_path / "out")])
    assert done.exit_code == 0, done.output
    assert "families        5" in done.output
    assert (tmp_path / "out" / "families.jsonl").read_bytes() == (local_scan / "families.jsonl").read_bytes()


def test_the_cli_names_a_malformed_spark_setting(tmp_path):
    from typer.testing import CliRunner

    from unspun.cli.main import app

    done = CliRunner().invoke(app, ["scan", str(tmp_path), "--engine", "spark", "--spark-conf", "spark.driver.memory",
                                    "--out", str(tmp_path / "out")])
    assert done.exit_code != 0
    assert str(done.exception) == "--spark-conf: expects KEY=VALUE, got 'spark.driver.memory'"


def test_the_driver_files_are_published_through_hadoops_file_system_and_replaced_whole(spark, tmp_path):
    from unspun.spark.run import _is_local, _publish

    folder, remote = tmp_path / "written", tmp_path / "remote"
    folder.mkdir()
    for name, text in (("families.jsonl", "{}\n"), ("report.html", "<p>old</p>")):
        (folder / name).write_text(text, encoding="utf-8")
    _publish(spark, folder, str(remote))
    (folder / "report.html").write_text("<p>new</p>", encoding="utf-8")
    _publish(spark, folder, str(remote))
    assert sorted(path.name for path in remote.iterdir() if not path.name.startswith(".")) == \
        ["families.jsonl", "report.html"]
    assert (remote / "report.html").read_text() == "<p>new</p>"
    assert not _is_local("s3a://bucket/scan") and _is_local("file:///tmp/scan") and _is_local("scan/out")
