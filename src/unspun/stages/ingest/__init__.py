"""Ingest: turn files and strings into validated text, keeping the text exactly as decoded."""

from unspun.stages.ingest.files import decode_bytes, read_text_file

__all__ = ["decode_bytes", "read_text_file"]
