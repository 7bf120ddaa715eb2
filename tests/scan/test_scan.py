"""``Index.scan`` on the fixture collection: exact families, trees, edge kinds, learned boilerplate, no chaining."""

from __future__ import annotations

import json

import pyarrow.parquet as pq

FAMILIES = {
    "port-original": {"port-original", "port-copy", "port-trimmed", "port-facts"},
    "lake-original": {"lake-original", "lake-rewrite-a", "lake-rewrite-b", "lake-repost"},
    "tram-original": {"tram-original", "tram-update"},
    "library": {"library", "library-b"},
    "food-original": {"food-original", "hub-review"},
}
EDGES = {
    ("port-original", "port-copy", "copy"), ("port-original", "port-trimmed", "copy"),
    ("port-original", "port-facts", "copy"),
    ("lake-original", "lake-rewrite-a", "rewrite"), ("lake-original", "lake-rewrite-b", "rewrite"),
    ("lake-rewrite-a", "lake-repost", "copy"),
    ("tram-original", "tram-update", "update"),
    ("library", "library-b", "copy"),
    ("food-original", "hub-review", "partial"),
}


def test_families_are_exactly_the_planted_stories(scanned):
    result, _ = scanned
    assert {f.original: set(f.members) for f in result.families} == FAMILIES


def test_each_derived_member_has_its_planted_parent_and_edge_kind(scanned):
    result, _ = scanned
    assert {(e.source, e.derived, e.kind) for f in result.families for e in f.edges} == EDGES
    assert all(e.method == "dates" for f in result.families for e in f.edges)


def test_a_repost_of_a_rewrite_goes_under_the_rewrite_not_the_original(scanned):
    result, _ = scanned
    edge = next(e for f in result.families for e in f.edges if e.derived == "lake-repost")
    assert edge.source == "lake-rewrite-a" and "lake-original" in edge.alternatives


def test_the_hub_joins_one_family_and_chains_none(scanned):
    result, _ = scanned
    family_of = {doc: f.id for f in result.families for doc in f.members}
    assert family_of["port-original"] != family_of["food-original"]
    assert [f.original for f in result.families if "hub-review" in f.members] == ["food-original"]


def test_an_independent_report_of_the_same_event_is_a_pair_but_no_member(scanned):
    result, _ = scanned
    members = {doc for f in result.families for doc in f.members}
    assert "lake-other-report" not in members
    assert ("lake-original", "lake-other-report", "same_story") in {(p.a, p.b, p.verdict) for p in result.pairs}


def test_site_footers_across_different_stories_are_learned_and_make_no_pair(scanned):
    result, _ = scanned
    learned = {(line.site, line.text) for line in result.boilerplate}
    assert {site for site, _ in learned} == {"pulsewire.example", "newsgrid.example"}
    assert len(learned) == 3 and all(line.scope == "site" and line.stories >= 3 for line in result.boilerplate)
    related = {frozenset((p.a, p.b)) for p in result.pairs}
    assert frozenset(("cycling", "library")) not in related and frozenset(("cycling", "port-copy")) not in related


def test_sentences_copied_with_one_story_are_reuse_not_boilerplate(scanned):
    result, _ = scanned
    assert not any("Kelmsby" in line.text or "Lake Orrin" in line.text for line in result.boilerplate)


def test_sites_that_republish_rank_above_the_newsrooms_they_take_from(scanned):
    result, _ = scanned
    ranking = [site.site for site in result.sites]
    for farm in ("pulsewire.example", "newsgrid.example", "copycat.example"):
        for newsroom in ("lakenews.example", "portwire.example", "marketwatch.example"):
            assert ranking.index(farm) < ranking.index(newsroom)
    copycat = next(site for site in result.sites if site.site == "copycat.example")
    assert copycat.takes_from == {"portwire.example": 1, "pulsewire.example": 1}


def test_files_match_the_result_and_load_as_tables(scanned):
    result, out = scanned
    families = [json.loads(line) for line in (out / "families.jsonl").read_text().splitlines()]
    assert [f["id"] for f in families] == [f.id for f in result.families]
    assert pq.read_table(out / "pairs.parquet").num_rows == len(result.pairs)
    assert pq.read_table(out / "sites.parquet").column("site").to_pylist() == [s.site for s in result.sites]
    assert json.loads((out / "summary.json").read_text())["verdicts"] == result.summary.verdicts


def test_query_against_the_scanned_index_ignores_learned_footers(scan_index, scanned):
    from unspun.index import Index

    text = ("Stay ahead of the headlines with Pulsewire Daily, your independent source for the stories that "
            "matter.\nPulsewire Daily is reader-funded and published from Lisbon by a small team of editors.\n")
    with Index.open(scan_index, create=False) as index:
        assert index.query(text) == []


def test_the_report_links_each_edge_of_the_largest_families_to_its_written_pair_report(scan_index, tmp_path):
    from unspun.index import Index
    from unspun.scan import ScanConfig

    with Index.open(scan_index, create=False) as index:
        result = index.scan(tmp_path, config=ScanConfig(pair_reports=1))
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    written = sorted(path.name for path in (tmp_path / "pairs").iterdir())
    assert written == [f"{n:04d}.html" for n in range(1, len(result.families[0].edges) + 1)]
    assert all(f'href="pairs/{name}"' in report for name in written)
    assert "Lake Orrin" in (tmp_path / "pairs" / "0001.html").read_text(encoding="utf-8") or \
        "Kelmsby" in (tmp_path / "pairs" / "0001.html").read_text(encoding="utf-8")
