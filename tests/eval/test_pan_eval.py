"""End to end: ``unspun eval pan`` on the tiny corpus of ``conftest.py`` writes PAN XML and prints the scores;
bad pairs are skipped with one line each and counted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unspun.cli.main import app
from unspun.errors import InputError
from unspun.eval.pan import DETECTION_FEATURE, read_annotations
from unspun.eval.pan_eval import evaluate_pan
from unspun.eval.plagdet import score_plagdet


def _run(*args: str):
    return CliRunner().invoke(app, ["eval", "pan", *map(str, args)], catch_exceptions=False)


def _plagdet(output: str, subset: str) -> float:
    """The plagdet printed in the table row of ``subset``."""
    row = next(line for line in output.splitlines() if line.startswith(f"│ {subset} "))
    return float(re.findall(r"\d\.\d{3}", row)[0])


def test_cli_writes_one_detection_file_per_pair_and_prints_the_table(pan_corpus, tmp_path):
    out = tmp_path / "out"
    result = _run(pan_corpus["root"], "--out", out)
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.xml"))
    assert written == ["01-no-plagiarism/suspicious-document00003-source-document00003.xml",
                       "02-no-obfuscation/suspicious-document00001-source-document00001.xml",
                       "02-no-obfuscation/suspicious-document00002-source-document00002.xml"]
    assert _plagdet(result.output, "02-no-obfuscation") >= 0.9
    assert _plagdet(result.output, "01-no-plagiarism") == 1.0


def test_detections_match_the_true_cases(pan_corpus, tmp_path):
    out = tmp_path / "out"
    evaluate_pan(pan_corpus["root"], out=out)
    for stem, cases in pan_corpus["cases"].items():
        subset = "02-no-obfuscation" if cases else "01-no-plagiarism"
        detections = read_annotations(out / subset / f"{stem}.xml", DETECTION_FEATURE)
        truth = read_annotations(pan_corpus["root"] / subset / f"{stem}.xml")
        assert len(detections) == len(truth)
        if truth:
            score = score_plagdet(truth, detections)
            assert score.precision >= 0.95 and score.recall >= 0.9 and score.granularity == 1.0


def test_parallel_run_gives_the_same_report(pan_corpus):
    one, two = evaluate_pan(pan_corpus["root"]), evaluate_pan(pan_corpus["root"], jobs=2)
    assert [row.score for row in one.subsets] == [row.score for row in two.subsets]


def test_subset_option_runs_only_that_subset(pan_corpus):
    report = evaluate_pan(pan_corpus["root"], subset="01")
    assert [row.subset for row in report.subsets] == ["01-no-plagiarism"]
    assert report.overall.false_alarm_pairs == 0 and report.overall.negative_pairs == 1


def test_bad_pairs_are_skipped_with_one_line_each_and_counted(pan_corpus):
    root: Path = pan_corpus["root"]
    with (root / "02-no-obfuscation" / "pairs").open("a", encoding="utf-8") as pairs:
        pairs.write("suspicious-document00001.txt source-document00009.txt\n")  # missing source document
        pairs.write("just-one-name.txt\n")
    (root / "02-no-obfuscation" / "suspicious-document00001-source-document00009.xml").write_text(
        '<document reference="suspicious-document00001.txt"></document>', encoding="utf-8")
    (root / "01-no-plagiarism" / "suspicious-document00003-source-document00003.xml").write_text(
        "<document reference=", encoding="utf-8")
    result = _run(root)
    assert result.exit_code == 0
    skipped = [line for line in result.output.splitlines() if line.startswith("unspun: skipped")]
    assert len(skipped) == 3
    assert any("source-document00009.txt: no such file" in line for line in skipped)
    assert any("unreadable XML" in line for line in skipped)
    assert any("expected two file names" in line for line in skipped)
    assert "skipped 3: 1 malformed line in pairs, 1 no such file, 1 unreadable XML" in result.output
    assert _plagdet(result.output, "02-no-obfuscation") >= 0.9


def test_corpus_without_pairs_is_one_line_error(tmp_path):
    with pytest.raises(InputError, match="has no `pairs` file"):
        evaluate_pan(tmp_path)
    with pytest.raises(InputError, match="is not a directory"):
        evaluate_pan(tmp_path / "missing")


def test_unknown_subset_is_an_error(pan_corpus):
    with pytest.raises(InputError, match="no such subset"):
        evaluate_pan(pan_corpus["root"], subset="07-nothing")
