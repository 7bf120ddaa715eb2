"""Families on Spark: connected components of the reuse edges by iterative min-label propagation (joins, the
lineage cut by a local checkpoint each round; no GraphFrames), then the local forest
(:func:`unspun.scan.families.build_families`) once per component in a group-by.

The local algorithm only ever relates documents joined by reuse edges (parents, alternatives, links), so
running it per component of *all* reuse edges gives exactly the families it gives on the whole collection.
"""

from __future__ import annotations

import json

import pandas as pd

from unspun.model import REUSE_VERDICTS
from unspun.scan.config import ScanConfig
from unspun.scan.families import build_families, family_order
from unspun.scan.records import DocumentMeta, Family, FamilyEdge, ReusePair
from unspun.spark.rows import frame
from unspun.spark.verify import PAIR_FIELDS


def reuse_edges(pairs):
    """The verified pairs that are reuse with a known source (the only ones families read)."""
    from pyspark.sql import functions as F

    return pairs.where(F.col("verdict").isin(*REUSE_VERDICTS) & F.col("source").isNotNull())


def components(edges):
    """``(key, component)``: each document of an edge labelled with the least key of its component."""
    from pyspark.sql import functions as F

    links = edges.select(F.col("key_a").alias("v"), F.col("key_b").alias("u")).unionByName(
        edges.select(F.col("key_b").alias("v"), F.col("key_a").alias("u")))
    labels = links.groupBy("v").agg(F.least(F.min("u"), F.first("v")).alias("label")).localCheckpoint()
    while True:
        offered = links.join(labels.withColumnRenamed("v", "u").withColumnRenamed("label", "offer"), "u")
        moved = (labels.join(offered.groupBy("v").agg(F.min("offer").alias("offer")), "v")
                 .select("v", F.least("label", "offer").alias("label")).localCheckpoint())
        changed = moved.join(labels.withColumnRenamed("label", "before"), "v").where(
            F.col("label") != F.col("before")).count()
        labels = moved
        if not changed:
            return labels.select(F.col("v").alias("key"), F.col("label").alias("component"))


def pair_of(row: dict) -> ReusePair:
    """A :class:`ReusePair` from a verified-pairs row."""
    values = {name: (None if isinstance(row[name], float) and row[name] != row[name] else row[name])
              for name in PAIR_FIELDS}
    return ReusePair(**values)


def _component_families(component: pd.DataFrame, config: ScanConfig) -> pd.DataFrame:
    """``applyInPandas`` body: the families of one component, with their members' site and date."""
    pairs = [pair_of(row) for row in component.to_dict("records")]
    meta: dict[str, DocumentMeta] = {}
    for pair in pairs:
        meta.setdefault(pair.a, DocumentMeta(0, pair.a, pair.a_site, pair.a_date))
        meta.setdefault(pair.b, DocumentMeta(0, pair.b, pair.b_site, pair.b_date))
    families = build_families(pairs, meta, config)
    rows = [json.dumps({"family": family.to_dict(),
                        "meta": {doc: [meta[doc].site, meta[doc].date] for doc in family.members}})
            for family in families]
    return frame([{"row": row} for row in rows], "row string")


def family_of(row: dict) -> Family:
    """A :class:`Family` back from its ``to_dict`` row."""
    edges = tuple(FamilyEdge(**{**edge, "alternatives": tuple(edge["alternatives"])}) for edge in row["edges"])
    return Family(id=row["id"], original=row["original"], members=tuple(row["members"]), edges=edges,
                  sites=tuple(row["sites"]), first_date=row["first_date"], last_date=row["last_date"],
                  links=tuple(row["links"]))


def families(pairs, config: ScanConfig) -> tuple[tuple[Family, ...], dict[str, DocumentMeta]]:
    """Every family (largest first, then earliest, then by id) and its members' metadata, on the driver."""
    edges = reuse_edges(pairs)
    labelled = edges.join(components(edges).withColumnRenamed("key", "key_a"), "key_a")
    rows = labelled.groupBy("component").applyInPandas(lambda component: _component_families(component, config),
                                                       "row string").collect()
    found, meta = [], {}
    for row in rows:
        value = json.loads(row["row"])
        found.append(family_of(value["family"]))
        meta.update({doc: DocumentMeta(0, doc, site, date) for doc, (site, date) in value["meta"].items()})
    return tuple(sorted(found, key=family_order)), meta
