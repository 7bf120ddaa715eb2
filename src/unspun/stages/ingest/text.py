"""Plain text files: one document per file, its id the path as given, its text exactly as decoded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from unspun.errors import InputError
from unspun.stages.ingest.files import read_text_file
from unspun.stages.ingest.records import Skipped, SourceRecord


def read_text_records(path: Path, *, max_bytes: int) -> Iterator[SourceRecord | Skipped]:
    """Yield the text file at ``path`` as one record, or a :class:`Skipped` saying why it cannot be read."""
    try:
        text = read_text_file(path, max_bytes=max_bytes)
    except InputError as error:
        yield Skipped(str(path), "", error.problem)
        return
    yield SourceRecord(id=str(path), text=text, source=str(path))
