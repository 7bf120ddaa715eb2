"""The passage stage: one reused passage is reported once, with spans that slice back to the texts; nothing
is reported between unrelated texts; a short summary of a longer text is found in summary mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unspun import compare
from unspun.config import CompareConfig
from unspun.embed import default_embedder
from unspun.errors import ConfigError
from unspun.stages.candidates import find_candidates, prepare_document
from unspun.stages.passages import PassageConfig, find_passages
from unspun.stages.passages.cluster import Seed, cluster_seeds, gap_ranks
from unspun.stages.passages.copies import widen
from unspun.stages.passages.seeds import weighted_cosine

DATA = Path(__file__).parent / "data"
FIXTURES = Path(__file__).parent.parent / "fixtures"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8").strip()


@pytest.fixture(scope="module")
def news() -> dict[str, str]:
    """Unrelated hand-written articles to surround reused text with."""
    return {name: _read(FIXTURES / "unrelated" / f"{name}.txt") for name in ("cycling_race", "library_reopens")}


def _assert_one_verbatim_passage(source: str, suspicious: str, copied: str) -> None:
    """``compare`` finds exactly one passage, verbatim, whose spans slice to ``copied`` on both sides."""
    result = compare(source, suspicious)
    assert len(result.passages) == 1
    passage = result.passages[0]
    assert passage.kind == "verbatim"
    assert source[slice(*passage.a_span)] == copied
    assert suspicious[slice(*passage.b_span)] == copied


def test_copied_paragraphs_inside_other_text_are_one_passage(news):
    lake = _read(FIXTURES / "lake_bloom" / "original.txt")
    copied = lake[lake.index("Researchers from Tessaly"):lake.index("Dog owners")].strip()
    suspicious = f"{news['cycling_race']}\n\n{copied}\n\n{news['library_reopens']}"
    _assert_one_verbatim_passage(lake, suspicious, copied)


def test_a_copy_starting_and_ending_mid_sentence_gets_exact_edges(news):
    lake = _read(FIXTURES / "lake_bloom" / "original.txt")
    start = lake.index("concentrations of the toxin")
    copied = lake[start:lake.index("Dog owners")].strip()
    copied = copied[:copied.rindex(" ")]
    suspicious = f"{news['cycling_race']} Readers were told that {copied} and more.\n\n{news['library_reopens']}"
    _assert_one_verbatim_passage(lake, suspicious, copied)


def test_a_copy_keeps_the_title_line_it_copied(news):
    lake = _read(FIXTURES / "lake_bloom" / "original.txt")
    copied = lake[:lake.index("Dog owners")].strip()
    suspicious = f"{news['cycling_race']}\n\n{copied}\n\n{news['library_reopens']}"
    passage, = compare(lake, suspicious).passages
    assert passage.a_span == (0, len(copied))
    assert suspicious[slice(*passage.b_span)] == copied


def test_a_passage_broken_by_fragments_is_still_one_passage(news):
    """Obfuscated or badly punctuated text splits into fragments; a run of them is not a gap of real sentences."""
    lake = _read(FIXTURES / "lake_bloom" / "original.txt")
    first = lake[lake.index("Officials in Halden"):lake.index("Researchers from")].strip()
    second = lake[lake.index("Dog owners"):lake.index("The county will")].strip()
    fragments = " ".join(["Yes.", "Well.", "Right.", "Sure.", "Fine.", "Okay.", "Good."])
    source = f"{news['library_reopens']}\n\n{first}\n\n{second}"
    suspicious = f"{news['cycling_race']}\n\n{first} {fragments} {second}"
    result = compare(source, suspicious)
    assert len(result.passages) == 1
    passage = result.passages[0]
    assert suspicious[slice(*passage.b_span)].startswith("Officials in Halden")
    assert suspicious[slice(*passage.b_span)].endswith("cancellations.")


def test_gaps_are_counted_in_ranks_so_fragments_do_not_split_a_cluster():
    seeds = [Seed(0, 0, 0.9), Seed(1, 7, 0.9)]
    b_ranks = gap_ranks([4, 0, 1, 1, 0, 1, 0, 5], min_words=2)
    assert len(cluster_seeds(seeds, max_gap=1)) == 2
    assert len(cluster_seeds(seeds, max_gap=1, ranks=(range(2), b_ranks))) == 1


def test_widen_takes_identical_characters_but_not_the_previous_sentence_end():
    a_text, b_text = "Old text. Copied words here.\nNext", "New page. Copied words here. Other"
    a_start, b_start = a_text.index("words"), b_text.index("words")
    a_span, b_span = widen((a_start, a_start + 10), (b_start, b_start + 10), a_text, b_text)
    assert a_text[slice(*a_span)] == "Copied words here."
    assert b_text[slice(*b_span)] == "Copied words here."


def test_near_copy_with_edits_is_one_rewrite_or_verbatim_passage(news):
    tram = _read(FIXTURES / "tram_line" / "original.txt")
    near = _read(FIXTURES / "tram_line" / "near_copy.txt")
    suspicious = f"{news['library_reopens']}\n\n{near}"
    result = compare(tram, suspicious)
    assert len(result.passages) == 1
    start, end = result.passages[0].b_span
    assert start >= len(news["library_reopens"]) and end - start > 0.8 * len(near)


def test_unrelated_texts_share_no_passage(news):
    result = compare(news["cycling_race"], news["library_reopens"])
    assert result.passages == ()


def test_a_short_summary_of_a_longer_text_is_found_in_summary_mode(news):
    source = _read(DATA / "lighthouse.txt")
    summary = _read(DATA / "lighthouse_summary.txt")
    suspicious = f"{news['cycling_race']}\n\n{summary}\n\n{news['library_reopens']}"
    result = compare(source, suspicious)
    assert [p.kind for p in result.passages] == ["summary"]
    passage = result.passages[0]
    assert suspicious[slice(*passage.b_span)] == summary
    assert passage.a_span == (0, len(source))


def test_compare_reports_the_passage_stage_output(news):
    lake = _read(FIXTURES / "lake_bloom" / "original.txt")
    suspicious = f"{news['cycling_race']}\n\n{lake}"
    result = compare(lake, suspicious)
    a, b = (prepare_document(side, default_embedder()) for side in (result.a, result.b))
    candidates = find_candidates(a, b, CompareConfig())
    assert result.passages == find_passages(result.a, result.b, candidates)
    assert result.to_dict()["passages"] == [p.to_dict() for p in result.passages]


def test_clusters_split_where_either_side_jumps():
    seeds = [Seed(0, 0, 1.0), Seed(1, 1, 1.0), Seed(2, 2, 1.0), Seed(30, 3, 1.0), Seed(31, 4, 1.0)]
    assert [[(s.a, s.b) for s in c] for c in cluster_seeds(seeds, max_gap=1)] == [
        [(0, 0), (1, 1), (2, 2)], [(30, 3), (31, 4)]]


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=40), st.integers(0, 5))
def test_clusters_partition_the_seeds_and_respect_the_gap(positions, max_gap):
    seeds = [Seed(a, b, 0.5) for a, b in positions]
    clusters = cluster_seeds(seeds, max_gap)
    assert sorted((s.a, s.b) for c in clusters for s in c) == sorted(positions)
    for cluster in clusters:
        for side in ("a", "b"):
            values = sorted({getattr(s, side) for s in cluster})
            assert all(later - earlier <= max_gap + 1 for earlier, later in zip(values, values[1:], strict=False))


def test_weighted_cosine_ignores_shared_common_words():
    weights = {"trombon": 0.01, "valv": 4.0, "slide": 4.0, "brass": 0.01}
    assert weighted_cosine(frozenset({"trombon", "valv"}), frozenset({"trombon", "slide"}), weights) < 0.01
    assert weighted_cosine(frozenset({"valv"}), frozenset({"valv"}), weights) == pytest.approx(1.0)


def test_compare_uses_and_records_the_passage_options(news):
    lake = _read(FIXTURES / "lake_bloom" / "original.txt")
    suspicious = f"{news['cycling_race']}\n\n{lake}"
    assert compare(lake, suspicious).to_dict()["config"]["passages"] == PassageConfig().to_dict()
    strict = CompareConfig(passages=PassageConfig(min_chars=100_000))
    result = compare(lake, suspicious, config=strict)
    assert result.passages == ()
    assert result.to_dict()["config"]["passages"]["min_chars"] == 100_000


def test_a_recorded_config_loads_back_whatever_version_wrote_it():
    config = CompareConfig(align_threshold=0.6, passages=PassageConfig(max_gap=2))
    assert CompareConfig.from_dict(config.to_dict()) == config
    older = {k: v for k, v in config.to_dict().items() if k != "passages"}
    assert CompareConfig.from_dict(older) == CompareConfig(align_threshold=0.6)
    newer = {**config.to_dict(), "future_option": 1, "passages": {"max_gap": 2, "future_passage_option": 1}}
    assert CompareConfig.from_dict(newer) == config


@pytest.mark.parametrize("option", [{"seed_score": 1.5}, {"max_gap": -1}, {"summary_ratio": 0.5}])
def test_config_refuses_values_out_of_range(option):
    with pytest.raises(ConfigError):
        PassageConfig(**option)
