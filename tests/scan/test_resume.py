"""A scan killed with ``kill -9`` resumes without redoing verified pairs and ends with the same files as an
uninterrupted run; ``--jobs 1`` and ``--jobs 2`` write the same bytes."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from unspun.index import Index
from unspun.scan import verify

RESULT_FILES = ("pairs.jsonl", "pairs.parquet", "families.jsonl", "families.parquet", "sites.jsonl",
                "sites.parquet", "boilerplate.jsonl", "boilerplate.parquet", "errors.jsonl", "summary.json")
KILL_SCRIPT = """
import os, signal, sys
from unspun.index import Index
from unspun.scan import verify
verify.CHUNK = 4

class KillAfterTwoChunks:
    seen = 0
    def start(self, phase, total):
        pass
    def advance(self, phase, amount):
        if phase == "verification" and amount:
            self.seen += 1
            if self.seen == 2:  # called after each chunk commits: two chunks (8 pairs) are in the state
                os.kill(os.getpid(), signal.SIGKILL)

with Index.open(sys.argv[1], create=False) as index:
    index.scan(sys.argv[2], progress=KillAfterTwoChunks())
"""


class _Count:
    """Progress that remembers how many pairs the verification phase found already done."""

    def __init__(self) -> None:
        self.already_done = None

    def start(self, phase, total):
        pass

    def advance(self, phase, amount):
        if phase == "verification" and self.already_done is None:
            self.already_done = amount


def _same_files(left, right):
    return {name: (left / name).read_bytes() == (right / name).read_bytes() for name in RESULT_FILES}


def test_kill_during_verification_then_resume_gives_the_uninterrupted_files(scan_index, scanned, tmp_path):
    _, clean = scanned
    index_copy, out = tmp_path / "index", tmp_path / "out"
    shutil.copytree(scan_index, index_copy)
    killed = subprocess.run([sys.executable, "-c", KILL_SCRIPT, str(index_copy), str(out)], timeout=300,
                            check=False)
    assert killed.returncode == -9 and not (out / "pairs.jsonl").exists()
    progress = _Count()
    with Index.open(index_copy, create=False) as index:
        index.scan(out, progress=progress)
    assert progress.already_done == 8
    assert all(_same_files(clean, out).values()), _same_files(clean, out)


def test_jobs_one_and_two_write_the_same_bytes(scan_index, scanned, tmp_path, monkeypatch):
    _, clean = scanned
    monkeypatch.setattr(verify, "CHUNK", 5)
    with Index.open(scan_index, create=False) as index:
        index.scan(tmp_path / "two", jobs=2)
    assert all(_same_files(clean, tmp_path / "two").values()), _same_files(clean, tmp_path / "two")


def test_resuming_with_other_options_is_refused(scan_index, scanned, tmp_path):
    from unspun.errors import InputError
    from unspun.scan import ScanConfig

    with Index.open(scan_index, create=False) as index:
        index.scan(tmp_path / "out")
        with pytest.raises(InputError, match="other options"):
            index.scan(tmp_path / "out", config=ScanConfig(passage_cosine=0.6))


def test_resuming_a_scan_begun_by_other_code_is_refused(scan_index, tmp_path, monkeypatch):
    """An editable install keeps its version string across pulls: the code fingerprint tells them apart."""
    from unspun.errors import InputError
    from unspun.scan import run

    with Index.open(scan_index, create=False) as index:
        index.scan(tmp_path / "out")
        index.scan(tmp_path / "out")  # the same code resumes (and finds everything verified)
        monkeypatch.setattr(run, "code_fingerprint", lambda: "0123456789abcdef")
        with pytest.raises(InputError, match="another version of unspun"):
            index.scan(tmp_path / "out")
