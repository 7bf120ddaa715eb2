"""Typed, immutable records passed between the pipeline's stages.

Every span is a half-open ``(start, end)`` range of character offsets into the ORIGINAL text of its document,
so ``doc.text[start:end]`` is always the text a record claims (a property the tests check on every record).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

Span = tuple[int, int]
Side = Literal["a", "b"]
Role = Literal["title", "body", "boilerplate"]
AlignmentKind = Literal["verbatim", "minor_edit", "paraphrase", "merge", "split"]
PassageKind = Literal["verbatim", "rewrite", "summary"]
Verdict = Literal["derived", "partially_derived", "same_story", "unrelated"]
EditOp = Literal["equal", "replace", "insert", "delete"]
EdgeKind = Literal["copy", "update", "rewrite", "partial", "summary"]
"""How a scan's reuse edge goes from source to derived text (:func:`unspun.scan.edges.edge_kind`)."""

VERDICTS: tuple[str, ...] = get_args(Verdict)
EDGE_KINDS: tuple[str, ...] = get_args(EdgeKind)
REUSE_VERDICTS: tuple[str, ...] = ("derived", "partially_derived")
"""The verdicts that say one text reuses the other (a scan's reuse edges; the pairs whose passages it keeps)."""
SentenceRow = tuple[int, int, int, int, str]
"""A sentence as ``(index, start, end, paragraph, role)``: how the index, Spark rows and pickles keep it (its
text is the slice ``text[start:end]`` of its document's)."""


@dataclass(frozen=True)
class Sentence:
    """One segment of a document: a title, a body sentence, or a boilerplate line."""

    index: int
    span: Span
    text: str
    paragraph: int
    role: Role = "body"

    @property
    def length(self) -> int:
        """Number of characters of the sentence."""
        return self.span[1] - self.span[0]


@dataclass(frozen=True)
class Document:
    """A text with its identity, its metadata and its segmentation."""

    id: str
    text: str
    sentences: tuple[Sentence, ...]
    source: str = ""
    date: str | None = None
    url: str | None = None

    @property
    def title(self) -> str | None:
        """The title line's text, when the document starts with one."""
        return next((s.text for s in self.sentences if s.role == "title"), None)

    @property
    def body(self) -> tuple[Sentence, ...]:
        """The body sentences: neither title nor boilerplate."""
        return tuple(s for s in self.sentences if s.role == "body")

    @property
    def body_chars(self) -> int:
        """Characters in body sentences (the denominator of coverage)."""
        return sum(s.length for s in self.body)

    def info(self) -> dict[str, Any]:
        """The document fields a report shows: id, title, length, source, date, url."""
        return {"id": self.id, "title": self.title, "length": len(self.text), "source": self.source,
                "date": self.date, "url": self.url}

    def sentence_rows(self) -> tuple[SentenceRow, ...]:
        """Each sentence as a :data:`SentenceRow` (no text: it is a slice of the document's)."""
        return tuple((s.index, s.span[0], s.span[1], s.paragraph, s.role) for s in self.sentences)

    @classmethod
    def from_rows(cls, doc_id: str, text: str, rows: Iterable[SentenceRow], *, source: str = "",
                  date: str | None = None, url: str | None = None) -> Document:
        """A document rebuilt from its text and its :data:`SentenceRow` s."""
        sentences = tuple(Sentence(index, (start, end), text[start:end], paragraph, role)
                          for index, start, end, paragraph, role in rows)
        return cls(id=doc_id, text=text, sentences=sentences, source=source, date=date, url=url)

    def __reduce__(self) -> tuple:
        """Pickled as its text and sentence rows, each sentence's text not again: an index build sends every
        segmented document back from its worker processes to the one that writes them (10,000 news articles:
        38 -> 18 MB, loaded in 2.2 -> 1.2 s)."""
        return _unpickle_document, ((self.id, self.text, self.source, self.date, self.url), self.sentence_rows())


def _unpickle_document(fields: tuple[str, str, str, str | None, str | None],
                       rows: tuple[SentenceRow, ...]) -> Document:
    """A pickled :class:`Document` back (see :meth:`Document.__reduce__`)."""
    doc_id, text, source, date, url = fields
    return Document.from_rows(doc_id, text, rows, source=source, date=date, url=url)


@dataclass(frozen=True)
class TokenEdit:
    """One step of the word-level diff inside an aligned pair; empty spans mark insertions/deletions."""

    op: EditOp
    a_span: Span
    b_span: Span

    def to_dict(self, a_text: str, b_text: str) -> dict[str, Any]:
        """JSON form, with the words on each side spelled out."""
        return {"op": self.op, "a_span": list(self.a_span), "b_span": list(self.b_span),
                "a_text": a_text[slice(*self.a_span)], "b_text": b_text[slice(*self.b_span)]}


@dataclass(frozen=True)
class FactChange:
    """A fact (number, date, name, quote, negation, polarity) that differs between two aligned sentences.

    One side may be ``None``: the fact was dropped (or added) inside an otherwise aligned pair.
    """

    kind: str
    a_text: str | None
    b_text: str | None
    a_span: Span | None
    b_span: Span | None

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"kind": self.kind, "a_text": self.a_text, "b_text": self.b_text,
                "a_span": list(self.a_span) if self.a_span else None,
                "b_span": list(self.b_span) if self.b_span else None}


