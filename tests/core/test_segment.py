"""Segment: title, sentences and boilerplate lines, each with a span that slices the original text."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.model import Document
from unspun.stages.segment import is_boilerplate, make_document, segment

BODY_SENTENCES = {"port_strike": 13, "tram_line": 12, "lake_bloom": 12, "food_results": 11}  # as written
FOOTER = "Comments are closed, but trackbacks and pingbacks are open."


def _assert_partition(text, sentences):
    """Spans slice back, are stripped, in order, disjoint, and together hold every non-space character."""
    covered = set()
    previous_end = 0
    for position, sentence in enumerate(sentences):
        start, end = sentence.span
        assert sentence.index == position
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == sentence.text == sentence.text.strip()
        covered.update(range(start, end))
        previous_end = end
    assert {i for i, char in enumerate(text) if not char.isspace()} <= covered


def test_fixture_articles_segment_into_title_and_sentences(corpus, story):
    text = corpus.text(story, "original")
    sentences = segment(text)
    _assert_partition(text, sentences)
    assert sentences[0].role == "title"
    assert sentences[0].text == text.splitlines()[0]
    assert sum(s.role == "body" for s in sentences) == BODY_SENTENCES[story]


def test_footer_is_boilerplate_and_everything_else_body(corpus, story):
    text = corpus.text(story, "trimmed_footer")
    sentences = segment(text)
    _assert_partition(text, sentences)
    assert [s.text for s in sentences if s.role == "boilerplate"] == [FOOTER]
    assert all(s.role == "body" for s in sentences[1:-1])


def test_paragraphs_are_numbered_by_line():
    text = "A headline\n\nFirst paragraph here. It has two sentences.\n\nSecond paragraph.\n"
    sentences = segment(text)
    assert [(s.role, s.paragraph) for s in sentences] == [("title", 0), ("body", 1), ("body", 1), ("body", 2)]


def test_abbreviations_decimals_and_times_do_not_end_sentences():
    text = ("Mr. Haldane met U.S. officials at 9 a.m. on Friday in St. Albans. "
            "Turnout was 93.9%, the highest since 2009. \"We are pleased,\" he said.")
    assert [s.text for s in segment(text)] == [
        "Mr. Haldane met U.S. officials at 9 a.m. on Friday in St. Albans.",
        "Turnout was 93.9%, the highest since 2009.",
        "\"We are pleased,\" he said.",
    ]


def test_breaks_nupunkt_keeps_together_are_split_but_lower_case_abbreviations_are_not():
    text = ("The mayor said the works would continue to do so. Meanwhile the council met. "
            "It was an easy win. Castaignede said so. Arsenal vs. Chelsea starts at 3 p.m. Monday.")
    assert [s.text for s in segment(text)] == [
        "The mayor said the works would continue to do so.", "Meanwhile the council met.",
        "It was an easy win.", "Castaignede said so.", "Arsenal vs. Chelsea starts at 3 p.m. Monday."]


def test_first_line_with_final_punctuation_is_not_a_title():
    sentences = segment("This opening line is a sentence.\nAnd here is another one.")
    assert [s.role for s in sentences] == ["body", "body"]


def test_single_line_text_has_no_title():
    assert [s.role for s in segment("A short headline-like line without a stop")] == ["body"]


def test_long_run_on_sentence_is_cut_at_word_boundaries():
    text = "Officials said " + " and ".join(f"item number {n} was delivered late" for n in range(60)) + "."
    sentences = segment(text, max_sentence_chars=200)
    _assert_partition(text, sentences)
    assert len(sentences) > 1
    assert all(s.length <= 200 for s in sentences)
    assert all(not text[s.span[1]:s.span[1] + 1].isalnum() for s in sentences)


def test_make_document_keeps_metadata_and_text():
    doc = make_document("Headline\n\nBody one. Body two.", doc_id="d1", source="d1.txt", date="2024-01-31")
    assert (doc.id, doc.source, doc.date, doc.title) == ("d1", "d1.txt", "2024-01-31", "Headline")
    assert [s.text for s in doc.body] == ["Body one.", "Body two."]
    assert doc.body_chars == len("Body one.") + len("Body two.")


def test_boilerplate_lines_are_recognised():
    for line in (FOOTER, "Leave a Reply", "Share this:", "Posted in Business", "Tags: port, strike",
                 "© 2024 Kelmsby Gazette. All rights reserved.", "Subscribe to our newsletter for more.",
                 "Your email address will not be published.", "Read or Share this story: https://example.com/a/1",
                 "Contact Gazette reporter Jo Bloggs at 334-240-0185 or jbloggs@example.com.",
                 "Reach staff writer Ann Lee at alee@example.com.", "Share this: Facebook, X, WhatsApp.",
                 "Share on Facebook.", "Email this story to a friend."):
        assert is_boilerplate(line), line


def test_news_lines_that_look_like_furniture_are_not_boilerplate():
    for line in ("Share prices fell sharply on Monday.", "Email was the first channel the attackers used.",
                 "Anyone with information is asked to contact Kelmsby police at 250-247-8333.",
                 "The editor said the paper at 10 Main Street would close in 2025."):
        assert not is_boilerplate(line), line


def test_news_sentences_are_not_boilerplate(corpus, story):
    for sentence in segment(corpus.text(story, "original")):
        assert not is_boilerplate(sentence.text), sentence.text


_WORDS = st.sampled_from(["the", "Council", "said", "3.5%", "U.S.", "Mr.", "£2bn", "rose", "“quoted", "words”",
                          "a.m.", "Kelmsby's", "-", "…", "e.g.", "1,200", "Zoë", "naïve", "(2024)", "well-known"])
_SEPARATORS = st.sampled_from([" ", " ", " ", ". ", "? ", "! ", "\n", "\n\n", "\r\n", "  ", "\t", ".\" ", "\u00a0"])


@st.composite
def news_like_texts(draw):
    """Texts mixing words, punctuation, abbreviations and every kind of line break and space."""
    words = draw(st.lists(_WORDS, min_size=1, max_size=80))
    separators = draw(st.lists(_SEPARATORS, min_size=len(words), max_size=len(words)))
    lead = draw(st.sampled_from(["", " ", "\n", "\ufeff"]))
    return lead + "".join(w + s for w, s in zip(words, separators, strict=True))


@settings(max_examples=150, deadline=None)
@given(news_like_texts(), st.integers(min_value=20, max_value=600))
def test_spans_partition_any_text(text, max_chars):
    sentences = segment(text, max_sentence_chars=max_chars)
    _assert_partition(text, sentences)
    assert all(s.length <= max_chars for s in sentences if s.role != "title")


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_spans_slice_back_on_arbitrary_unicode(text):
    _assert_partition(text, segment(text, max_sentence_chars=50))


@pytest.mark.parametrize("variant", ["trimmed_footer", "original"])
def test_a_pickled_document_comes_back_equal_with_its_text_once(corpus, variant):
    doc = make_document(corpus.text("port_strike", variant), doc_id="d", source="s.txt", date="2024-02-01",
                        url="https://example.org/d")
    assert {s.role for s in doc.sentences} >= {"title", "body"}
    data = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)
    assert pickle.loads(data) == doc
    assert data.count(doc.sentences[-1].text.encode()) == 1  # a sentence's text is not stored beside the text
    assert Document.from_rows(doc.id, doc.text, doc.sentence_rows(), source=doc.source, date=doc.date,
                              url=doc.url) == doc
