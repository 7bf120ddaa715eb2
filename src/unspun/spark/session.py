"""The SparkSession a scan runs in: executors use this Python and find this unspun, Arrow is on."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import unspun


def _python_path() -> str:
    """``PYTHONPATH`` with the folder this unspun was imported from first (executors import the same one)."""
    here = str(Path(unspun.__file__).resolve().parents[1])
    rest = [part for part in os.environ.get("PYTHONPATH", "").split(os.pathsep) if part and part != here]
    return os.pathsep.join([here, *rest])


def spark_session(master: str | None = None, *, shuffle_partitions: int | None = None, ui: bool = True):
    """A session on ``master`` (else spark-submit's, which defaults to ``local[*]``), its Python workers
    running this interpreter with this unspun on their path."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ["PYTHONPATH"] = _python_path()
    builder = SparkSession.builder.appName("unspun scan")
    if master:
        builder = builder.master(master)
    builder = (builder.config("spark.executorEnv.PYTHONPATH", os.environ["PYTHONPATH"])
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               .config("spark.ui.enabled", str(ui).lower()).config("spark.ui.showConsoleProgress", "false"))
    if shuffle_partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(shuffle_partitions))
    return builder.getOrCreate()
