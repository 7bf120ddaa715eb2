"""Word tokens with character offsets, normalised forms and stems.

Words are the unit of lexical evidence (which words two sentences share), of the token diff and of fact
extraction, so they carry offsets into the original text. Stemming uses the Snowball English stemmer
(snowballstemmer, which runs PyStemmer's C build of the same algorithm), cached because news vocabularies repeat
heavily.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer

# A word: letters/digits, optionally joined by inner . , ' ’ - (U.S, 93.9, 1,000, re-election, don't),
# optionally followed by % (percentages stay one token so "3%" never matches "3").
_WORD = re.compile(r"[^\W_]+(?:[.,'’\-][^\W_]+)*%?")

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each either few for from further had has have having he her
here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not of
off on once only or other our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up very was we were what
when where which while who whom why will with would you your yours yourself yourselves said says say according
mr mrs ms dr its it's s t
""".split())


class Token(NamedTuple):
    """A word of a text: its surface form, its normalised form, its stem and its span in the original text.

    A named tuple, not a dataclass: every compared text makes thousands, and a tuple is built three times faster.
    """

    text: str
    norm: str
    stem: str
    start: int
    end: int

    @property
    def is_content(self) -> bool:
        """True for words that carry content (not stopwords, not single letters)."""
        return self.norm not in STOPWORDS and (len(self.norm) > 1 or self.norm.isdigit())

    @property
    def is_number(self) -> bool:
        """True for tokens that start with a digit (3, 93.9%, 1,000, 2bn)."""
        return self.text[:1].isdigit()

    @property
    def is_capitalised(self) -> bool:
        """True for words written with a capital first letter (candidate names)."""
        return self.text[:1].isupper()


def stem(norm: str) -> str:
    """Snowball stem of a normalised word; numbers are kept as they are (not cached here: tokenize caches
    each surface word's forms, stem included)."""
    if norm[:1].isdigit():
        return norm
    return _STEMMER.stemWord(norm)


_STEMMER = snowballstemmer.stemmer("english")


def normalise(word: str) -> str:
    """Lower-case a word, unify apostrophes and drop a possessive ``'s``."""
    lowered = word.lower().replace("’", "'")
    # A string test, not a regex: this runs once per word of every compared text.
    return lowered[:-2] if len(lowered) > 3 and lowered.endswith("'s") else lowered


@lru_cache(maxsize=200_000)
def _forms(word: str) -> tuple[str, str]:
    """Normalised form and stem of a surface word (cached: news vocabularies repeat heavily)."""
    norm = normalise(word)
    return norm, stem(norm)


def name_word(token: Token) -> str:
    """A name word's key: without full stops or accents ("U.S." is "US", "Côte" is "Cote"), and without a
    lower-case word hyphened to it ("UK-based" is "UK", "Grand Slam-winning" ends in "Slam")."""
    return name_key(token.text, token.norm)


@lru_cache(maxsize=200_000)
def name_key(text: str, norm: str) -> str:
    """:func:`name_word` of a word written ``text`` (normalised ``norm``), cached: every word of every aligned
    pair is keyed (:func:`unspun.kernels.facts.compare_facts`), and news vocabularies repeat heavily."""
    head, _, tail = text.rpartition("-")
    if head and tail.islower():
        norm = norm[:len(head)]
    decomposed = unicodedata.normalize("NFKD", norm.replace(".", ""))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_TUPLE_NEW = tuple.__new__


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Split ``text`` into word tokens whose spans are shifted by ``offset`` (the text's start in its document).

    Each token is made with ``tuple.__new__`` rather than ``Token(...)``, which goes through a Python-level
    ``__new__``: a scan tokenizes every sentence of every document it verifies, and this is 20% faster."""
    tokens: list[Token] = []
    append = tokens.append
    for match in _WORD.finditer(text):
        word = match.group()
        norm, word_stem = _forms(word)
        append(_TUPLE_NEW(Token, (word, norm, word_stem, match.start() + offset, match.end() + offset)))
    return tuple(tokens)


def content_stems(tokens: tuple[Token, ...]) -> frozenset[str]:
    """The set of stems of the content words among ``tokens``."""
    return frozenset(token.stem for token in tokens if token.is_content)
