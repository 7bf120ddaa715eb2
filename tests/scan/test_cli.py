"""``unspun scan`` in a subprocess: from raw inputs (index built in OUT/index) or from an index folder."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.scan.conftest import collection_jsonl


def _unspun(*args):
    return subprocess.run([sys.executable, "-m", "unspun", *map(str, args)], capture_output=True, text=True,
                          timeout=300, check=False)


def test_scan_from_inputs_builds_the_index_reports_bad_records_and_prints_a_summary(tmp_path):
    good = collection_jsonl(tmp_path / "collection.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": ""}\nnot json\n', encoding="utf-8")
    done = _unspun("scan", good, bad, "--out", tmp_path / "scan")
    assert done.returncode == 0, done.stderr
    skipped = [line for line in done.stderr.splitlines() if line.startswith("unspun: skipped")]
    assert len(skipped) == 2 and all("bad.jsonl" in line for line in skipped)
    assert "indexed 16 new documents" in done.stdout and "families        5" in done.stdout
    assert (tmp_path / "scan" / "index" / "index.sqlite").is_file()
    summary = json.loads((tmp_path / "scan" / "summary.json").read_text())
    assert summary["documents"] == 16 and summary["boilerplate_lines"] == 3

    again = _unspun("scan", tmp_path / "scan" / "index", "--out", tmp_path / "again")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "again" / "families.jsonl").read_bytes() == (tmp_path / "scan" / "families.jsonl").read_bytes()


def test_a_missing_input_is_one_line_and_the_rest_goes_on(tmp_path):
    good = collection_jsonl(tmp_path / "collection.jsonl")
    done = _unspun("scan", tmp_path / "nowhere.jsonl", good, "--out", tmp_path / "scan")
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stderr.splitlines() if "nowhere.jsonl" in line] == [
        f"unspun: skipped {tmp_path / 'nowhere.jsonl'}: no such file or folder"]
    assert json.loads((tmp_path / "scan" / "summary.json").read_text())["documents"] == 16


def test_an_out_folder_holding_another_scan_is_refused_in_one_line(tmp_path):
    good = collection_jsonl(tmp_path / "collection.jsonl")
    assert _unspun("scan", good, "--out", tmp_path / "scan").returncode == 0
    other = tmp_path / "other.jsonl"
    other.write_text('{"id": "new", "text": "A different collection entirely, with one short article."}\n')
    done = _unspun("scan", other, "--out", tmp_path / "scan")
    (line,) = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2 and line.startswith("unspun: error: ") and "scan-state.sqlite" in line
