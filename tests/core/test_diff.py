"""Token diff inside an aligned pair: kept, replaced, inserted and deleted words with exact spans."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.kernels.diff import token_diff, word_similarity
from unspun.kernels.tokens import tokenize


def _diff(a: str, b: str):
    return token_diff(tokenize(a), tokenize(b))


def _changes(a: str, b: str):
    return [(e.op, a[slice(*e.a_span)], b[slice(*e.b_span)]) for e in _diff(a, b) if e.op != "equal"]


def test_identical_sentences_are_one_equal_run():
    text = "Shares in Harwell Logistics fell 3% in early trading."
    (edit,) = _diff(text, text)
    assert (edit.op, edit.a_span, edit.b_span) == ("equal", (0, len(text) - 1), (0, len(text) - 1))


def test_rose_versus_fell_is_never_a_silent_match():
    a = "Shares in Harwell Logistics fell 3% in early trading."
    b = "Shares in Harwell Logistics rose 3% in early trading."
    assert _changes(a, b) == [("replace", "fell", "rose")]


def test_insertion_and_deletion_have_empty_spans_at_the_right_place():
    a = "She said she would raise the dispute."
    b = "She said she would not raise the dispute."
    inserted = [e for e in _diff(a, b) if e.op != "equal"]
    assert [(e.op, e.a_span[0] == e.a_span[1], b[slice(*e.b_span)]) for e in inserted] == [("insert", True, "not")]
    assert inserted[0].a_span[0] == a.index("would") + len("would")
    deleted = [e for e in _diff(b, a) if e.op != "equal"]
    assert [(e.op, b[slice(*e.a_span)], e.b_span[0] == e.b_span[1]) for e in deleted] == [("delete", "not", True)]


def test_case_and_possessives_do_not_count_as_edits():
    assert _changes("The Authority's offer stands.", "the authority offer stands") == []


def test_empty_side_anchors_at_the_given_start():
    edits = token_diff((), tokenize("Only here.", 40), a_start=7, b_start=40)
    assert [(e.op, e.a_span) for e in edits] == [("insert", (7, 7))]


def test_word_similarity_orders_edits():
    a = tokenize("The union said the strike would last until 1 February.")
    near = tokenize("The union said the strike would continue until 1 February.")
    far = tokenize("Conciliation officers meet both sides on Thursday.")
    assert word_similarity(a, a) == 1.0
    assert 1.0 > word_similarity(a, near) > word_similarity(a, far)


_WORDS = st.lists(st.sampled_from(["rose", "fell", "Voss", "union", "3%", "the", "port", "1,200", "not"]),
                  max_size=25)


@settings(max_examples=200, deadline=None)
@given(_WORDS, _WORDS)
def test_edit_script_rebuilds_b_from_a_and_spans_slice_back(a_words, b_words):
    a, b = " ".join(a_words), " ".join(b_words)
    a_tokens, b_tokens = tokenize(a), tokenize(b)
    rebuilt, a_used = [], []
    for edit in token_diff(a_tokens, b_tokens):
        assert 0 <= edit.a_span[0] <= edit.a_span[1] <= len(a)
        assert 0 <= edit.b_span[0] <= edit.b_span[1] <= len(b)
        a_part, b_part = a[slice(*edit.a_span)].split(), b[slice(*edit.b_span)].split()
        assert (edit.op in ("insert", "delete")) == (not a_part or not b_part)
        if edit.op == "equal":
            assert [w.lower() for w in a_part] == [w.lower() for w in b_part]
        rebuilt += b_part
        a_used += a_part
    assert rebuilt == b_words
    assert a_used == a_words


_MIRROR = {"insert": "delete", "delete": "insert", "replace": "replace", "equal": "equal"}


@settings(max_examples=200, deadline=None)
@given(_WORDS, _WORDS)
def test_edit_script_is_the_same_whichever_text_comes_first(a_words, b_words):
    a, b = " ".join(a_words), " ".join(b_words)
    forward = [(e.op, e.a_span, e.b_span) for e in _diff(a, b)]
    backward = [(_MIRROR[e.op], e.b_span, e.a_span) for e in _diff(b, a)]
    assert forward == backward


def test_a_tied_edit_script_replaces_the_same_words_both_ways():
    """Two minimal scripts exist for "rose sharply" against "climbed": replacing "rose" or "sharply". Both
    orders must pick the same one (Levenshtein alone picks by argument order)."""
    backward = _changes("climbed", "rose sharply")
    assert _changes("rose sharply", "climbed") == [(_MIRROR[op], b, a) for op, a, b in backward]