@dataclass(frozen=True)
class Alignment:
    """Sentences of A that became sentences of B (1-1, 2-1 ``merge`` or 1-2 ``split``), with the evidence."""

    a_sentences: tuple[int, ...]
    b_sentences: tuple[int, ...]
    a_spans: tuple[Span, ...]
    b_spans: tuple[Span, ...]
    kind: AlignmentKind
    score: float
    diff: tuple[TokenEdit, ...]
    changed_facts: tuple[FactChange, ...] = ()
    kept_facts: tuple[FactChange, ...] = ()

    @property
    def a_chars(self) -> int:
        """Characters of A covered by this alignment."""
        return sum(end - start for start, end in self.a_spans)

    @property
    def b_chars(self) -> int:
        """Characters of B covered by this alignment."""
        return sum(end - start for start, end in self.b_spans)

    def to_dict(self, a_text: str, b_text: str) -> dict[str, Any]:
        """JSON form; ``a_text``/``b_text`` are the full documents the spans point into."""
        return {"a_sentences": list(self.a_sentences), "b_sentences": list(self.b_sentences),
                "a_spans": [list(s) for s in self.a_spans], "b_spans": [list(s) for s in self.b_spans],
                "kind": self.kind, "score": round(self.score, 4),
                "diff": [edit.to_dict(a_text, b_text) for edit in self.diff],
                "changed_facts": [fact.to_dict() for fact in self.changed_facts]}


@dataclass(frozen=True)
class TextPiece:
    """A stretch of one document reported on its own: dropped, added or boilerplate text."""

    side: Side
    span: Span
    text: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"side": self.side, "span": list(self.span), "text": self.text}


@dataclass(frozen=True)
class Coverage:
    """Share of each text's body characters that is aligned to the other text."""

    a_in_b: float
    b_in_a: float


@dataclass(frozen=True)
class Direction:
    """Which text is the original, how sure we are (0.5 = a coin toss, 1 = certain) and why."""

    source: Side | None
    confidence: float
    method: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Retold:
    """Whole-text evidence of a retelling: of the original's ``details`` specific details (names, figures,
    dates, rare words) the other text keeps ``kept``, ``in_order`` of them in the original's order;
    ``sentences_in_order`` sentence pairs lie on the best order-keeping path, which ``moved_block`` says breaks
    once for a block of sentences told elsewhere (a moved paragraph); ``probability`` is the fitted probability
    that one text retells the other (:mod:`unspun.stages.judge.retold`)."""

    details: int
    kept: int
    in_order: int
    sentences_in_order: int
    moved_block: bool
    probability: float

    def summary(self, source: str = "the original", derived: str = "the other text") -> str:
        """One line for a report, e.g. "retold: B keeps 31 of A's 36 specific details, 29 in A's order"."""
        return (f"retold: {derived} keeps {self.kept} of {source}'s {self.details} specific details, "
                f"{self.in_order} in {source}'s order ({self.sentences_in_order} sentences in order"
                f"{', one block moved' if self.moved_block else ''}; "
                f"retelling probability {self.probability:.2f})")

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"details": self.details, "kept": self.kept, "in_order": self.in_order,
                "sentences_in_order": self.sentences_in_order, "moved_block": self.moved_block,
                "probability": round(self.probability, 4)}


@dataclass(frozen=True)
class Comparison:
    """The result of comparing two documents; ``to_dict`` is the documented JSON schema."""

    a: Document
    b: Document
    verdict: Verdict
    direction: Direction
    coverage: Coverage
    alignments: tuple[Alignment, ...]
    dropped: tuple[TextPiece, ...]
    added: tuple[TextPiece, ...]
    boilerplate: tuple[TextPiece, ...]
    config: dict[str, Any] = field(default_factory=dict)
    version: str = ""
    passages: tuple[Passage, ...] = ()
    retold: Retold | None = None
    """Whole-text retelling evidence; None for comparisons made without it."""

    @property
    def source(self) -> Side | None:
        """``"a"`` or ``"b"``, the original text, when one derives from the other."""
        return self.direction.source

    @property
    def changed_facts(self) -> tuple[FactChange, ...]:
        """Every fact that changed inside an aligned pair, in order of the B text."""
        return tuple(fact for alignment in self.alignments for fact in alignment.changed_facts)

    @property
    def kept_facts(self) -> tuple[FactChange, ...]:
        """Every fact both sides of an aligned pair state identically (e.g. a figure the rewrite kept)."""
        return tuple(fact for alignment in self.alignments for fact in alignment.kept_facts)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form documented in the README."""
        a_text, b_text = self.a.text, self.b.text
        return {
            "version": self.version,
            "verdict": self.verdict,
            "source": self.direction.source,
            "direction_confidence": round(self.direction.confidence, 4),
            "direction_method": self.direction.method,
            "direction_reasons": list(self.direction.reasons),
            "coverage": {"a_in_b": round(self.coverage.a_in_b, 4), "b_in_a": round(self.coverage.b_in_a, 4)},
            "a": self.a.info(),
            "b": self.b.info(),
            "alignments": [alignment.to_dict(a_text, b_text) for alignment in self.alignments],
            "passages": [passage.to_dict() for passage in self.passages],
            "retold": self.retold.to_dict() if self.retold else None,
            "dropped": [piece.to_dict() for piece in self.dropped],
            "added": [piece.to_dict() for piece in self.added],
            "boilerplate": [piece.to_dict() for piece in self.boilerplate],
            "changed_facts": [fact.to_dict() for fact in self.changed_facts],
            "kept_facts": [fact.to_dict() for fact in self.kept_facts],
            "config": self.config,
        }


@dataclass(frozen=True)
class Passage:
    """A maximal stretch of A reused as a stretch of B, reported once however many sentences it holds.

    ``kind`` is ``verbatim`` (copied, at most lightly edited), ``rewrite`` (reworded, shuffled, translated) or
    ``summary`` (B condenses a much longer stretch of A); ``score`` is the evidence of the two whole stretches.
    """

    a_span: Span
    b_span: Span
    kind: PassageKind
    score: float

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"a_span": list(self.a_span), "b_span": list(self.b_span), "kind": self.kind,
                "score": round(self.score, 4)}
