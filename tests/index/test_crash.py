"""``kill -9`` during an add leaves every committed batch usable; re-running resumes without duplicates."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from unspun.index import Index

WORDS = ("harbour council storm river budget election voters clinic comet striker revenue factory shares "
         "police mayor rain ferry school library roads doctors nurses observers turnout profit").split()
ADD_SCRIPT = """
import sys
from unspun.index import Index
from unspun.stages.ingest import iter_records
with Index.open(sys.argv[1]) as index:
    report = index.add(iter_records([sys.argv[2]]), batch_size=25,
                       on_progress=lambda done: print(done, flush=True))
print("added", report.added, "already", report.already_present, flush=True)
"""


def _write_records(path: Path, count: int) -> None:
    """Distinct synthetic documents (seeded), one JSON object per line."""
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as stream:
        for number in range(count):
            sentences = [" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "." for _ in range(6)]
            stream.write(json.dumps({"id": f"doc-{number}", "text": f"Report {number}. " + " ".join(sentences)}) + "\n")


def _committed(index_dir: Path) -> int:
    """Committed batches, read the way any other process would."""
    try:
        with sqlite3.connect(index_dir / "index.sqlite") as database:
            return database.execute("SELECT COUNT(*) FROM batches").fetchone()[0]
    except sqlite3.Error:
        return 0


def _run_add(index_dir: Path, source: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", ADD_SCRIPT, str(index_dir), str(source)],
                            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def test_kill_during_add_then_resume(tmp_path):
    source, index_dir = tmp_path / "many.jsonl", tmp_path / "crash.idx"
    _write_records(source, 1500)
    process = _run_add(index_dir, source)
    deadline = time.monotonic() + 120
    while _committed(index_dir) < 3 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    committed = _committed(index_dir)
    assert 3 <= committed < 60, "the add should have been killed part-way"

    with Index.open(index_dir) as index:
        info = index.info()
        assert info.documents == committed * 25
        assert index.query(source.read_text(encoding="utf-8").splitlines()[0][30:400])

    rerun = _run_add(index_dir, source)
    output = rerun.communicate(timeout=300)[0].splitlines()
    assert rerun.returncode == 0
    assert output[-1] == f"added {1500 - committed * 25} already {committed * 25}"
    with Index.open(index_dir) as index:
        assert index.info().documents == 1500
    with sqlite3.connect(index_dir / "index.sqlite") as database:
        assert database.execute("SELECT COUNT(DISTINCT id) FROM documents").fetchone()[0] == 1500
    leftovers = [p.name for p in index_dir.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
