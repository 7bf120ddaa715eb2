"""The plagdet measure of PAN's text-alignment task (Potthast, Stein, Barrón-Cedeño, Rosso; COLING 2010).

A case (true reuse) and a detection are both a pair of character ranges: one in the suspicious ("this")
document, one in the source document. A detection *detects* a case when they name the same two documents and
overlap on both sides. Then, counting characters of both sides together:

- macro recall = mean over cases of the share of the case's characters covered by detections that detect it;
- macro precision = mean over detections of the share of the detection's characters inside cases it detects;
- granularity = mean number of detections per detected case (1.0 = each case reported once);
- plagdet = F1(precision, recall) / log2(1 + granularity).

Conventions follow PAN's reference scorer (``perfmeasures.py``): with neither cases nor detections precision
and recall are 1; with only one of them they are 0; granularity is 1 when nothing is detected. Scores are
pooled over every annotation passed in, so a subset's score is computed from all its pairs at once.

Hand-written because no maintained PyPI package implements it; characters are counted with interval arithmetic
rather than sets of positions, so long documents cost nothing extra.

>>> case = Annotation("s.txt", 0, 100, "r.txt", 0, 100)
>>> score_plagdet([case], [Annotation("s.txt", 0, 50, "r.txt", 0, 50)]).recall
0.5
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Range = tuple[int, int]


@dataclass(frozen=True)
class Annotation:
    """A case or a detection: ``this_*`` in the suspicious document, ``source_*`` in the source document."""

    this_reference: str
    this_offset: int
    this_length: int
    source_reference: str
    source_offset: int
    source_length: int

    def __post_init__(self) -> None:
        if min(self.this_offset, self.this_length, self.source_offset, self.source_length) < 0:
            raise ValueError(f"annotation of {self.this_reference}: offsets and lengths must not be negative")

    @property
    def this_range(self) -> Range:
        """Half-open character range in the suspicious document."""
        return (self.this_offset, self.this_offset + self.this_length)

    @property
    def source_range(self) -> Range:
        """Half-open character range in the source document."""
        return (self.source_offset, self.source_offset + self.source_length)

    @property
    def chars(self) -> int:
        """Characters on both sides together."""
        return self.this_length + self.source_length


@dataclass(frozen=True)
class PlagdetScore:
    """Macro precision and recall, granularity and plagdet of a set of detections against a set of cases."""

    precision: float
    recall: float
    granularity: float
    plagdet: float
    cases: int
    detections: int


def _overlap(first: Range, second: Range) -> bool:
    """True when two half-open ranges share a character."""
    return first[0] < second[1] and second[0] < first[1]


def detects(detection: Annotation, case: Annotation) -> bool:
    """True when ``detection`` names the case's two documents and overlaps it on both sides."""
    return (detection.this_reference == case.this_reference
            and detection.source_reference == case.source_reference
            and _overlap(detection.this_range, case.this_range)
            and _overlap(detection.source_range, case.source_range))


def covered_chars(target: Range, others: Iterable[Range]) -> int:
    """Characters of ``target`` inside the union of ``others``.

    >>> covered_chars((0, 10), [(2, 5), (4, 8), (20, 30)])
    6
    """
    clipped = sorted((max(start, target[0]), min(end, target[1])) for start, end in others)
    total, reach = 0, target[0]
    for start, end in clipped:
        fresh = max(start, reach)
        if end > fresh:
            total += end - fresh
            reach = end
    return total


def _shared_chars(target: Annotation, others: Sequence[Annotation]) -> int:
    """Characters of ``target`` (both sides) covered by ``others``."""
    return (covered_chars(target.this_range, [o.this_range for o in others])
            + covered_chars(target.source_range, [o.source_range for o in others]))


def _links(cases: Sequence[Annotation], detections: Sequence[Annotation]) -> dict[int, list[int]]:
    """For every case (by position), the positions of the detections that detect it."""
    by_documents: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, detection in enumerate(detections):
        by_documents[(detection.this_reference, detection.source_reference)].append(position)
    return {c: [d for d in by_documents[(case.this_reference, case.source_reference)]
                if detects(detections[d], case)] for c, case in enumerate(cases)}


def plagdet(precision: float, recall: float, granularity: float) -> float:
    """F1 of precision and recall, discounted by log2(1 + granularity)."""
    if precision <= 0 or recall <= 0:
        return 0.0
    return 2 * precision * recall / (precision + recall) / math.log2(1 + granularity)


def score_plagdet(cases: Sequence[Annotation], detections: Sequence[Annotation]) -> PlagdetScore:
    """Score ``detections`` against ``cases`` (all pairs of a subset or corpus pooled together)."""
    if not cases or not detections:
        value = 1.0 if not cases and not detections else 0.0
        return PlagdetScore(value, value, 1.0, value, len(cases), len(detections))
    links = _links(cases, detections)
    recall = sum(_shared_chars(case, [detections[d] for d in links[c]]) / max(1, case.chars)
                 for c, case in enumerate(cases)) / len(cases)
    detected_by: dict[int, list[Annotation]] = defaultdict(list)
    for c, found in links.items():
        for d in found:
            detected_by[d].append(cases[c])
    precision = sum(_shared_chars(detection, detected_by[d]) / max(1, detection.chars)
                    for d, detection in enumerate(detections)) / len(detections)
    counts = [len(found) for found in links.values() if found]
    granularity = sum(counts) / len(counts) if counts else 1.0
    return PlagdetScore(precision, recall, granularity, plagdet(precision, recall, granularity),
                        len(cases), len(detections))
