"""A scan on Spark, phase by phase: ingest → prepare → boilerplate → candidates → verification → families and
sites → files. The driver holds only summaries and the final small tables; Spark writes the pair list."""

from __future__ import annotations

import json
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from unspun.config import CompareConfig
from unspun.index.config import IndexConfig
from unspun.index.sidefiles import write_atomic
from unspun.scan.config import ScanConfig
from unspun.scan.output import write_table
from unspun.scan.records import Family, ReusePair, ScanResult, ScanSummary
from unspun.scan.sites import EXAMPLES, NO_SITE, SiteCounts, ranked_profiles
from unspun.spark import boilerplate as spark_boilerplate
from unspun.spark import candidates as spark_candidates
from unspun.spark.families import families as spark_families
from unspun.spark.families import pair_of
from unspun.spark.ingest import InputOptions, keyed_documents, read_records
from unspun.spark.prepare import prepare_documents
from unspun.spark.verify import PAIR_FIELDS, verify


@dataclass(frozen=True)
class SparkScan:
    """How a Spark scan runs: the analysis options, the input options, and its parallelism."""

    config: ScanConfig = field(default_factory=ScanConfig)
    inputs: InputOptions = field(default_factory=InputOptions)
    index_config: IndexConfig = field(default_factory=IndexConfig)
    compare_config: CompareConfig = field(default_factory=CompareConfig)
    partitions: int = 0
    """Partitions of the documents and of the pair list (0: the session's default parallelism)."""


class _Clock:
    """Seconds per phase (each phase ends with an action, so its time is its own)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._started = time.perf_counter()

    def lap(self, phase: str) -> None:
        """Close ``phase``."""
        now = time.perf_counter()
        self.seconds[phase] = round(now - self._started, 3)
        self._started = now


def _site_counts(prepared) -> dict[str, SiteCounts]:
    """Per site: documents, style counts and leaked phrases (first examples by id), by a group-by."""
    from pyspark.sql import functions as F

    leaked = F.when(F.col("leaked") != "", F.struct(F.col("id"), F.col("leaked")))
    rows = (prepared.withColumn("site", F.coalesce("site", F.lit(NO_SITE))).groupBy("site")
            .agg(F.count("*").alias("documents"), F.sum("style_words").alias("style_words"),
                 F.sum("words").alias("words"), F.count(leaked).alias("leaked"),
                 F.slice(F.array_sort(F.collect_list(leaked)), 1, EXAMPLES).alias("examples")).collect())
    return {row["site"]: SiteCounts(documents=row["documents"], style_words=int(row["style_words"]),
                                    words=int(row["words"]), leaked=row["leaked"],
                                    examples=tuple((item["id"], item["leaked"]) for item in row["examples"]))
            for row in rows}


def _tree_pairs(spark, pairs, families: tuple[Family, ...]) -> tuple[ReusePair, ...]:
    """The verified pairs behind the trees' edges (what report.html shows per member)."""
    edges = {frozenset((e.source, e.derived)) for family in families for e in family.edges}
    if not edges:
        return ()
    wanted = spark.createDataFrame([tuple(sorted(edge)) for edge in edges], "a string, b string")
    return tuple(sorted((pair_of(row.asDict()) for row in pairs.join(wanted, ["a", "b"]).collect()),
                        key=lambda p: (p.a, p.b)))


def _write_pairs(pairs, out: str) -> None:
    """``OUT/pairs.parquet`` (a Parquet folder, rows by ``a`` then ``b``) written by Spark."""
    (pairs.where("verdict IS NOT NULL").select(*PAIR_FIELDS).orderBy("a", "b")
     .write.mode("overwrite").parquet(f"{out}/pairs.parquet"))


def _write_errors(errors, out: str) -> None:
    """``OUT/errors.parquet``: one ``error`` line per bad record, unprepared document or failed pair."""
    errors.orderBy("error").write.mode("overwrite").parquet(f"{out}/errors.parquet")


def _summary(documents: int, candidates, pairs, families, *, sites: int, boilerplate: int, errors: int,
             seconds: dict[str, float]) -> ScanSummary:
    """Counts of the scan, from group-bys."""
    from pyspark.sql import functions as F

    found = Counter({row["found"]: row["count"] for row in candidates.select(
        F.when((F.col("lsh_jaccard") > 0) & (F.col("passage_cosine") > 0), "both")
        .when(F.col("lsh_jaccard") > 0, "lsh").otherwise("vectors").alias("found")).groupBy("found").count()
        .collect()})
    verdicts = {row["verdict"]: row["count"] for row in pairs.where("verdict IS NOT NULL").groupBy("verdict")
                .count().collect()}
    sizes = Counter(family.size for family in families)
    return ScanSummary(documents=documents,
                       candidate_pairs={"lsh": found["lsh"], "vectors": found["vectors"], "both": found["both"],
                                        "total": sum(found.values())},
                       verdicts=dict(sorted(verdicts.items())),
                       families_by_size={str(size): sizes[size] for size in sorted(sizes)}, sites=sites,
                       boilerplate_lines=boilerplate, seconds=seconds, errors=errors)


