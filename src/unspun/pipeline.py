"""The one core pipeline: segment → candidates → align → judge → passages, from two documents to a :class:`Comparison`.

Every shell (CLI, Python API, server, Spark) ends up here, so they cannot disagree.
"""

from __future__ import annotations

from unspun.config import CompareConfig
from unspun.embed.base import Embedder
from unspun.model import REUSE_VERDICTS, Alignment, Comparison, Coverage, Direction, Document, TextPiece
from unspun.stages.align import Group, align_groups, build_alignment, document_fact_keys, outline_alignment
from unspun.stages.candidates import Candidates, PreparedDocument, find_candidates, prepare_document
from unspun.stages.judge import (
    boilerplate_pieces,
    coverage,
    decide_direction,
    decide_verdict,
    direction_evidence,
    is_retelling,
    retold_evidence,
    shared_facts,
    style_tokens,
    unaligned_pieces,
)
from unspun.stages.passages import find_passages
from unspun.version import __version__


def _alignments(a: PreparedDocument, b: PreparedDocument, candidates: Candidates,
                groups: list[Group], config: CompareConfig) -> tuple[Alignment, ...]:
    """Aligned groups turned into full records (diffs, facts)."""
    views = (candidates.a_views, candidates.b_views)
    fact_keys = (document_fact_keys(candidates.a_views), document_fact_keys(candidates.b_views))
    return tuple(build_alignment(a.document, b.document, g, views=views, fact_keys=fact_keys, config=config)
                 for g in groups)


def _body(doc: Document, alignments: tuple[Alignment, ...]) -> tuple[Alignment, ...]:
    """The alignments of body sentences (not the title pair)."""
    return tuple(al for al in alignments if doc.sentences[al.a_sentences[0]].role == "body")


def _dropped_added(a: Document, b: Document, alignments: tuple[Alignment, ...],
                   source: str | None) -> tuple[tuple[TextPiece, ...], tuple[TextPiece, ...]]:
    """(dropped, added): body text only the source has, and only the derived text has."""
    if source is None:
        return (), ()
    a_pieces = unaligned_pieces(a, "a", {i for al in alignments for i in al.a_sentences})
    b_pieces = unaligned_pieces(b, "b", {i for al in alignments for i in al.b_sentences})
    return (a_pieces, b_pieces) if source == "a" else (b_pieces, a_pieces)


def _direction(a: Document, b: Document, candidates: Candidates, *, body: tuple[Alignment, ...],
               cover: Coverage, furniture: tuple[bool, bool]) -> Direction:
    """Which text is the original: dates, else the text signals of the aligned ``body`` pairs."""
    tokens = (style_tokens(candidates.a_views, body, "a", cover), style_tokens(candidates.b_views, body, "b", cover))
    evidence = direction_evidence(cover, body, tokens=tokens, furniture=furniture, texts=(a.text, b.text))
    return decide_direction(evidence, a.date, b.date)


def compare_documents(a: Document | PreparedDocument, b: Document | PreparedDocument, *, embedder: Embedder,
                      config: CompareConfig, reuse_passages_only: bool = False) -> Comparison:
    """Compare two segmented documents; dates in their metadata decide direction when both are known.

    Either side may come prepared (:func:`unspun.stages.candidates.prepare_document`, with the same
    ``embedder``): a scan prepares each document once for all its comparisons; the result is the same.
    ``reuse_passages_only`` leaves ``passages`` empty unless the verdict is reuse (``derived``,
    ``partially_derived``): a scan keeps no passages of other pairs, and skipping them cut its verification of
    10,000 documents from 16 to 14 s. Everything else is the same. The full alignment records (diffs, facts) and
    the direction are worked out for reuse verdicts only; the others report neither.
    """
    prepared_a, prepared_b = (side if isinstance(side, PreparedDocument) else prepare_document(side, embedder)
                              for side in (a, b))
    a, b = prepared_a.document, prepared_b.document
    candidates = find_candidates(prepared_a, prepared_b, config)
    retold = retold_evidence(prepared_a, prepared_b, candidates, config)
    groups = align_groups(prepared_a, prepared_b, candidates, embedder, config, path=retold.path,
                          retelling=is_retelling(retold, config))
    outline = tuple(outline_alignment(a, b, group) for group in groups)
    cover = coverage(a, b, outline)
    story = (shared_facts(candidates.a_views, candidates.b_views), candidates.document_cosine)
    verdict = decide_verdict(cover, _body(a, outline), story, config, retold=retold)
    a_furniture, b_furniture = boilerplate_pieces(a, "a"), boilerplate_pieces(b, "b")
    if verdict in REUSE_VERDICTS:
        alignments = _alignments(prepared_a, prepared_b, candidates, groups, config)
        direction = _direction(a, b, candidates, body=_body(a, alignments), cover=cover,
                               furniture=(bool(a_furniture), bool(b_furniture)))
    else:
        alignments, cover, direction = (), coverage(a, b, ()), Direction(None, 0.0, "none")
    dropped, added = _dropped_added(a, b, alignments, direction.source)
    skip_passages = reuse_passages_only and verdict not in REUSE_VERDICTS
    return Comparison(a=a, b=b, verdict=verdict, direction=direction, coverage=cover, alignments=alignments,
                      dropped=dropped, added=added,
                      boilerplate=a_furniture + b_furniture,
                      config=config.to_dict(), version=__version__,
                      passages=() if skip_passages else find_passages(a, b, candidates, config.passages),
                      retold=retold.record(direction.source))
