"""Countries written different ways: "UK", "Britain", "British" and "United Kingdom" name one place.

A rewrite writes "the UK's Andrea Arnold" as "British director Andrea Arnold" and "Aussie" fans as "Australian"
ones; read as names, that is "UK" replaced by "British", a changed name a fact-checker would have to dismiss
(on MixSet dev own pairs, 8 of the 37 names reported changed were a country against its own demonym). The ways
of writing each country come from the ``countryinfo`` package (its name, demonym and alternative spellings,
including "UK", "USA", "Great Britain"; Wales and Scotland too), read once, on the first name that needs them.
England, "Britain", "America" and a few nicknames ("Aussies"), missing there, are added here.

Words are name keys (:func:`unspun.kernels.tokens.name_key`: lower case, no full stops or accents). A word
can write several places ("Guinea"), so each maps to a set, and two writings name one place when their sets
meet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from unspun.kernels.tokens import name_key, normalise

_MISSING = {"England": ("England", "English"), "United Kingdom": ("Britain", "Brit", "Brits"),
            "United States": ("America",), "Australia": ("Aussie", "Aussies"), "New Zealand": ("Kiwi", "Kiwis")}
"""Places and writings ``countryinfo`` lacks: it has "Great Britain" and "United States of America" only, and
none of the nicknames sports pages use."""
_PROSE_CODES = frozenset({"UK", "US", "USA", "UAE"})
"""The country codes prose writes as names; the others ("CAN", "PER", "AT") are common words once capitalised."""
LONGEST = 4
"""Words in the longest writing looked for in running text ("United States of America")."""

Place = frozenset[str]


def _writings() -> dict[str, list[str]]:
    """Every country's ways of writing, by its name: ``countryinfo``'s name, demonym and alternative spellings,
    and :data:`_MISSING`."""
    from countryinfo import all_countries

    writings: dict[str, list[str]] = {}
    for country in all_countries():
        info = country.info()
        written = [info.get("name"), info.get("demonym"), *(info.get("altSpellings") or [])]
        writings[info["name"]] = [w for w in written if isinstance(w, str) and w.strip() and not _is_code(w)]
    for name, written in _MISSING.items():
        writings.setdefault(name, []).extend(written)
    return writings


def _is_code(written: str) -> bool:
    """A country code other than :data:`_PROSE_CODES` ("GB", "CAN")."""
    return written.isupper() and len(written) <= 3 and written not in _PROSE_CODES


@lru_cache(maxsize=1)
def _places() -> dict[tuple[str, ...], Place]:
    """``{writing as name keys: the places it can name}``."""
    table: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for name, written in _writings().items():
        for writing in written:
            table[tuple(name_key(word, normalise(word)) for word in writing.replace(",", " ").split())].add(name)
    return {words: frozenset(names) for words, names in table.items()}


def place_of(words: Sequence[str]) -> Place:
    """The places a name (its words as name keys) can be: the whole name, else its last word, a demonym also
    in the plural ("Australians"). Empty for a name that is no country.

    >>> sorted(place_of(["british"])) == sorted(place_of(["united", "kingdom"])) == ["United Kingdom"]
    True
    """
    places = _places()
    found = places.get(tuple(words))
    if found is None and words:
        last = words[-1]
        found = places.get((last,)) or places.get((last.removesuffix("s"),) if last.endswith("ans") else ())
    return found or frozenset()


def places_in(words: Sequence[str]) -> Place:
    """Every place written in running text (its words as name keys), by any run of up to :data:`LONGEST`
    consecutive words."""
    places = _places()
    found: set[str] = set()
    for start in range(len(words)):
        for end in range(start + 1, min(start + LONGEST, len(words)) + 1):
            found |= place_of(words[start:end]) if end - start == 1 else places.get(tuple(words[start:end]), set())
    return frozenset(found)
