"""HTML pages: the main text (boilerplate removed) with title, url and publication date from the page.

trafilatura extracts the main text and metadata (body recall 1.00, precision 0.997 on our measurement, see
shared/DEPENDENCIES.md; it needs ``lxml_html_clean`` installed alongside); htmldate finds the original
publication date rather than the last-modified one. The extracted text is the document's exact text: every
offset unspun reports points into it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from unspun.errors import InputError
from unspun.stages.ingest.files import decode_bytes, read_text_file
from unspun.stages.ingest.records import Skipped, SourceRecord

HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def _publication_date(html: str, url: str | None) -> str | None:
    """The page's original publication date as ``YYYY-MM-DD``, or None when the page does not say."""
    from htmldate import find_date

    try:
        return find_date(html, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except ValueError:  # htmldate raises on pages it cannot parse at all; no date is the honest answer
        return None


def record_from_html(html: str, *, source: str, record: str = "", url: str | None = None) -> SourceRecord | Skipped:
    """Extract a page's main text and metadata; ``url`` (e.g. from a crawl) wins over the page's own."""
    import trafilatura

    extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        return Skipped(source, record, "no main text found in the HTML page")
    page_url = url or extracted.url
    return SourceRecord(id=page_url or (f"{source}#{record}" if record else source), text=text, source=source,
                        record=record, title=extracted.title, url=page_url,
                        date=_publication_date(html, page_url))


def read_html_records(path: Path, *, max_bytes: int) -> Iterator[SourceRecord | Skipped]:
    """Yield the HTML page at ``path`` as one record (its id: the page's canonical url, else the path)."""
    try:
        html = read_text_file(path, max_bytes=max_bytes)
    except InputError as error:
        yield Skipped(str(path), "", error.problem)
        return
    yield record_from_html(html, source=str(path))


def html_from_bytes(raw: bytes, source: str, charset: str | None) -> str:
    """Decode an HTML payload: its declared charset when that works, else like a text file."""
    if charset:
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(raw, source)
