"""Summary mode: a short stretch of B that condenses a much longer stretch of A (often all of A).

A summary's sentences each echo a different, distant part of the original, so sentence seeds close together
on both sides (the rewrite clustering) cut it to pieces. Here each sentence of B is tested against the whole of
A instead: a run of B sentences (``max_gap`` allowed) most of whose weighted content words A contains, when A is
``summary_ratio`` times longer, is a summary. Its A side is the stretch of A sentences the run echoes, or all
of A when that stretch covers most of it (summaries condense documents, not the text between two echoes).
"""

from __future__ import annotations

from unspun.config import PassageConfig
from unspun.model import Document, Passage, Span
from unspun.stages.candidates import Candidates
from unspun.stages.passages.stretch import Stretch, containment, text_sentences


def _runs(positions: list[int], max_gap: int) -> list[tuple[int, int, int]]:
    """(first, last, count) of runs of sorted ``positions`` at most ``max_gap`` apart."""
    runs: list[list[int]] = []
    for position in positions:
        if runs and position - runs[-1][1] <= max_gap + 1:
            runs[-1][1:] = [position, runs[-1][2] + 1]
        else:
            runs.append([position, position, 1])
    return [(first, last, count) for first, last, count in runs]


def _echoed(a_whole: Stretch, b_stretch: Stretch, weights: dict[str, float], config: PassageConfig) -> Stretch | None:
    """The stretch of A from the first to the last sentence the B stretch echoes, or None if it echoes none."""
    b_stems = b_stretch.stems()
    echoed = [p for p in range(a_whole.first, a_whole.last + 1)
              if containment(a_whole.sentence_stems(p), b_stems, weights) >= config.summary_echo]
    return Stretch(a_whole.sentences, a_whole.views, echoed[0], echoed[-1]) if echoed else None


def _summarised_span(a_whole: Stretch, echoed: Stretch, config: PassageConfig) -> Span:
    """The echoed stretch, or all of A when that stretch covers most of it."""
    if echoed.chars >= config.summary_document_share * a_whole.chars:
        return (a_whole.sentences[0].span[0], a_whole.sentences[-1].span[1])
    return echoed.span


def summary_passages(a: Document, b: Document, candidates: Candidates, weights: dict[str, float],
                     config: PassageConfig) -> list[Passage]:
    """Stretches of B that summarise much longer stretches of A."""
    a_sentences, b_sentences = text_sentences(a), text_sentences(b)
    if not a_sentences or not b_sentences:
        return []
    a_whole = Stretch(a_sentences, candidates.a_views, 0, len(a_sentences) - 1)
    a_stems = a_whole.stems()
    b_all = Stretch(b_sentences, candidates.b_views, 0, len(b_sentences) - 1)
    echoing = [p for p in range(len(b_sentences))
               if containment(b_all.sentence_stems(p), a_stems, weights) >= config.summary_sentence_containment]
    if len(echoing) > config.summary_max_echo_share * len(b_sentences):
        return []
    passages = []
    for first, last, count in _runs(echoing, config.max_gap):
        b_stretch = Stretch(b_sentences, candidates.b_views, first, last)
        if count < config.summary_min_sentences or b_stretch.chars < config.min_chars:
            continue
        echoed = _echoed(a_whole, b_stretch, weights, config)
        if echoed is None or echoed.chars < config.summary_ratio * b_stretch.chars:
            continue
        contained = containment(b_stretch.stems(), a_stems, weights)
        if contained >= config.summary_containment:
            passages.append(Passage(_summarised_span(a_whole, echoed, config), b_stretch.span, "summary", contained))
    return passages
