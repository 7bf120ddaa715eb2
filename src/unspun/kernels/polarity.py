"""Polarity: a trend or an outcome reversed between two aligned sentences ("rose 3%" / "fell 3%", "approved" /
"rejected").

Written by hand because it is part of unspun's fact checking (:mod:`unspun.kernels.facts`): embeddings score
"shares rose 3%" and "shares fell 3%" as near twins. Counting trend words alone reported a flip in every one of
the 18 aligned MixSet dev rewrite pairs that got one, and none was real: "a 1.2% decline ... following a 4% rise"
against "down 1.2% ... after a 4% gain" (each side has both directions), "a hard-fought win" against "reduced
Chelsea's lead" (a match won, a lead cut), "shut down" against "boost sales", "not all was lost" against "won".
So a cue is read where it stands:

- **on a figure**: a trend word next to a figure ("fell 3%", "drop by 1.2%", "a 4% gain") is that figure's
  trend, and a figure both sides put a trend on flips when the trends differ (this also finds "down 1.2% after a
  4% gain" against "a 1.2% increase after a 4% drop"; a word both put on the figure flips nothing). "up" and
  "down" count only there ("shut down", "set up" are no trends);
- **the other cues, within a kind**: trends (rise, fall, cut, …) and outcomes (win, lose, approve, reject) are
  compared apart, on the cue words the other side does not use (so "raised its forecast" on both sides does not
  hide a flip next to it), and only when each side's new cues point one way ("grew by 18%, helped by lower
  prices" against "an 18% jump, supported by cheaper pricing": the figure's trend agrees, "lower" is alone);
- a cue within three words after a denial ("not all was lost", "refused to be defeated", "failed to win") is
  skipped: what the denied word says depends on more than the word.
"""

from __future__ import annotations

from typing import NamedTuple

from unspun.kernels.facts import IMPLIED_DENIALS, is_denial
from unspun.kernels.tokens import Token
from unspun.model import FactChange

_TRENDS = {1: frozenset("rise rose risen rising rises increas gain grew grow grown growth jump climb surg soar boost "
                        "higher rais expand".split()),
           -1: frozenset("fall fell fallen falling falls decreas drop dropp declin shrink shrank slump plung tumbl "
                         "lower cut cuts reduc contract".split())}
_OUTCOMES = {1: frozenset("won win wins winning approv accept".split()),
             -1: frozenset("lose lost loss defeat reject".split())}
_ON_FIGURES_ONLY = {"up": 1, "down": -1}
"""Trend words that are trends only on a figure ("down 1.2%"); elsewhere they are particles ("shut down")."""
_CUE_DENIALS = IMPLIED_DENIALS - frozenset().union(*_TRENDS.values(), *_OUTCOMES.values())
"""Words that deny a cue after them ("refused to be defeated", "failed to win"); not a cue word itself ("declined,
falling 3%" denies nothing)."""
_DENIAL_REACH = 3
"""Words after a denial within which a cue is skipped."""
_BEFORE_FIGURE = 3
"""Words a trend may stand before its figure ("fell by 25%", "drop by 1.2%")."""
_AFTER_FIGURE = 2
"""Words a trend may stand after its figure ("a 4% gain", "1.2% lower")."""


class Cue(NamedTuple):
    """A trend or outcome word: its token, direction (1 up, -1 down), kind and the figure it stands on."""

    token: Token
    direction: int
    kind: str
    figure: float | None


def polarity_change(a_tokens: tuple[Token, ...], b_tokens: tuple[Token, ...]) -> FactChange | None:
    """A trend or outcome reversed between two aligned sentences, or ``None`` (see the module docstring); of
    several, the one earliest in both sentences."""
    a_cues, b_cues = _cues(a_tokens), _cues(b_tokens)
    shared = {cue.figure for cue in a_cues if cue.figure is not None} & {cue.figure for cue in b_cues}
    flips = [flip for figure in sorted(shared)
             for flip in _opposed(*_unshared(_where(a_cues, figure=figure), _where(b_cues, figure=figure)))]
    a_new, b_new = _new(a_cues, b_tokens), _new(b_cues, a_tokens)
    a_rest, b_rest = ([cue for cue in cues if cue.figure not in shared] for cues in (a_new, b_new))
    flips += [flip for kind in ("trend", "outcome")
              for flip in _opposed(_where(a_rest, kind=kind), _where(b_rest, kind=kind))]
    if not flips:
        return None
    a, b = min(flips, key=lambda flip: _flip_order(flip, a_tokens[0].start, b_tokens[0].start))
    return FactChange("polarity", a.text, b.text, (a.start, a.end), (b.start, b.end))


