"""Records that ingest yields for a collection: a source document with its metadata, or a skipped record.

Ingest streams these (one at a time, never a whole file in memory) so that a 10 GB crawl indexes in constant
memory; the index decides what to do with each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

TEXT_SUFFIXES = (".txt", ".text", ".md")
_SURROGATE = re.compile("[\ud800-\udfff]")


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
    site_name: str | None = None
    """The site as the record itself names it (a JSONL/CSV ``site`` field), when it does."""

    @property
    def site(self) -> str | None:
        """The site the record names (normalised like a host), else the host of its url without ``www.``, e.g.
        ``bbc.co.uk``; None without either. A crawl export often carries the site but not every url."""
        return named_site(self.site_name) or site_of(self.url)


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
    """Which fields of a JSONL/CSV record hold the id, text, title, date, url and site."""

    id: str = "id"
    text: str = "text"
    title: str = "title"
    date: str = "date"
    url: str = "url"
    site: str = "site"


def site_of(url: str | None) -> str | None:
    """The host of ``url`` in lower case without a leading ``www.``; None when there is no host, or none can be
    read (``http://[bad``: a record's url is untrusted text, and a malformed one must not stop a crawl)."""
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    return host.removeprefix("www.") or None


def named_site(name: str | None) -> str | None:
    """A site named by a record (``www.BBC.co.uk``, ``https://bbc.co.uk/news``, ``bbc.co.uk``) as
    :func:`site_of` gives hosts: lower case, no ``www.``, no scheme or path; None when empty."""
    if not name or not name.strip():
        return None
    name = name.strip()
    return site_of(name if "://" in name else f"//{name}") or name.lower()


def unicode_text(text: str) -> str:
    """``text`` with each lone surrogate (a JSON ``"\\ud83d"`` left by a string cut inside an emoji) replaced
    by U+FFFD, one character for one, so offsets hold. A lone surrogate is not Unicode: no tokenizer, UTF-8
    store or Arrow column takes it, so one such record would stop a whole batch."""
    return _SURROGATE.sub("\ufffd", text)
