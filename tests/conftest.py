"""Shared fixtures: the hand-written articles under ``tests/fixtures`` and helpers that check every span.

Each story folder holds an ``original.txt`` and hand-made variants of it (see ``tests/fixtures/README.md``):

- ``paraphrase``: an LLM-style rewrite, reordered, one paragraph dropped, one sentence added;
- ``near_copy``: near-verbatim, a few words edited, one 2-1 merge or 1-2 split;
- ``facts_changed``: a copy with numbers, names, dates and a quote changed, a negation and a trend flipped;
- ``trimmed_footer``: the first paragraphs verbatim plus a WordPress comment footer;
- ``same_story``: an article written independently about the same invented event (shared names and numbers);

and ``tests/fixtures/unrelated`` holds articles about other things. The embedder loads once per session.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from unspun import Comparison, compare, compare_files
from unspun.embed import default_embedder
from unspun.kernels.tokens import tokenize

FIXTURES = Path(__file__).parent / "fixtures"
STORIES = ("port_strike", "tram_line", "lake_bloom", "food_results")
DERIVED_VARIANTS = ("paraphrase", "near_copy", "facts_changed", "trimmed_footer")
UNRELATED = {"port_strike": "library_reopens", "tram_line": "cycling_race", "lake_bloom": "library_reopens",
             "food_results": "cycling_race"}


class Corpus:
    """The fixture texts, and their comparisons computed once per session."""

    def __init__(self, embedder) -> None:
        self.embedder = embedder
        self._cache: dict[tuple[str, str, bool], Comparison] = {}

    @staticmethod
    def path(story: str, variant: str) -> Path:
        """Path of one fixture text; ``unrelated`` picks the story's unrelated article."""
        if variant == "unrelated":
            return FIXTURES / "unrelated" / f"{UNRELATED[story]}.txt"
        return FIXTURES / story / f"{variant}.txt"

    def text(self, story: str, variant: str) -> str:
        """The text of one fixture, exactly as stored (UTF-8)."""
        return self.path(story, variant).read_text(encoding="utf-8")

    def compare(self, story: str, variant: str, *, reverse: bool = False) -> Comparison:
        """``compare_files(original, variant)``, or the other argument order with ``reverse``."""
        key = (story, variant, reverse)
        if key not in self._cache:
            a, b = self.path(story, "original"), self.path(story, variant)
            a, b = (b, a) if reverse else (a, b)
            self._cache[key] = compare_files(a, b, embedder=self.embedder)
        return self._cache[key]

    @staticmethod
    def sentence_index(doc, prefix: str) -> int:
        """Index of the one sentence of ``doc`` starting with ``prefix`` (fails loudly if none or several)."""
        matches = [s.index for s in doc.sentences if s.text.startswith(prefix)]
        assert len(matches) == 1, f"{len(matches)} sentences of {doc.id} start with {prefix!r}"
        return matches[0]


def pytest_generate_tests(metafunc) -> None:
    """Run tests that take ``story`` on every story, and ``derived_variant`` on every derived variant."""
    if "story" in metafunc.fixturenames:
        metafunc.parametrize("story", STORIES)
    if "derived_variant" in metafunc.fixturenames:
        metafunc.parametrize("derived_variant", DERIVED_VARIANTS)


def assert_offsets(comparison: Comparison) -> None:
    """Assert that every span of every record of ``comparison`` slices back to the text it claims."""
    a_text, b_text = comparison.a.text, comparison.b.text
    for doc in (comparison.a, comparison.b):
        _check_sentences(doc)
    for alignment in comparison.alignments:
        _check_alignment(comparison, alignment)
    for piece in comparison.dropped + comparison.added + comparison.boilerplate:
        text = a_text if piece.side == "a" else b_text
        assert 0 <= piece.span[0] < piece.span[1] <= len(text)
        assert text[slice(*piece.span)] == piece.text
    for passage in comparison.passages:
        assert 0 <= passage.a_span[0] < passage.a_span[1] <= len(a_text)
        assert 0 <= passage.b_span[0] < passage.b_span[1] <= len(b_text)
    as_json = comparison.to_dict()
    for record in as_json["alignments"]:
        for edit in record["diff"]:
            assert a_text[slice(*edit["a_span"])] == edit["a_text"]
            assert b_text[slice(*edit["b_span"])] == edit["b_text"]


def _check_sentences(doc) -> None:
    """Sentences slice back, are stripped, ordered and do not overlap."""
    previous_end = 0
    for position, sentence in enumerate(doc.sentences):
        start, end = sentence.span
        assert sentence.index == position
        assert previous_end <= start < end <= len(doc.text)
        assert doc.text[start:end] == sentence.text
        assert sentence.text == sentence.text.strip()
        previous_end = end


def _words(text: str) -> list[str]:
    """Normalised words of ``text`` (what the diff compares)."""
    return [token.norm for token in tokenize(text)]


def _check_alignment(comparison: Comparison, alignment) -> None:
    """Alignment spans are its sentences' spans; diff and fact spans slice to their words."""
    a, b = comparison.a, comparison.b
    assert alignment.a_spans == tuple(a.sentences[i].span for i in alignment.a_sentences)
    assert alignment.b_spans == tuple(b.sentences[i].span for i in alignment.b_sentences)
    a_lo, a_hi = alignment.a_spans[0][0], alignment.a_spans[-1][1]
    b_lo, b_hi = alignment.b_spans[0][0], alignment.b_spans[-1][1]
    for edit in alignment.diff:
        assert a_lo <= edit.a_span[0] <= edit.a_span[1] <= a_hi
        assert b_lo <= edit.b_span[0] <= edit.b_span[1] <= b_hi
        if edit.op == "equal":
            assert _words(a.text[slice(*edit.a_span)]) == _words(b.text[slice(*edit.b_span)])
    for fact in alignment.changed_facts + alignment.kept_facts:
        assert fact.a_text is not None or fact.b_text is not None
        if fact.a_text is not None:
            assert a_lo <= fact.a_span[0] < fact.a_span[1] <= a_hi
            assert a.text[slice(*fact.a_span)] == fact.a_text
        if fact.b_text is not None:
            assert b_lo <= fact.b_span[0] < fact.b_span[1] <= b_hi
            assert b.text[slice(*fact.b_span)] == fact.b_text


@pytest.fixture(scope="session")
def embedder():
    """The bundled embedder, loaded once for the whole session."""
    return default_embedder()


@pytest.fixture(scope="session")
def compare_texts(embedder):
    """``compare`` bound to the session's embedder."""
    def run(text_a: str, text_b: str, **options) -> Comparison:
        return compare(text_a, text_b, embedder=embedder, **options)
    return run


@pytest.fixture(scope="session")
def corpus(embedder) -> Corpus:
    """The hand-written fixture articles and their cached comparisons."""
    return Corpus(embedder)


@pytest.fixture(scope="session")
def check_offsets():
    """The offsets checker: every span of every record slices back to the text it claims."""
    return assert_offsets
