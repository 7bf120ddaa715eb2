"""Word tokens: offsets into the original text, normalised forms, stems and content words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.kernels.tokens import content_stems, normalise, stem, tokenize


def test_tokens_slice_back_with_an_offset():
    text = "prefix: Shares in Kelmsby's port rose 93.9% to $1,200 on 1 February."
    offset = 8
    tokens = tokenize(text[offset:], offset)
    assert [text[t.start:t.end] for t in tokens] == [t.text for t in tokens]
    assert [t.text for t in tokens] == ["Shares", "in", "Kelmsby's", "port", "rose", "93.9%", "to", "1,200", "on", "1",
                                        "February"]


def test_numbers_and_inner_punctuation_stay_one_token():
    assert [t.text for t in tokenize("U.S. re-election 3% 1,000 don’t 4.5")] == [
        "U.S", "re-election", "3%", "1,000", "don’t", "4.5"]


def test_percent_never_equals_the_bare_number():
    percent, bare = tokenize("3% 3")
    assert percent.norm != bare.norm


def test_normalisation_lowercases_and_drops_possessives():
    assert normalise("Kelmsby's") == normalise("Kelmsby’s") == "kelmsby"
    assert normalise("DOCKS") == "docks"


def test_stems_join_inflections_and_keep_numbers():
    assert stem("rising") == stem("rises") == stem("rise")
    assert stem("2009") == "2009"


def test_content_words_exclude_stopwords_and_single_letters():
    tokens = tokenize("The union said it would not return to a table in 2009")
    assert content_stems(tokens) == frozenset({"union", "return", "tabl", "2009"})
    assert [t.is_number for t in tokenize("2bn two")] == [True, False]
    assert [t.is_capitalised for t in tokenize("Voss voss")] == [True, False]


@settings(max_examples=200, deadline=None)
@given(st.text(), st.integers(min_value=0, max_value=10_000))
def test_every_token_slices_back_in_order(text, offset):
    padded = " " * offset + text
    tokens = tokenize(text, offset)
    assert all(padded[t.start:t.end] == t.text and t.text for t in tokens)
    assert all(left.end <= right.start for left, right in zip(tokens, tokens[1:], strict=False))