def _cues(tokens: tuple[Token, ...]) -> list[Cue]:
    """The trend and outcome words of a sentence that no denial governs, each with the figure it stands on."""
    cues = []
    for position, token in enumerate(tokens):
        found = _lookup(token)
        if found is None or _denied(tokens, position):
            continue
        direction, kind = found
        figure = _figure_at(tokens, position)
        if token.norm in _ON_FIGURES_ONLY and figure is None:
            continue
        cues.append(Cue(token, direction, kind, figure))
    return cues


_CUE_WORDS = {word: (direction, kind) for kind, lexicons in (("outcome", _OUTCOMES), ("trend", _TRENDS))
              for direction, lexicon in lexicons.items() for word in lexicon}
_CUE_WORDS |= {word: (direction, "trend") for word, direction in _ON_FIGURES_ONLY.items()}
"""Each cue word or stem with its (direction, kind)."""


def _lookup(token: Token) -> tuple[int, str] | None:
    """(direction, kind) of a cue word (by its stem, else its normalised form), or ``None``."""
    return _CUE_WORDS.get(token.stem) or _CUE_WORDS.get(token.norm)


def _denied(tokens: tuple[Token, ...], position: int) -> bool:
    """True when a denial ("not", "never", "didn't", "refused", "failed": :data:`_CUE_DENIALS`) stands within
    :data:`_DENIAL_REACH` words before ``position``."""
    return any(is_denial(t) or t.stem in _CUE_DENIALS
               for t in tokens[max(0, position - _DENIAL_REACH):position])


def _figure_at(tokens: tuple[Token, ...], position: int) -> float | None:
    """The value of the figure a cue at ``position`` stands on: the first figure within :data:`_BEFORE_FIGURE`
    words after it, else the nearest within :data:`_AFTER_FIGURE` words before it."""
    for token in tokens[position + 1:position + 1 + _BEFORE_FIGURE]:
        if token.is_number:
            return _value(token)
    for token in reversed(tokens[max(0, position - _AFTER_FIGURE):position]):
        if token.is_number:
            return _value(token)
    return None


def _value(token: Token) -> float | None:
    """The leading number of a figure token ("1.2%" is 1.2, "1,000" is 1000, "51-15" is 51)."""
    digits = ""
    for char in token.text.replace(",", ""):
        if not (char.isdigit() or (char == "." and "." not in digits)):
            break
        digits += char
    return float(digits.rstrip(".")) if digits.rstrip(".") else None


def _unshared(a_cues: list[Cue], b_cues: list[Cue]) -> tuple[list[Cue], list[Cue]]:
    """The cues on one figure without the words both sides put on it ("boost ... a 1% rise" against "boost ... a
    1% fall": the flip is rise/fall)."""
    a_stems, b_stems = {cue.token.stem for cue in a_cues}, {cue.token.stem for cue in b_cues}
    return ([cue for cue in a_cues if cue.token.stem not in b_stems],
            [cue for cue in b_cues if cue.token.stem not in a_stems])


def _where(cues: list[Cue], **fields: object) -> list[Cue]:
    """The cues whose named fields have the given values."""
    return [cue for cue in cues if all(getattr(cue, name) == value for name, value in fields.items())]


def _opposed(a_cues: list[Cue], b_cues: list[Cue]) -> list[tuple[Token, Token]]:
    """The first cues of each side as a flip when each side's cues point one way and the two ways differ."""
    a_ways, b_ways = {cue.direction for cue in a_cues}, {cue.direction for cue in b_cues}
    if len(a_ways) == len(b_ways) == 1 and a_ways != b_ways:
        return [(a_cues[0].token, b_cues[0].token)]
    return []


def _new(cues: list[Cue], other: tuple[Token, ...]) -> list[Cue]:
    """Cues whose stem the other sentence does not use (a trend word both sides write flips nothing)."""
    other_stems = {token.stem for token in other}
    return [cue for cue in cues if cue.token.stem not in other_stems]


def _flip_order(flip: tuple[Token, Token], a_start: int, b_start: int) -> tuple[int, int]:
    """Of several flips in one pair of sentences, the one reported comes earliest in both texts (its cues'
    offsets into their sentences, summed): the same flip whichever text is A."""
    a_offset, b_offset = flip[0].start - a_start, flip[1].start - b_start
    return a_offset + b_offset, min(a_offset, b_offset)
