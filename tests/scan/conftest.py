"""A small collection with a known reuse structure (``tests/fixtures/scan/collection.json``), indexed and
scanned once per test session.

Stories: a lake article with two rewrites (on two farm sites) and a re-post of the first rewrite, plus an
independent report of the same event; a port strike article with a near copy, a trimmed copy and a copy with
changed facts; a tram article and its wire update; a food article; a weekly review (the hub) quoting the port
and food articles; two unrelated articles carrying a farm's footer, one of them copied by the other farm.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspun.index import Index
from unspun.stages.ingest import SourceRecord

SCAN_FIXTURES = Path(__file__).parents[1] / "fixtures" / "scan"


def _text(entry: dict) -> str:
    """The entry's article, with its site footer or update paragraphs appended."""
    text = (SCAN_FIXTURES / entry["file"]).read_text(encoding="utf-8").rstrip("\n")
    for extra in ("tail", "footer"):
        if extra in entry:
            text += "\n\n" + (SCAN_FIXTURES / entry[extra]).read_text(encoding="utf-8").rstrip("\n")
    return text + "\n"


def collection_records() -> list[SourceRecord]:
    """The collection as ingest records (the url carries the site)."""
    entries = json.loads((SCAN_FIXTURES / "collection.json").read_text(encoding="utf-8"))
    return [SourceRecord(id=e["id"], text=_text(e), source="collection.json", record=f"item {n}",
                         url=f"https://{e['site']}/{e['id']}", date=e["date"]) for n, e in enumerate(entries)]


def collection_jsonl(path: Path) -> Path:
    """The collection written as JSONL (for the CLI)."""
    with path.open("w", encoding="utf-8") as stream:
        for record in collection_records():
            stream.write(json.dumps({"id": record.id, "text": record.text, "url": record.url,
                                     "date": record.date}) + "\n")
    return path


@pytest.fixture(scope="session")
def scan_index(tmp_path_factory) -> Path:
    """The collection's index folder."""
    folder = tmp_path_factory.mktemp("scan-index")
    with Index.open(folder) as index:
        index.add(collection_records())
    return folder


@pytest.fixture(scope="session")
def scanned(scan_index, tmp_path_factory):
    """``(ScanResult, out folder)`` of one scan of the collection."""
    out = tmp_path_factory.mktemp("scan-out")
    with Index.open(scan_index, create=False) as index:
        return index.scan(out), out
