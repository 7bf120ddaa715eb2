"""Recognise the furniture that publishing systems append to articles (comment notices, share prompts,
copyright lines, newsletter plugs) so that it is reported as boilerplate, not as content a rewrite added.

Written by hand: these are short, stereotyped lines whose wording the CMSs fix; a list of patterns catches them
precisely, where a learned extractor would need the HTML that plain-text inputs no longer have.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Set
from dataclasses import replace

from unspun.model import Document

MAX_BOILERPLATE_CHARS = 240

# Two alternations, not one: patterns that hold at a line's start are tried there only (``match``), so the
# unanchored search runs over nine patterns instead of twenty-five (7x faster over a collection's lines).
_AT_START = [
    r"leave a (reply|comment)\b",
    r"(share|tweet|pin|email)( this| on| it)?\b[^.]{0,40}$",
    # the same prompt as a sentence splitter hands it over, full stop kept ("Share this: Facebook, X."); only
    # with "this"/"on"/"it" or a colon, so that "Share prices fell." stays news
    r"(share|tweet|pin|email)( this| on| it)?\s*:[^.]{0,40}\.$",
    r"(share|tweet|pin|email) (this|on|it)\b[^.]{0,40}\.$",
    r"click (here )?to (share|print|email|open)\b",
    r"(©|\(c\)|copyright\b)",
    r"(this (entry|article|post) was )?(posted|filed) (in|under)\b",
    r"tags?\s*:",
    r"categor(y|ies)\s*:",
    r"related( posts| articles| stories| news)?\s*:?$",
    r"(follow|like) us on\b",
    r"sign up (for|to)\b",
    r"(read more|continue reading)\b",
    r"(previous|next) (post|article|story)\b",
    r"advertisement$",
    r"(loading|like)\s*(\.\.\.|…)$",
    r"(photo|image|picture) (credit|courtesy)\s*:",
    r"read or share this story\b",
]
_ANYWHERE = [
    r"\bcomments? (are|is) (closed|open)\b",
    r"\btrackbacks? and pingbacks? are\b",
    r"\byou must be logged in to post a comment\b",
    r"\byour email address will not be published\b",
    r"\brequired fields are marked\b",
    r"\ball rights reserved\b",
    r"\bsubscribe to (our|the) newsletter\b",
    r"\bwe use cookies\b",
    # how to reach the writer ("Contact Advertiser reporter Jo Bloggs at 334-240-0185 or jbloggs@example.com"):
    # a newsroom sign-off, identical under every story one reporter files
    r"\b(reporter|writer|correspondent|columnist|editor)\b[^.]{0,60}\bat (\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}\b"
    r"|[\w.+-]+@[\w-]+\.\w)",
]
_STARTS = re.compile("|".join(f"(?:{pattern})" for pattern in _AT_START), re.IGNORECASE)
_CONTAINS = re.compile("|".join(f"(?:{pattern})" for pattern in _ANYWHERE), re.IGNORECASE)


def is_boilerplate(text: str) -> bool:
    """True when ``text`` (a sentence or a short line) is publishing furniture rather than article content."""
    stripped = text.strip()
    return len(stripped) <= MAX_BOILERPLATE_CHARS and (_STARTS.match(stripped) is not None
                                                    or _CONTAINS.search(stripped) is not None)


_NOT_WORD = re.compile(r"[\W_]+")


def line_hash(text: str) -> int:
    """A 64-bit hash of a sentence's lower-cased words, punctuation and spacing ignored (``"Follow us!"`` and
    ``"follow  us"`` hash alike): the unit a collection counts recurring lines in."""
    words = _NOT_WORD.sub(" ", text.lower()).strip()
    return int.from_bytes(hashlib.blake2b(words.encode("utf-8", errors="surrogatepass"), digest_size=8).digest(),
                          "big")


def line_key(text: str) -> str:
    """:func:`line_hash` as 16 hexadecimal digits (how learned boilerplate is stored)."""
    return f"{line_hash(text):016x}"


def mark_learned_boilerplate(doc: Document, keys: Set[str]) -> Document:
    """``doc`` with every title or body sentence whose :func:`line_key` is in ``keys`` re-roled ``boilerplate``.

    ``keys`` is the template text a collection taught (site footers, bylines, newsletter plugs recurring across
    different stories; see :mod:`unspun.scan.boilerplate`); the hand-written patterns above stay the fallback.
    """
    if not keys:
        return doc
    sentences = tuple(replace(s, role="boilerplate") if s.role != "boilerplate" and line_key(s.text) in keys else s
                      for s in doc.sentences)
    return doc if sentences == doc.sentences else replace(doc, sentences=sentences)
