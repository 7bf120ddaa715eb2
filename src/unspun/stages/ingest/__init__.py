"""Ingest: turn files and strings into validated text, keeping the text exactly as decoded.

``iter_records`` streams whole collections (text files and folders, JSONL, CSV, HTML, WARC) as
:class:`SourceRecord` items, with a :class:`Skipped` item for each record that cannot be used.
"""

from unspun.stages.ingest.collect import iter_records
from unspun.stages.ingest.files import decode_bytes, read_text_file
from unspun.stages.ingest.records import FieldNames, Skipped, SourceRecord, site_of, unicode_text

__all__ = ["FieldNames", "Skipped", "SourceRecord", "decode_bytes", "iter_records", "read_text_file", "site_of",
           "unicode_text"]
