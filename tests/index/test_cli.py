"""``unspun index add|info`` and ``unspun query`` from the command line."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from unspun.cli.main import app
from unspun.index import Index

RUNNER = CliRunner()


def _unspun(*args: str) -> subprocess.CompletedProcess:
    """Run the installed entry point, as a user would (errors go through ``run``)."""
    code = "import sys; from unspun.cli.main import run; sys.argv = ['unspun', *sys.argv[1:]]; run()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120,
                          check=False)


def test_add_info_and_query(tmp_path, collection_file, planted):
    index_dir = tmp_path / "news.idx"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    added = _unspun("index", "add", str(index_dir), str(collection_file), str(bad))
    assert added.returncode == 0, added.stderr
    assert "added 8 documents" in added.stdout and "1 bad records skipped" in added.stdout
    assert f"unspun: skipped {bad} (line 1): no text field 'text'" in added.stderr

    again = RUNNER.invoke(app, ["index", "add", str(index_dir), str(collection_file)])
    assert "added 0 documents" in again.stdout and "8 already present" in again.stdout

    info = RUNNER.invoke(app, ["index", "info", str(index_dir), "--json"])
    assert json.loads(info.stdout)["documents"] == 8

    suspect = tmp_path / "suspect.txt"
    suspect.write_text(planted["composite"], encoding="utf-8")
    table = RUNNER.invoke(app, ["query", str(index_dir), str(suspect)], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "flood-norberg" in table.stdout and "1–3" in table.stdout
    page = tmp_path / "best.html"
    result = json.loads(RUNNER.invoke(app, ["query", str(index_dir), str(suspect), "--json", "--top", "2",
                                            "--html", str(page)]).stdout)
    assert "Norberg" in page.read_text(encoding="utf-8")
    assert [s["doc_id"] for s in result["sources"]] == ["flood-norberg", "election-tarsk"]
    assert result["sources"][0]["comparison"]["b"]["source"] == str(suspect)


def test_custom_field_names(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"guid": "g1", "body": "Kesta harbour reopened on Friday after repairs."}\n', encoding="utf-8")
    result = RUNNER.invoke(app, ["index", "add", str(tmp_path / "i"), str(feed), "--id-field", "guid",
                                 "--text-field", "body"])
    assert "added 1 documents" in result.stdout


def test_site_field_names_the_site(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "g1", "text": "Kesta harbour reopened on Friday after repairs.", "outlet": "Coast.example"}'
                    '\n', encoding="utf-8")
    result = RUNNER.invoke(app, ["index", "add", str(tmp_path / "i"), str(feed), "--site-field", "outlet"])
    assert "added 1 documents" in result.stdout
    with Index.open(tmp_path / "i", create=False) as index:
        assert [stored.site for stored in index.stored_documents(range(10)).values()] == ["coast.example"]


def test_query_without_an_index_is_one_line_and_exit_2(tmp_path):
    suspect = tmp_path / "s.txt"
    suspect.write_text("Some text.", encoding="utf-8")
    result = _unspun("query", str(tmp_path / "none.idx"), str(suspect))
    assert result.returncode == 2
    assert result.stderr.strip() == (f"unspun: error: {tmp_path / 'none.idx'}: no index here; build one with "
                                     "`unspun index add INDEX_DIR INPUTS...`")


def test_an_outdated_index_answers_with_a_one_line_warning(outdated_index, tmp_path, planted):
    old = outdated_index
    suspect = tmp_path / "suspect.txt"
    suspect.write_text(planted["composite"], encoding="utf-8")
    answered = _unspun("query", str(old), str(suspect), "--json")
    assert answered.returncode == 0 and json.loads(answered.stdout)["sources"]
    warnings = [line for line in answered.stderr.splitlines() if line.startswith("unspun: warning:")]
    assert len(warnings) == 1 and "analysis version 1" in warnings[0] and str(old) in warnings[0]
    refused = _unspun("index", "add", str(old), str(suspect))
    assert refused.returncode != 0 and "mix two splittings" in refused.stderr
