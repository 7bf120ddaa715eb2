"""Reliability of a stated confidence: does "0.9 sure" come true 9 times in 10?

A reliability table bins predictions by their stated probability and compares, in each bin, the mean stated
probability with how often the prediction came true; the expected calibration error (ECE) is the gap averaged
over predictions. ``bench/compare_quality.py`` prints these tables for the direction confidence and for the
retelling probability on the dev corpora.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ReliabilityBin:
    """Predictions whose stated probability lies in ``[low, high)`` (the last bin includes ``high``)."""

    low: float
    high: float
    count: int
    mean_confidence: float
    accuracy: float
    """Share of the bin's predictions that came true (0 for an empty bin)."""


def reliability_table(confidences: Sequence[float], outcomes: Sequence[bool], *, bins: int = 5,
                      low: float = 0.0) -> tuple[ReliabilityBin, ...]:
    """Bin ``confidences`` (stated probabilities that each prediction is right, in ``[low, 1]``) into ``bins``
    equal-width bins and measure each bin's accuracy against ``outcomes``.

    >>> [b.count for b in reliability_table([0.55, 0.95, 0.97], [True, True, False], bins=2, low=0.5)]
    [1, 2]
    """
    if len(confidences) != len(outcomes):
        raise ValueError(f"reliability_table: {len(confidences)} confidences but {len(outcomes)} outcomes")
    if bins < 1 or not 0.0 <= low < 1.0:
        raise ValueError(f"reliability_table: need bins >= 1 and 0 <= low < 1, got bins={bins}, low={low}")
    width = (1.0 - low) / bins
    members: list[list[tuple[float, bool]]] = [[] for _ in range(bins)]
    for confidence, outcome in zip(confidences, outcomes, strict=True):
        at = min(bins - 1, max(0, int((confidence - low) / width)))
        members[at].append((confidence, bool(outcome)))
    return tuple(_bin(low + at * width, low + (at + 1) * width, rows) for at, rows in enumerate(members))


def _bin(low: float, high: float, rows: list[tuple[float, bool]]) -> ReliabilityBin:
    """One bin's summary."""
    if not rows:
        return ReliabilityBin(low, high, 0, 0.0, 0.0)
    count = len(rows)
    return ReliabilityBin(low, high, count, sum(c for c, _ in rows) / count, sum(o for _, o in rows) / count)


def expected_calibration_error(table: Sequence[ReliabilityBin]) -> float:
    """Mean gap between stated confidence and accuracy, weighted by the bins' counts."""
    total = sum(b.count for b in table)
    return sum(b.count * abs(b.mean_confidence - b.accuracy) for b in table) / total if total else 0.0


def format_table(table: Sequence[ReliabilityBin]) -> str:
    """The table as aligned text lines, with the ECE under it."""
    lines = [f"{'stated':>13s} {'n':>5s} {'mean stated':>12s} {'came true':>10s}"]
    lines += [f"{b.low:5.2f}–{b.high:4.2f}    {b.count:5d} {b.mean_confidence:12.3f} {b.accuracy:10.3f}" for b in table]
    lines.append(f"expected calibration error {expected_calibration_error(table):.3f}")
    return "\n".join(lines)
