"""Records that ingest yields for a collection: a source document with its metadata, or a skipped record.

Ingest streams these (one at a time, never a whole file in memory) so that a 10 GB crawl indexes in constant
memory; the index decides what to do with each.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

TEXT_SUFFIXES = (".txt", ".text", ".md")


@dataclass(frozen=True)
class SourceRecord:
    """One document of a collection: its id, where it came from, its metadata and its exact text."""

    id: str
    text: str
    source: str
    record: str = ""
    """Where inside ``source`` the record sits (``line 12``, ``row 3``, a WARC record id); empty for a file."""
    title: str | None = None
    url: str | None = None
    date: str | None = None

    @property
    def site(self) -> str | None:
        """The host of the url without ``www.``, e.g. ``bbc.co.uk``; None without a url."""
        return site_of(self.url)


@dataclass(frozen=True)
class Skipped:
    """A record that could not be ingested, with the one-line reason."""

    source: str
    record: str
    problem: str

    def __str__(self) -> str:
        where = f"{self.source} ({self.record})" if self.record else self.source
        return f"{where}: {self.problem}"


@dataclass(frozen=True)
class FieldNames:
    """Which fields of a JSONL/CSV record hold the id, text, title, date and url."""

    id: str = "id"
    text: str = "text"
    title: str = "title"
    date: str = "date"
    url: str = "url"


def site_of(url: str | None) -> str | None:
    """The host of ``url`` in lower case without a leading ``www.``; None when there is no host."""
    if not url:
        return None
    host = (urlsplit(url.strip()).hostname or "").lower()
    return host.removeprefix("www.") or None
