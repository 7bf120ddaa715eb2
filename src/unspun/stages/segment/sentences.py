"""Title, paragraph and sentence segmentation with character offsets into the original text.

Paragraphs are the text's lines; sentences inside a paragraph come from nupunkt (boundary F1 0.96 on a news
trap text: U.S., Mr., 93.9%, a.m., quotes; see shared/DEPENDENCIES.md). Nothing is normalised before splitting,
so spans slice the original text exactly.
"""

from __future__ import annotations

import re

import nupunkt

from unspun.model import Document, Sentence, Span
from unspun.stages.ingest.records import unicode_text
from unspun.stages.segment.boilerplate import is_boilerplate

_LINE = re.compile(r"[^\r\n]+")
_FINAL_PUNCTUATION = re.compile(r"[.!?;:,]['\"”’)\]]*$")
_MAX_TITLE_WORDS = 30
_MISSED_BREAK = re.compile(r"\b(?P<word>[a-z]{2,})\.['\"”’)\]]*(?= +[A-Z])")
"""A full stop after a lower-case word, then a capitalised word: nupunkt keeps some of these together ("would
continue to do so. Meanwhile the Tories …", "an easy win. Castaignede told …"; 204 of the BBC corpus's 41,405
sentences, every one a true break on reading), as if "so." or "win." were abbreviations."""
_LOWER_CASE_ABBREVIATIONS = frozenset({
    "al", "approx", "ca", "cf", "dept", "ed", "eds", "esp", "est", "feat", "fig", "ft", "govt", "incl", "jr",
    "mt", "no", "nos", "op", "pp", "sr", "st", "viz", "vol", "vs"})
"""Lower-case abbreviations a capitalised word may follow inside one sentence ("Arsenal vs. Chelsea")."""


def _paragraph_spans(text: str) -> list[Span]:
    """Spans of the non-blank lines of ``text``, stripped of surrounding white space."""
    spans = []
    for match in _LINE.finditer(text):
        span = _strip(text, match.start(), match.end())
        if span[0] < span[1]:
            spans.append(span)
    return spans


def _strip(text: str, start: int, end: int) -> Span:
    """Shrink ``[start, end)`` so it neither starts nor ends with white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end)


def _is_title(text: str, span: Span, paragraphs: list[Span], max_chars: int) -> bool:
    """A title is a short first line without final punctuation, followed by more text."""
    line = text[slice(*span)]
    return (len(paragraphs) > 1 and len(line) <= max_chars and len(line.split()) <= _MAX_TITLE_WORDS
            and not _FINAL_PUNCTUATION.search(line))


def _chunk(text: str, span: Span, max_chars: int) -> list[Span]:
    """Cut an over-long sentence at word boundaries into pieces of at most ``max_chars`` characters."""
    start, end = span
    pieces = []
    while end - start > max_chars:
        cut = text.rfind(" ", start + 1, start + max_chars)
        cut = cut if cut > start else start + max_chars
        pieces.append(_strip(text, start, cut))
        start = _strip(text, cut, end)[0]
    pieces.append((start, end))
    return [piece for piece in pieces if piece[0] < piece[1]]


def _split_missed_breaks(text: str, span: Span) -> list[Span]:
    """Split a nupunkt sentence at the breaks it missed (:data:`_MISSED_BREAK`).

    Written by hand because it repairs one library's habit rather than segmenting: nupunkt is otherwise the
    best splitter we measured on news, and a lower-case word, a full stop and a capital is a sentence break
    unless the word is a known abbreviation. Most sentences have no full stop before their last character, and
    a C-level ``find`` skips them (the search on every sentence cost 2% of indexing).
    """
    start, end = span
    if text.find(".", start, end - 1) < 0:
        return [span]
    pieces = []
    for match in _MISSED_BREAK.finditer(text, start, end):
        if match.group("word") not in _LOWER_CASE_ABBREVIATIONS:
            pieces.append(_strip(text, start, match.end()))
            start = _strip(text, match.end(), end)[0]
    pieces.append((start, end))
    return pieces


def _sentence_spans(text: str, paragraph: Span, max_chars: int) -> list[Span]:
    """Sentence spans inside one paragraph, in document offsets."""
    start, end = paragraph
    spans = []
    for rel_start, rel_end in nupunkt.sent_spans(text[start:end]):
        sentence = _strip(text, start + rel_start, start + rel_end)
        for piece in _split_missed_breaks(text, sentence) if sentence[0] < sentence[1] else ():
            spans.extend(_chunk(text, piece, max_chars))
    return spans


def segment(text: str, *, max_sentence_chars: int = 600, max_title_chars: int = 200) -> tuple[Sentence, ...]:
    """Split ``text`` into a title (if any), body sentences and boilerplate, in reading order."""
    paragraphs = _paragraph_spans(text)
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs):
        if number == 0 and _is_title(text, paragraph, paragraphs, max_title_chars):
            sentences.append(Sentence(0, paragraph, text[slice(*paragraph)], 0, "title"))
            continue
        for span in _sentence_spans(text, paragraph, max_sentence_chars):
            sentence_text = text[slice(*span)]
            role = "boilerplate" if is_boilerplate(sentence_text) else "body"
            sentences.append(Sentence(len(sentences), span, sentence_text, number, role))
    return tuple(sentences)


def make_document(text: str, *, doc_id: str, source: str = "", date: str | None = None, url: str | None = None,
                  max_sentence_chars: int = 600, max_title_chars: int = 200) -> Document:
    """Build a segmented :class:`Document` from its text and metadata (lone surrogates, which are not Unicode,
    become U+FFFD: :func:`~unspun.stages.ingest.unicode_text`)."""
    text = unicode_text(text)
    sentences = segment(text, max_sentence_chars=max_sentence_chars, max_title_chars=max_title_chars)
    return Document(id=doc_id, text=text, sentences=sentences, source=source, date=date, url=url)
