"""JSONL and CSV collections: one document per line or row, with configurable field names.

Both are read as streams (a line or a row at a time), so a file of any size indexes in constant memory. A bad
line or row is skipped with its number; the rest of the file goes on.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from unspun.stages.ingest.dates import iso_date
from unspun.stages.ingest.records import FieldNames, Skipped, SourceRecord, unicode_text


def _optional(record: Mapping[str, Any], name: str) -> str | None:
    """The field ``name`` as a stripped string, or None when it is missing or blank."""
    value = record.get(name)
    if value is None:
        return None
    value = unicode_text(str(value).strip())
    return value or None


def record_from_fields(record: Mapping[str, Any], fields: FieldNames, *, source: str, where: str,
                       max_bytes: int) -> SourceRecord | Skipped:
    """Build a :class:`SourceRecord` from a parsed line/row, or say what is wrong with it."""
    text = record.get(fields.text)
    if not isinstance(text, str):
        found = ", ".join(sorted(map(str, record))) or "none"
        return Skipped(source, where, f"no text field {fields.text!r} (fields: {found}; set --text-field)")
    if not text.strip():
        return Skipped(source, where, f"text field {fields.text!r} is empty")
    if "\x00" in text:
        return Skipped(source, where, "text contains NUL characters (binary data)")
    if len(text.encode("utf-8", errors="replace")) > max_bytes:
        return Skipped(source, where, f"text is over the {max_bytes / 1e6:g} MB limit")
    given_date = _optional(record, fields.date)
    date = iso_date(given_date) if given_date else None
    if given_date and date is None:
        return Skipped(source, where, f"date field {fields.date!r} is not a date: {given_date[:40]!r} (use ISO 8601 "
                                      "such as 2024-02-07, or set --date-field)")
    doc_id = _optional(record, fields.id) or f"{source}:{where.rsplit(maxsplit=1)[-1]}"
    return SourceRecord(id=doc_id, text=unicode_text(text), source=source, record=where,
                        title=_optional(record, fields.title), url=_optional(record, fields.url), date=date,
                        site_name=_optional(record, fields.site))


def _parse_json_line(raw: bytes) -> dict[str, Any] | str:
    """The JSON object on one line, or the reason it is not one."""
    try:
        value = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return "line is not valid UTF-8"
    except json.JSONDecodeError as error:
        return f"malformed JSON ({error.msg} at column {error.colno})"
    return value if isinstance(value, dict) else f"a JSON {type(value).__name__}, not an object"


def read_jsonl_records(path: Path, *, fields: FieldNames, max_bytes: int) -> Iterator[SourceRecord | Skipped]:
    """Yield one record per non-blank line of the JSONL file at ``path``."""
    source = str(path)
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            parsed = _parse_json_line(raw)
            where = f"line {number}"
            yield (Skipped(source, where, parsed) if isinstance(parsed, str)
                   else record_from_fields(parsed, fields, source=source, where=where, max_bytes=max_bytes))


def read_csv_records(path: Path, *, fields: FieldNames, max_bytes: int) -> Iterator[SourceRecord | Skipped]:
    """Yield one record per row of the CSV file at ``path`` (first row = header; UTF-8, BOM allowed)."""
    source = str(path)
    # Articles are longer than csv's default 128 kB field limit; the per-record max_bytes check still applies.
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes + 1))
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        number = 1
        try:
            for number, row in enumerate(reader, start=2):  # noqa: B007 (number names the failing row below)
                yield record_from_fields(row, fields, source=source, where=f"row {number}", max_bytes=max_bytes)
        except (UnicodeDecodeError, csv.Error) as error:
            problem = "is not valid UTF-8" if isinstance(error, UnicodeDecodeError) else f"malformed CSV ({error})"
            yield Skipped(source, f"after row {number}", f"{problem}; the rest of the file is skipped")
