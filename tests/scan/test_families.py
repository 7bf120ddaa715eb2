"""Families from reuse pairs: one parent per derived document, no chaining through hubs or weak edges, and
always a partition of the documents they cover."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.scan import DocumentMeta, ReusePair, ScanConfig
from unspun.scan.families import build_families

CONFIG = ScanConfig()


def _meta(*ids: str, dates: dict[str, str] | None = None) -> dict[str, DocumentMeta]:
    dates = dates or {}
    return {doc: DocumentMeta(n, doc, f"{doc}.example", dates.get(doc)) for n, doc in enumerate(ids)}


def _pair(source: str, derived: str, share: float, *, kind: str = "rewrite", evidence: float = 0.7,
          verdict: str | None = None) -> ReusePair:
    verdict = verdict or ("derived" if share >= 0.5 else "partially_derived")
    return ReusePair(a=source, b=derived, verdict=verdict, a_in_b=share, b_in_a=share, source="a",
                     direction_method="dates", direction_confidence=0.99, kind=kind, evidence=evidence,
                     derived_share=share, aligned_sentences=3, changed_facts=0, a_date=None, b_date=None,
                     a_site=None, b_site=None)


def _families(pairs, meta):
    return {f.original: set(f.members) for f in build_families(pairs, meta, CONFIG)}


def test_a_hub_quoting_two_stories_joins_only_the_one_it_takes_most_from():
    meta = _meta("s1", "r1", "s2", "r2", "hub")
    pairs = [_pair("s1", "r1", 0.9), _pair("s2", "r2", 0.9), _pair("s1", "hub", 0.35), _pair("s2", "hub", 0.3)]
    assert _families(pairs, meta) == {"s1": {"s1", "r1", "hub"}, "s2": {"s2", "r2"}}


def test_a_hub_that_copies_two_whole_stories_still_has_one_parent():
    meta = _meta("s1", "s2", "hub", dates={"s1": "2024-01-01", "s2": "2024-01-02", "hub": "2024-01-05"})
    pairs = [_pair("s1", "hub", 0.5, kind="partial"), _pair("s2", "hub", 0.5, kind="partial")]
    families = build_families(pairs, meta, CONFIG)
    assert [f.original for f in families] == ["s1"] and families[0].edges[0].alternatives == ("s2",)


def test_one_shared_sentence_does_not_chain_two_stories():
    meta = _meta("s1", "r1", "s2", "r2")
    pairs = [_pair("s1", "r1", 0.9), _pair("s2", "r2", 0.9), _pair("s1", "s2", 0.05)]
    assert _families(pairs, meta) == {"s1": {"s1", "r1"}, "s2": {"s2", "r2"}}


def test_an_original_sharing_a_paragraph_stays_the_root_of_its_family_and_links_the_other():
    meta = _meta("s1", "r1", "s2", "r2")
    pairs = [_pair("s1", "r1", 0.9), _pair("s2", "r2", 0.9), _pair("s1", "s2", 0.3)]
    families = build_families(pairs, meta, CONFIG)
    assert {f.original: set(f.members) for f in families} == {"s1": {"s1", "r1"}, "s2": {"s2", "r2"}}
    assert all(len(f.links) == 1 for f in families)


def test_the_earliest_adequate_source_of_the_closest_tier_is_the_parent():
    dates = {"o": "2024-01-01", "r1": "2024-01-02", "r2": "2024-01-03", "c": "2024-01-04"}
    meta = _meta("o", "r1", "r2", "c", dates=dates)
    pairs = [_pair("o", "r1", 0.8), _pair("o", "r2", 0.7), _pair("r1", "r2", 0.9, evidence=0.8),
             _pair("r1", "c", 1.0, kind="copy", evidence=0.98), _pair("o", "c", 0.8)]
    edges = {e.derived: e.source for f in build_families(pairs, meta, CONFIG) for e in f.edges}
    assert edges == {"r1": "o", "r2": "o", "c": "r1"}


def test_a_source_nearly_as_close_as_a_near_copy_counts_as_near_verbatim():
    """Two light polishes of one article: each is a ``copy`` (0.92) of the other and just under the copy line
    (0.88) from the article. The article is as close, and earlier: it is their parent. A re-post of a rewrite
    (0.98) is not pulled towards an original it follows much less closely (0.70)."""
    dates = {"o": "2024-01-01", "p1": "2024-01-02", "p2": "2024-01-02", "r": "2024-01-03", "c": "2024-01-04"}
    meta = _meta("o", "p1", "p2", "r", "c", dates=dates)
    pairs = [_pair("o", "p1", 1.0, evidence=0.88), _pair("o", "p2", 1.0, evidence=0.885),
             _pair("p1", "p2", 1.0, kind="copy", evidence=0.92), _pair("o", "r", 0.9),
             _pair("r", "c", 1.0, kind="copy", evidence=0.98), _pair("o", "c", 0.9, evidence=0.7)]
    edges = {e.derived: e.source for f in build_families(pairs, meta, CONFIG) for e in f.edges}
    assert edges == {"p1": "o", "p2": "o", "r": "o", "c": "r"}
    strict = ScanConfig(parent_margin=0.0)
    assert {e.derived: e.source for f in build_families(pairs, meta, strict) for e in f.edges}["p2"] == "p1"


def test_undirected_cycles_never_make_a_document_its_own_ancestor():
    meta = _meta("a", "b", "c")
    pairs = [_pair("a", "b", 0.9), _pair("b", "c", 0.9), _pair("c", "a", 0.9)]
    (family,) = build_families(pairs, meta, CONFIG)
    assert set(family.members) == {"a", "b", "c"} and len(family.edges) == 2


DOCS = [f"d{n}" for n in range(8)]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(DOCS), st.sampled_from(DOCS), st.floats(0.0, 1.0),
                          st.sampled_from(["copy", "rewrite", "partial"])), max_size=20))
def test_families_partition_the_documents_they_cover_into_trees(edges):
    pairs = [_pair(s, d, share, kind=kind) for s, d, share, kind in edges if s != d]
    families = build_families(pairs, _meta(*DOCS), CONFIG)
    members = [doc for family in families for doc in family.members]
    assert len(members) == len(set(members))
    for family in families:
        assert len(family.edges) == family.size - 1 and family.size >= 2
        parents = {edge.derived: edge.source for edge in family.edges}
        assert family.original not in parents and set(parents) | {family.original} == set(family.members)
        for member in family.members:
            doc, seen = member, set()
            while doc in parents:
                assert doc not in seen
                seen.add(doc)
                doc = parents[doc]
            assert doc == family.original
