"""The reliability table behind the calibration figures of ``bench/compare_quality.py``."""

from __future__ import annotations

import pytest

from unspun.kernels.calibration import expected_calibration_error, format_table, reliability_table


def test_bins_count_predictions_and_measure_how_often_they_came_true():
    table = reliability_table([0.55, 0.6, 0.92, 0.97, 1.0], [True, False, True, True, True], bins=5, low=0.5)
    assert [b.count for b in table] == [2, 0, 0, 0, 3]
    assert table[0].accuracy == 0.5 and table[0].mean_confidence == pytest.approx(0.575)
    assert table[-1].accuracy == 1.0 and table[-1].high == pytest.approx(1.0)


def test_a_calibrated_predictor_has_no_calibration_error_and_an_overconfident_one_has():
    calibrated = reliability_table([0.75] * 4, [True, True, True, False], bins=2, low=0.5)
    overconfident = reliability_table([0.99] * 4, [True, False, True, False], bins=2, low=0.5)
    assert expected_calibration_error(calibrated) == pytest.approx(0.0)
    assert expected_calibration_error(overconfident) == pytest.approx(0.49)
    assert "expected calibration error 0.490" in format_table(overconfident)


def test_mismatched_inputs_are_refused():
    with pytest.raises(ValueError, match="2 confidences but 1 outcomes"):
        reliability_table([0.6, 0.7], [True])
