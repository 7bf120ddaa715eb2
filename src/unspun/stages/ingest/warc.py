"""WARC / WARC.gz crawls: each HTML response record becomes one document (see :mod:`.html`).

fastwarc streams the records (a .gz file is detected automatically), so a crawl of any size indexes in constant
memory. Non-HTML responses are passed over silently (a crawl holds images and scripts). A response whose
payload is shorter than its declared length (a truncated download), that cannot be decoded or that has no main
text is skipped with its record id. Payloads are read undecoded so that truncation shows; gzip and deflate
content encodings are then undone with zlib, other encodings are skipped with their name.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from unspun.errors import InputError
from unspun.stages.ingest.html import html_from_bytes, record_from_html
from unspun.stages.ingest.records import Skipped, SourceRecord

WARC_SUFFIXES = (".warc", ".warc.gz")


def _is_html(record) -> bool:
    """True for HTTP responses whose content type is HTML."""
    content_type = (record.http_content_type or "").lower()
    return "html" in content_type


def _payload(record, max_bytes: int) -> bytes | str:
    """The record's HTTP payload with its content encoding undone, or the reason it is unusable."""
    raw = record.reader.read(max_bytes + 1)
    if len(raw) > max_bytes:
        return f"payload is over the {max_bytes / 1e6:g} MB limit"
    if len(raw) < record.content_length:
        return f"truncated record: {len(raw)} of {record.content_length} payload bytes"
    headers = record.http_headers
    transfer = (headers.get("Transfer-Encoding") or "").strip().lower()
    encoding = (headers.get("Content-Encoding") or "identity").strip().lower()
    if transfer not in ("", "identity"):
        return f"unsupported Transfer-Encoding {transfer!r}"
    if encoding in ("gzip", "x-gzip", "deflate"):
        try:
            return zlib.decompress(raw, wbits=47)  # 47: accept a gzip or zlib header
        except zlib.error as error:
            return f"corrupt {encoding} payload ({error})"
    return raw if encoding == "identity" else f"unsupported Content-Encoding {encoding!r}"


def _record_from_response(record, source: str, max_bytes: int) -> SourceRecord | Skipped:
    """One HTML response record turned into a document (or the reason it cannot be)."""
    record_id = record.record_id or f"offset {record.stream_pos}"
    raw = _payload(record, max_bytes)
    if isinstance(raw, str):
        return Skipped(source, record_id, raw)
    try:
        html = html_from_bytes(raw, f"{source} ({record_id})", record.http_charset)
    except InputError as error:
        return Skipped(source, record_id, error.problem)
    return record_from_html(html, source=source, record=record_id, url=record.headers.get("WARC-Target-URI"))


def read_warc_records(path: Path, *, max_bytes: int) -> Iterator[SourceRecord | Skipped]:
    """Yield one record per HTML response in the WARC file at ``path``."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    source = str(path)
    with path.open("rb") as stream:
        records = iter(ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True,
                                       auto_decode="none", fsspec_args=False))
        last = "the start of the file"
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except Exception as error:  # fastwarc raises plain exceptions on corrupt input: report, stop the file
                yield Skipped(source, f"after {last}", f"corrupt WARC data ({error}); rest of the file skipped")
                return
            last = f"record {record.record_id}"
            if _is_html(record):
                yield _record_from_response(record, source, max_bytes)
