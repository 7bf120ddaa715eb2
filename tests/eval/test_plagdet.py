"""plagdet on hand-computed cases (each expected value is worked out in the comment above it)."""

from __future__ import annotations

import math

import pytest

from unspun.eval.plagdet import Annotation, covered_chars, detects, score_plagdet


def ann(this: tuple[int, int], source: tuple[int, int], source_reference: str = "src.txt") -> Annotation:
    """An annotation of ``susp.txt`` from (start, end) ranges on both sides."""
    return Annotation("susp.txt", this[0], this[1] - this[0], source_reference, source[0], source[1] - source[0])


CASE = ann((0, 100), (0, 100))


def test_full_overlap_scores_one():
    score = score_plagdet([CASE], [ann((0, 100), (0, 100))])
    assert (score.precision, score.recall, score.granularity, score.plagdet) == (1.0, 1.0, 1.0, 1.0)


def test_half_overlap_halves_recall():
    # 50 + 50 of the case's 200 characters found; every detected character is in the case.
    score = score_plagdet([CASE], [ann((0, 50), (0, 50))])
    assert score.recall == 0.5 and score.precision == 1.0
    assert score.plagdet == pytest.approx(2 * 0.5 / 1.5)


def test_detection_spanning_two_cases_loses_precision_not_recall():
    # The detection's 600 characters hold both cases' 400: precision 2/3; each case fully found, once.
    cases = [ann((0, 100), (0, 100)), ann((200, 300), (200, 300))]
    score = score_plagdet(cases, [ann((0, 300), (0, 300))])
    assert score.recall == 1.0 and score.granularity == 1.0
    assert score.precision == pytest.approx(2 / 3)
    assert score.plagdet == pytest.approx(0.8)


def test_two_detections_for_one_case_double_granularity():
    score = score_plagdet([CASE], [ann((0, 50), (0, 50)), ann((50, 100), (50, 100))])
    assert score.recall == 1.0 and score.precision == 1.0 and score.granularity == 2.0
    assert score.plagdet == pytest.approx(1 / math.log2(3))


def test_detection_in_the_wrong_source_document_detects_nothing():
    wrong = ann((0, 100), (0, 100), source_reference="other.txt")
    assert not detects(wrong, CASE)
    score = score_plagdet([CASE], [wrong])
    assert (score.precision, score.recall, score.plagdet) == (0.0, 0.0, 0.0)


def test_overlap_on_one_side_only_detects_nothing():
    assert not detects(ann((0, 100), (500, 600)), CASE)


def test_no_detections_scores_zero():
    score = score_plagdet([CASE], [])
    assert (score.precision, score.recall, score.granularity, score.plagdet) == (0.0, 0.0, 1.0, 0.0)


def test_no_cases_scores_one_without_detections_and_zero_with_them():
    assert score_plagdet([], []).plagdet == 1.0
    assert score_plagdet([], [CASE]).plagdet == 0.0


def test_scores_pool_cases_of_many_pairs():
    # Case 1 found fully, case 2 (another pair) missed: macro recall 1/2; the one detection is exact.
    other = Annotation("susp2.txt", 0, 10, "src.txt", 0, 10)
    score = score_plagdet([CASE, other], [ann((0, 100), (0, 100))])
    assert score.recall == 0.5 and score.precision == 1.0 and score.cases == 2 and score.detections == 1


def test_covered_chars_counts_overlapping_detections_once():
    assert covered_chars((0, 100), [(0, 60), (40, 80), (90, 200)]) == 90
    assert covered_chars((0, 100), []) == 0


def test_negative_offsets_are_refused():
    with pytest.raises(ValueError):
        Annotation("susp.txt", -1, 10, "src.txt", 0, 10)
