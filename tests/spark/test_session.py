"""The session settings: caller's Spark settings parsed and winning, local masters given a usable heap, Arrow
batches small (checked on the shared session, whose JVM took them)."""

from __future__ import annotations

import pytest

from unspun.spark.session import ARROW_BATCH, LOCAL_DRIVER_MEMORY, _defaults, parse_conf


def test_settings_parse_key_equals_value():
    assert parse_conf(["spark.driver.memory=8g", " spark.a = b=c "]) == {"spark.driver.memory": "8g",
                                                                         "spark.a": "b=c"}


@pytest.mark.parametrize("bad", ["spark.driver.memory", "=8g", ""])
def test_a_malformed_setting_is_named(bad):
    with pytest.raises(ValueError, match="KEY=VALUE"):
        parse_conf([bad])


def test_local_masters_get_a_heap_and_clusters_keep_theirs(monkeypatch):
    monkeypatch.delenv("PYSPARK_GATEWAY_PORT", raising=False)
    monkeypatch.setenv("PYTHONPATH", "")
    assert _defaults("local[2]", None, True)["spark.driver.memory"] == LOCAL_DRIVER_MEMORY
    assert _defaults(None, None, True)["spark.driver.memory"] == LOCAL_DRIVER_MEMORY
    assert "spark.driver.memory" not in _defaults("yarn", None, True)
    monkeypatch.setenv("PYSPARK_GATEWAY_PORT", "4040")  # spark-submit started the JVM already
    assert "spark.driver.memory" not in _defaults(None, None, True)


def test_the_session_runs_with_small_arrow_batches(spark):
    assert spark.conf.get("spark.sql.execution.arrow.maxRecordsPerBatch") == str(ARROW_BATCH)
