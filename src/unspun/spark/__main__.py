"""``python -m unspun.spark scan INPUTS... --out OUT``: the Spark scan as a spark-submit entry point.

    spark-submit --py-files unspun.whl .../unspun/spark/__main__.py scan 's3a://bucket/crawl/*.jsonl' --out ./scan/

The options are ``unspun scan``'s (the same defaults, from :class:`~unspun.scan.ScanConfig` and
:class:`~unspun.stages.ingest.FieldNames`); the master is spark-submit's unless ``--master`` is given.
"""

from __future__ import annotations

import argparse
import sys

from unspun.config import CompareConfig
from unspun.scan import ScanConfig
from unspun.spark.ingest import InputOptions
from unspun.spark.run import SparkScan, scan_collection
from unspun.spark.session import parse_conf, spark_session
from unspun.stages.ingest.records import FieldNames


def _parser() -> argparse.ArgumentParser:
    """The ``scan`` command's options."""
    parser = argparse.ArgumentParser(prog="python -m unspun.spark")
    commands = parser.add_subparsers(dest="command", required=True)
    scan = commands.add_parser("scan", help="Scan a collection on Spark (JSONL, Parquet or WARC paths or globs).")
    scan.add_argument("inputs", nargs="+")
    scan.add_argument("--out", required=True, help="Local folder for the results.")
    scan.add_argument("--master", default=None, help="Spark master (default: spark-submit's, else local[*]).")
    scan.add_argument("--spark-conf", action="append", default=[], metavar="KEY=VALUE",
                      help="A Spark setting (repeatable), e.g. spark.driver.memory=8g.")
    scan.add_argument("--partitions", type=int, default=0, help="Partitions (default: the default parallelism).")
    scan.add_argument("--pairs-json", action="store_true", help="Keep each pair's full compare JSON.")
    for name, default in vars(FieldNames()).items():
        scan.add_argument(f"--{name}-field", default=default, help=f"Field holding the {name}.")
    scan.add_argument("--max-bytes", type=int, default=CompareConfig().max_bytes, help="Largest document accepted.")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse, run the scan, print where the files are."""
    args = _parser().parse_args(argv)
    fields = FieldNames(**{name: getattr(args, f"{name}_field") for name in vars(FieldNames())})
    options = SparkScan(config=ScanConfig(pairs_json=args.pairs_json), partitions=args.partitions,
                        inputs=InputOptions(fields=fields, max_bytes=args.max_bytes))
    try:
        conf = parse_conf(args.spark_conf)
    except ValueError as error:
        _parser().error(f"--spark-conf {error}")
    result = scan_collection(spark_session(args.master, conf=conf), args.inputs, args.out, options)
    summary = result.summary
    print(f"documents {summary.documents}, candidate pairs {summary.candidate_pairs['total']}, families "
          f"{len(result.families)}, sites {summary.sites}, errors {summary.errors}; written to {result.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