def _write_small(out: Path, result: ScanResult) -> None:
    """The driver's files: families, sites, boilerplate (JSONL and Parquet), summary, timings, report.html."""
    from unspun.stages.report.scan_html import write_scan_report

    out.mkdir(parents=True, exist_ok=True)
    write_table(out, "families", [family.to_dict() for family in result.families])
    write_table(out, "sites", [site.to_dict() for site in result.sites])
    write_table(out, "boilerplate", [line.to_dict() for line in result.boilerplate])
    counts = {key: value for key, value in result.summary.to_dict().items() if key != "seconds"}
    write_atomic(out / "summary.json", (json.dumps(counts, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    write_atomic(out / "timings.json", (json.dumps(result.summary.seconds, indent=2, sort_keys=True) + "\n").encode())
    write_scan_report(out, result, pair_reports={})


def _is_local(out: str) -> bool:
    """Whether ``out`` is a folder of this machine (no scheme, or ``file:``) the driver can write directly."""
    return "://" not in out or out.startswith("file://")


def _publish(spark, folder: Path, out: str) -> None:
    """Copy the driver's files in ``folder`` to ``out`` through Hadoop's file system (``s3a://``, ``hdfs://``,
    ``abfss://``...), each file replaced whole, so the small tables land beside Spark's ``pairs.parquet``."""
    jvm = spark.sparkContext._jvm
    target = jvm.org.apache.hadoop.fs.Path(out)
    system = target.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    for path in sorted(folder.iterdir()):
        system.copyFromLocalFile(False, True, jvm.org.apache.hadoop.fs.Path(path.resolve().as_uri()),
                                 jvm.org.apache.hadoop.fs.Path(target, path.name))


def _write_driver_files(spark, out: str, result: ScanResult) -> None:
    """The small files into ``out``: directly when it is local, else written aside and published."""
    if _is_local(out):
        _write_small(Path(out.removeprefix("file://")), result)
        return
    with tempfile.TemporaryDirectory(prefix="unspun-scan-") as folder:
        _write_small(Path(folder), result)
        _publish(spark, Path(folder), out)


def scan_collection(spark, inputs: list[str], out: str, options: SparkScan | None = None) -> ScanResult:
    """Scan the collection at ``inputs`` (JSONL, Parquet, WARC paths or globs) into ``out`` (a local folder or any
    Hadoop path: Spark writes ``pairs.parquet`` and ``errors.parquet``, the driver the small files)."""
    from pyspark import StorageLevel

    options, clock = options or SparkScan(), _Clock()
    config, dim = options.config, _dimension()
    partitions = options.partitions or spark.sparkContext.defaultParallelism
    documents, bad = keyed_documents(spark, read_records(spark, inputs, options.inputs))
    prepared_all = prepare_documents(documents, options.index_config, options.compare_config).persist(
        StorageLevel.MEMORY_AND_DISK)
    prepared = prepared_all.where("problem IS NULL")
    count = prepared.count()
    clock.lap("corpus")
    mean, total = spark_candidates.collection_mean(prepared, dim)
    doc_vectors = spark_boilerplate.document_vector_table(prepared, mean, dim)
    boilerplate = spark_boilerplate.learn_boilerplate(spark, prepared, doc_vectors, config, dim)
    clock.lap("boilerplate")
    signatures = prepared.select("key", "signature").persist(StorageLevel.MEMORY_AND_DISK)
    passages = spark_candidates.passage_table(prepared, mean, dim).persist(StorageLevel.MEMORY_AND_DISK)
    centroids = spark_candidates.train(passages, total, dim)
    candidates = spark_candidates.candidate_pairs(
        spark_candidates.lsh_pairs(signatures, config),
        spark_candidates.vector_pairs(passages, centroids, signatures, config, dim)).localCheckpoint()
    candidates.count()
    clock.lap("candidates")
    pairs = verify(candidates, prepared, boilerplate=frozenset(line.key for line in boilerplate), config=config,
                   compare_config=options.compare_config, partitions=partitions).localCheckpoint()
    _write_pairs(pairs, out)
    clock.lap("verification")
    found, meta = spark_families(pairs, config)
    sites = ranked_profiles(found, meta, _site_counts(prepared))
    errors = (bad.unionByName(prepared_all.where("problem IS NOT NULL").select(prepared_all.problem.alias("error")))
              .unionByName(pairs.where("error IS NOT NULL").select("error")))
    _write_errors(errors, out)
    clock.lap("families")
    summary = _summary(count, candidates, pairs, found, sites=len(sites), boilerplate=len(boilerplate),
                       errors=errors.count(), seconds=clock.seconds)
    result = ScanResult(summary=summary, pairs=_tree_pairs(spark, pairs, found), families=found,
                        sites=sites, boilerplate=tuple(boilerplate), out=out)
    _write_driver_files(spark, out, result)
    for table in (prepared_all, signatures, passages):
        table.unpersist()
    return result


def _dimension() -> int:
    """Width of the packaged model's vectors."""
    from unspun.embed import default_embedder

    return int(default_embedder().dim)
