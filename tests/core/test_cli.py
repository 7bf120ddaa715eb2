"""The ``unspun`` command in a real subprocess: results, exit codes, and one clean line for every bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from unspun import __version__

CLI = [sys.executable, "-c", "from unspun.cli.main import run; run()"]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def unspun(*args, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run the CLI with ``args``; a hang fails the test through the timeout."""
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, timeout=timeout, check=False)


def assert_one_line_error(result, path, *problem_words):
    """A non-zero exit, nothing on stdout, and one stderr line naming the file and the problem."""
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    for word in problem_words:
        assert word in lines[0].lower(), lines[0]
    assert result.stdout == ""


def test_compare_json(corpus):
    result = unspun("compare", corpus.path("port_strike", "original"), corpus.path("port_strike", "paraphrase"),
                    "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["verdict"], document["source"], document["version"]) == ("derived", "a", __version__)
    assert document["b"]["id"] == "paraphrase.txt"


def test_compare_terminal_report(corpus):
    result = unspun("compare", corpus.path("tram_line", "trimmed_footer"), corpus.path("tram_line", "original"))
    assert result.returncode == 0, result.stderr
    assert "derived" in result.stdout and "trimmed_footer.txt" in result.stdout
    assert result.stderr == ""


def test_dates_decide_direction(corpus):
    result = unspun("compare", corpus.path("lake_bloom", "original"), corpus.path("lake_bloom", "paraphrase"),
                    "--json", "--date-a", "2024-07-02", "--date-b", "2024-06-30")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["source"], document["direction_method"]) == ("b", "dates")


def test_bad_date_is_one_clear_line(corpus):
    result = unspun("compare", corpus.path("lake_bloom", "original"), corpus.path("lake_bloom", "paraphrase"),
                    "--date-a", "last Tuesday")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "unspun: error: date of a: 'last Tuesday' is not an ISO 8601 date such as 2024-02-07"]


def test_version():
    result = unspun("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"unspun {__version__}")


def _write(tmp_path, name, data):
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


BAD_INPUTS = {
    "missing": (lambda tmp: tmp / "does-not-exist.txt", ("no such file",)),
    "directory": (lambda tmp: tmp, ("directory",)),
    "empty": (lambda tmp: _write(tmp, "empty.txt", b""), ("empty",)),
    "whitespace": (lambda tmp: _write(tmp, "blank.txt", " \n\t\n   \r\n"), ("whitespace",)),
    "png": (lambda tmp: _write(tmp, "picture.txt", PNG + bytes(200)), ("binary",)),
    "nul_bytes": (lambda tmp: _write(tmp, "nul.txt", b"Some words\x00\x00\x00 and NULs."), ("binary",)),
    "garbage": (lambda tmp: _write(tmp, "garbage.txt", bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 60), ("utf-8",)),
}


@pytest.mark.parametrize("kind, position", [(kind, "b") for kind in sorted(BAD_INPUTS)] + [("missing", "a")])
def test_bad_input_is_one_clear_line(corpus, tmp_path, kind, position):
    make, words = BAD_INPUTS[kind]
    bad, good = make(tmp_path), corpus.path("port_strike", "original")
    args = (bad, good) if position == "a" else (good, bad)
    result = unspun("compare", *args, "--json")
    assert result.returncode == 2
    assert_one_line_error(result, bad, *words)


def test_fifty_megabyte_file_is_refused_quickly(corpus, tmp_path):
    big = tmp_path / "big.txt"
    line = ("The council met again on Tuesday and the mayor said the budget would hold. " * 20 + "\n").encode()
    with big.open("wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    started = time.perf_counter()
    result = unspun("compare", corpus.path("port_strike", "original"), big, timeout=30)
    elapsed = time.perf_counter() - started
    assert_one_line_error(result, big, "limit", "mb")
    assert result.returncode == 2
    assert elapsed < 10, f"took {elapsed:.1f} s"


def test_single_100k_character_line_gives_a_correct_result(corpus, tmp_path):
    original = corpus.path("port_strike", "original")
    body = " ".join(line.strip() for line in corpus.text("port_strike", "original").splitlines()[1:] if line.strip())
    one_line = ((body + " ") * (100_000 // len(body) + 1))[:100_000].rsplit(" ", 1)[0]
    long_file = _write(tmp_path, "one-line.txt", one_line)
    result = unspun("compare", original, long_file, "--json", timeout=60)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["verdict"] == "derived"
    assert document["coverage"]["a_in_b"] == 1.0


def test_single_100k_character_line_without_punctuation(tmp_path):
    words = "council budget mayor strike port union rose fell workers shares".split()
    text = " ".join(words[(i * 7) % len(words)] + str(i % 97) for i in range(12_000))[:100_000]
    long_file = _write(tmp_path, "run-on.txt", text)
    result = unspun("compare", long_file, long_file, "--json", timeout=60)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["verdict"], document["coverage"]) == ("derived", {"a_in_b": 1.0, "b_in_a": 1.0})


@pytest.mark.parametrize("args", [("compare", "a.txt"), ("compare", "a.txt", "b.txt", "--no-such-option"),
                                  ("no-such-command",)])
def test_usage_errors_are_short_and_exit_2(args):
    result = unspun(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "Usage" in result.stderr or "Error" in result.stderr


def test_output_bytes_do_not_depend_on_the_process(corpus):
    """Same files, two processes with different hash seeds: identical JSON bytes (no set-order leaks)."""
    args = [*CLI, "compare", str(corpus.path("food_results", "original")),
            str(corpus.path("food_results", "paraphrase")), "--json"]
    outputs = [subprocess.run(args, capture_output=True, timeout=60, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "4242")]
    assert outputs[0] == outputs[1] and outputs[0]


def test_out_of_range_option_is_one_clear_line(corpus):
    result = unspun("compare", corpus.path("port_strike", "original"), corpus.path("port_strike", "paraphrase"),
                    "--threshold", "1.5")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "align_threshold" in line and "1.5" in line


def test_terminal_report_shows_markup_like_text_literally(corpus, tmp_path):
    text = corpus.text("port_strike", "original").replace(
        "Conciliation officers", "[/] Conciliation [bold red]officers[/bold red]")
    a, b = _write(tmp_path, "a.txt", text), _write(tmp_path, "b.txt", text.replace("Sunday night", "Sunday [/]"))
    result = subprocess.run([*CLI, "compare", str(a), str(b)], capture_output=True, text=True, timeout=60,
                            check=False, env={**os.environ, "COLUMNS": "240"})
    assert result.returncode == 0, result.stderr
    assert "[bold red]officers[/bold red]" in result.stdout and "Sunday [/]" in result.stdout
