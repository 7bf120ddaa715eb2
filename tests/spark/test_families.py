"""Families on Spark (components by min-label propagation, the local forest per component) on a chaining
fixture: a hub quoting two stories and one shared sentence must chain nothing, exactly as locally."""

from __future__ import annotations

import pytest

from unspun.scan import DocumentMeta, ReusePair, ScanConfig
from unspun.scan.families import build_families

pytestmark = pytest.mark.spark
CONFIG = ScanConfig()


def _pair(source: str, derived: str, share: float) -> ReusePair:
    verdict = "derived" if share >= 0.5 else "partially_derived"
    a, b = sorted((source, derived))
    return ReusePair(a=a, b=b, verdict=verdict, a_in_b=share, b_in_a=share, source="a" if a == source else "b",
                     direction_method="dates", direction_confidence=0.99, kind="rewrite", evidence=0.7,
                     derived_share=share, aligned_sentences=3, changed_facts=0, a_date=None, b_date=None,
                     a_site=f"{a}.example", b_site=f"{b}.example")


CHAIN = [_pair("s1", "r1", 0.9), _pair("s2", "r2", 0.9), _pair("s1", "hub", 0.35), _pair("s2", "hub", 0.3),
         _pair("r2", "r3", 0.8), _pair("s3", "r4", 0.9), _pair("s1", "s3", 0.05), _pair("r4", "r5", 0.7)]


def _table(spark, pairs):
    """A verified-pairs table of ``pairs`` (keys by id rank)."""
    from unspun.spark.verify import PAIR_FIELDS, VERIFIED_SCHEMA

    keys = {doc: n for n, doc in enumerate(sorted({d for p in pairs for d in (p.a, p.b)}))}
    rows = [{"key_a": keys[p.a], "key_b": keys[p.b], "error": None, "comparison": None,
             **{name: getattr(p, name) for name in PAIR_FIELDS}} for p in pairs]
    return spark.createDataFrame(rows, VERIFIED_SCHEMA)


def test_spark_families_of_a_chaining_fixture_are_the_local_ones(spark):
    from unspun.spark.families import families

    found, _ = families(_table(spark, CHAIN), CONFIG)
    meta = {doc: DocumentMeta(0, doc, f"{doc}.example", None) for p in CHAIN for doc in (p.a, p.b)}
    assert found == build_families(CHAIN, meta, CONFIG)
    assert {f.original: set(f.members) for f in found} == {
        "s1": {"s1", "r1", "hub"}, "s2": {"s2", "r2", "r3"}, "s3": {"s3", "r4", "r5"}}


def test_components_join_everything_an_edge_reaches(spark):
    from unspun.spark.families import components

    edges = spark.createDataFrame([(0, 1), (1, 2), (5, 4), (7, 6), (6, 5), (9, 10)], "key_a long, key_b long")
    labels = {row["key"]: row["component"] for row in components(edges).collect()}
    assert labels == {0: 0, 1: 0, 2: 0, 4: 4, 5: 4, 6: 4, 7: 4, 9: 9, 10: 9}
