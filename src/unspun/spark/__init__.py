"""``unspun scan --engine spark``: the collection scan as Spark stages over the same kernels and compare core.

``scan_collection(spark, inputs, out)`` reads JSONL, Parquet or WARC from any Hadoop path and writes the files
of the local engine (:mod:`unspun.scan`): the same pairs, families, sites and boilerplate for the same input.
Documents are keyed by the rank of their id (as the local engine keys them, :mod:`unspun.scan.order`), every
reduction whose floats could depend on partitioning is exact, and only summaries and the final small tables
(families, sites, boilerplate) reach the driver; the pair list and the corpus never do. Run it with
``unspun scan ... --engine spark`` or ``python -m unspun.spark scan ...`` (also a spark-submit script).
"""

from unspun.spark.run import SparkScan, scan_collection
from unspun.spark.session import spark_session

__all__ = ["SparkScan", "scan_collection", "spark_session"]
