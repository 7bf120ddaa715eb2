"""Stream the documents of a collection from any mix of files and folders, dispatching on the file type.

Folders are walked recursively in sorted order (deterministic ids and batches) and contribute the files whose
suffix names a known format; a file named explicitly is read as text unless its suffix says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from unspun.stages.ingest.html import HTML_SUFFIXES, read_html_records
from unspun.stages.ingest.records import TEXT_SUFFIXES, FieldNames, Skipped, SourceRecord
from unspun.stages.ingest.tables import read_csv_records, read_jsonl_records
from unspun.stages.ingest.text import read_text_records
from unspun.stages.ingest.warc import WARC_SUFFIXES, read_warc_records

Reader = Callable[[Path], Iterator[SourceRecord | Skipped]]
KNOWN_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + WARC_SUFFIXES + (".jsonl", ".ndjson", ".csv")


def _suffix(path: Path) -> str:
    """The format suffix, two parts for compressed WARC (``.warc.gz``)."""
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def reader_for(path: Path, *, fields: FieldNames, max_bytes: int) -> Reader:
    """The reader for ``path``'s format: WARC, HTML, JSONL, CSV, else plain text."""
    suffix = _suffix(path)
    if suffix in WARC_SUFFIXES:
        return partial(read_warc_records, max_bytes=max_bytes)
    if suffix in HTML_SUFFIXES:
        return partial(read_html_records, max_bytes=max_bytes)
    if suffix in (".jsonl", ".ndjson"):
        return partial(read_jsonl_records, fields=fields, max_bytes=max_bytes)
    if suffix == ".csv":
        return partial(read_csv_records, fields=fields, max_bytes=max_bytes)
    return partial(read_text_records, max_bytes=max_bytes)


def _folder_files(folder: Path) -> Iterator[Path]:
    """Files of a known format under ``folder``, recursively, in sorted order, hidden ones left out."""
    for path in sorted(folder.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if path.is_file() and not hidden and _suffix(path) in KNOWN_SUFFIXES:
            yield path


def iter_records(inputs: Iterable[str | Path], *, fields: FieldNames | None = None,
                 max_bytes: int = 10_000_000) -> Iterator[SourceRecord | Skipped]:
    """Yield every document (or skipped record) of ``inputs``, lazily, in a deterministic order."""
    fields = fields or FieldNames()
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files: Iterable[Path] = _folder_files(path)
        elif path.is_file():
            files = (path,)
        else:
            yield Skipped(str(path), "", "no such file or folder")
            continue
        for file in files:
            yield from reader_for(file, fields=fields, max_bytes=max_bytes)(file)
