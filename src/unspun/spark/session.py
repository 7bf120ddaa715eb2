"""The SparkSession a scan runs in: executors use this Python and find this unspun, Arrow is on, and the
Arrow batches are small enough for rows that carry whole documents."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

import unspun

ARROW_BATCH = 512
"""Rows per Arrow batch between the JVM and Python. A prepared row holds a document's text, passage vectors
and signature (~20 KB), a verification row two of them; Spark's default of 10,000 rows makes batches of
hundreds of MB, which is what ran a 1 GB heap out of memory on a 20k-document scan."""
LOCAL_DRIVER_MEMORY = "4g"
"""Heap of the single JVM of a ``local[...]`` master (it is driver and executor; Spark's default is 1 GB).
Clusters size their executors themselves; ``conf`` overrides both."""


def parse_conf(settings: list[str]) -> dict[str, str]:
    """``KEY=VALUE`` settings (``--spark-conf``) as a mapping; ValueError names a malformed one."""
    found = {}
    for setting in settings:
        key, equals, value = setting.partition("=")
        if not equals or not key.strip():
            raise ValueError(f"expects KEY=VALUE, got {setting!r}")
        found[key.strip()] = value.strip()
    return found


def _python_path() -> str:
    """``PYTHONPATH`` with the folder this unspun was imported from first (executors import the same one)."""
    here = str(Path(unspun.__file__).resolve().parents[1])
    rest = [part for part in os.environ.get("PYTHONPATH", "").split(os.pathsep) if part and part != here]
    return os.pathsep.join([here, *rest])


def _defaults(master: str | None, shuffle_partitions: int | None, ui: bool) -> dict[str, str]:
    """The settings unspun needs, before the caller's ``conf``."""
    settings = {"spark.executorEnv.PYTHONPATH": os.environ["PYTHONPATH"],
                "spark.sql.execution.arrow.pyspark.enabled": "true",
                "spark.sql.execution.arrow.maxRecordsPerBatch": str(ARROW_BATCH),
                "spark.ui.enabled": str(ui).lower(), "spark.ui.showConsoleProgress": "false"}
    if (master or "local").startswith("local") and "PYSPARK_GATEWAY_PORT" not in os.environ:
        settings["spark.driver.memory"] = LOCAL_DRIVER_MEMORY  # only a JVM not yet started takes it
    if shuffle_partitions:
        settings["spark.sql.shuffle.partitions"] = str(shuffle_partitions)
    return settings


def spark_session(master: str | None = None, *, shuffle_partitions: int | None = None, ui: bool = True,
                  conf: Mapping[str, str] | None = None):
    """A session on ``master`` (else spark-submit's, which defaults to ``local[*]``), its Python workers
    running this interpreter with this unspun on their path; ``conf`` (Spark settings) wins over unspun's."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ["PYTHONPATH"] = _python_path()
    builder = SparkSession.builder.appName("unspun scan")
    if master:
        builder = builder.master(master)
    for key, value in {**_defaults(master, shuffle_partitions, ui), **(conf or {})}.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()
