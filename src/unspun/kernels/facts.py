"""Facts a reader would check: numbers, amounts, percentages, dates, names, quotes and negations (polarity, a
trend reversed, is :mod:`unspun.kernels.polarity`).

Written by hand because this is unspun's edge: embeddings score "shares rose 3%" and "shares fell 3%" as near
twins, so every aligned pair is checked here for the facts that make the two sentences say different things.
Each fact has a normalised ``key`` so that "$2bn" equals "$2 billion" and "1 February" equals "February 1st".
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from unspun.kernels.places import place_of, places_in
from unspun.kernels.tokens import STOPWORDS, Token, name_word, tokenize
from unspun.model import FactChange, Span

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH_ALT = "|".join([m.capitalize() for m in _MONTHS] + [m[:3].capitalize() + r"\.?" for m in _MONTHS])
_MONTHS_SHORT = tuple(m[:3] for m in _MONTHS)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_UNTIL = r"(?:\s*[-–—]\s*|\s+(?:to|until|till|through)\s+)"
_DATE = re.compile(rf"\b(?:(?P<d1>{_DAY})(?:{_UNTIL}(?P<e1>{_DAY}))?\s+(?:of\s+)?(?P<m1>{_MONTH_ALT})"
                   rf"(?:{_UNTIL}(?P<e1b>{_DAY})\s+(?:of\s+)?(?P<n1>{_MONTH_ALT}))?"
                   rf"|(?P<m2>{_MONTH_ALT})\s+(?P<d2>{_DAY})(?:{_UNTIL}(?:(?P<n2>{_MONTH_ALT})\s+)?(?P<e2>{_DAY}))?\b)"
                   rf"(?:,?\s+(?P<y>\d{{4}}))?"
                   rf"|\b(?P<wd>{'|'.join(_WEEKDAYS)})\b")
"""Weekdays, and day-month dates (either order, optional year) or ranges of them: "10-12 June", "June 10 to
12", "30 June - 2 July". A range is one fact: a rewrite writes "from 10-12 June" as "from June 10-12", which
read as single dates would be "12 June" become "June 10" and the figure 10 become 12."""
_TIME = re.compile(r"\b(?:(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?:\s?(?P<ap>[ap])(?:\.m\.|m\b))?"
                   r"|(?P<h2>1[0-2]|0?\d)(?:\.(?P<m2>[0-5]\d))?\s?(?P<ap2>[ap])(?:\.m\.|m\b)"
                   r"|(?P<hm>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?=\s?(?:GMT|BST|UTC)\b))", re.IGNORECASE)
"""Clock times: "14:30", "2.30pm", "3 p.m.", and the 24-hour "1430 GMT" of wire copy (a bare "1430" is a
number)."""
_SCALES = {"bn": 1e9, "billion": 1e9, "b": 1e9, "m": 1e6, "mn": 1e6, "million": 1e6, "k": 1e3,
           "thousand": 1e3, "trillion": 1e12, "tn": 1e12, "hundred": 1e2}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                 "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
                 "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                 "dozen": 12, "half": 0.5}
_NUMBER = re.compile(
    r"(?P<cur>[$£€¥]|US\$|\bUSD\s|\bEUR\s|\bGBP\s)?(?P<num>\d(?:[\d,]*\d)?(?:\.\d+)?|\b(?:"
    + "|".join(_NUMBER_WORDS) + r")\b)"
    r"(?:\s?(?P<scale>bn|billion|mn|million|trillion|tn|thousand|hundred|m|k|b)\b)?"
    r"(?P<pct>\s?%|\s?per\s?cent\b|\s?percent\b)?", re.IGNORECASE)
_QUOTE = re.compile(r"[\"“]([^\"“”]{8,}?)[\"”]|‘([^‘’]{8,}?)’(?!\w)")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_OPENING_QUOTES = frozenset("\"“‘")
SPECIFIC_KINDS = frozenset({"entity", "number", "amount", "percentage", "date", "time"})
"""Fact kinds that pin a text to one story (names, figures, dates), unlike quotes and negations."""
_NEGATIONS = frozenset("not no never none nobody nothing neither nor without cannot".split())
IMPLIED_DENIALS = frozenset("declin refus fail avoid against lack absent deni unabl unawar untru unfamiliar unlik "
                            "unwil unclear unknown unsur instead rather except refrain eschew shun forgo reluct "
                            "neglect omit overlook".split())
"""Stems of words that deny without a denial word: a rewrite that turns "chose not to comment" into "declined to
comment", "not true" into "untrue" or "urged them not to" into "urged them to avoid" keeps the denial. With "not
just" read as "not only", this took the negations reported on MixSet dev own pairs from 50 to 31; each of the 19
removed was a turn like these (``bench/fact_checks.py --show negation``). Verbs and adjectives of the same sense
("eschew", "reluctant", "overlook") joined with the denied words (:func:`_denied_stems`), 31 → 9."""
_RHETORICAL = frozenset("coincidence accident surprise surprising wonder doubt secret exaggeration small".split())
"""Words after which "no"/"not" assert rather than deny: "It is no coincidence that..." (= it is deliberate),
"no doubt", "not a secret", "no small feat". A rewrite that drops such a "no" ("Pakistan was, fittingly, among
the first...") says the same thing, so it is not a negation change. Words that can follow a real denial
("not a mistake", "does not mean", "no longer wants") are deliberately not here."""


@dataclass(frozen=True)
class Fact:
    """One checkable fact in a text: its kind, its words, where it is, and a key equal for equal facts."""

    kind: str
    text: str
    span: Span
    key: tuple
    weak: bool = False
    """A number word without scale ("nine"): it matches the same figure on the other side ("9") but is never
    reported on its own, since alone such words are mostly idiom ("one of the first", "the two nations")."""


def _number_value(match: re.Match) -> float:
    """The numeric value of a number match, scale words applied (2bn → 2e9)."""
    raw = match.group("num").lower()
    value = _NUMBER_WORDS.get(raw)
    if value is None:
        value = float(raw.replace(",", ""))
    scale = (match.group("scale") or "").lower()
    return value * _SCALES.get(scale, 1.0)


_NUMBER_SIGN = re.compile(r"\bNo\.? ?$")
"""The number sign right before a figure: "No 10" (Downing Street), "No. 1 in the charts" is a label, which a
rewrite may name otherwise ("Downing Street", "topped the charts"): weak, like a number word."""


def _is_weak(match: re.Match) -> bool:
    """A number word without scale or percent ("nine", but not "9" or "two million")."""
    return not match.group("num")[:1].isdigit() and not (match.group("scale") or match.group("pct"))


_DECADE = re.compile(r"(?:1[89]|20)?\d0")


def _decade_key(match: re.Match, text: str) -> tuple | None:
    """The key of a decade ("1980s", "80s", "'80s"), by its last two digits: a rewrite writes "the 1980s" as
    "the 80s", which read as figures would be 1980 become 80. None for any other number."""
    num = match.group("num")
    plain = not (match.group("cur") or match.group("scale") or match.group("pct"))
    if plain and text[match.end():match.end() + 1] == "s" and _DECADE.fullmatch(num):
        return "decade", int(num) % 100
    return None


def _numbers(text: str, offset: int, taken: list[Span]) -> list[Fact]:
    """Numbers, amounts, percentages and decades not inside an already found date."""
    facts = []
    for match in _NUMBER.finditer(text):
        decade = _decade_key(match, text)
        end = match.end() + (decade is not None)
        span = (match.start() + offset, end + offset)
        if any(start <= span[0] < stop for start, stop in taken):
            continue
        currency = (match.group("cur") or "").strip().upper().replace("US$", "$")
        kind = "percentage" if match.group("pct") else "amount" if currency else "number"
        key = decade or (kind, currency, round(_number_value(match), 6))
        weak = _is_weak(match) or _NUMBER_SIGN.search(text, 0, match.start()) is not None
        facts.append(Fact(kind, text[match.start():end].strip(), span, key, weak=weak))
    return facts


def _times(text: str, offset: int) -> list[Fact]:
    """Clock times, keyed by hour (0–23) and minute, so that "14:30", "2.30pm" and "1430 GMT" are one time."""
    facts = []
    for match in _TIME.finditer(text):
        hour = int(match.group("h") or match.group("h2") or match.group("hm"))
        minute = int(match.group("m") or match.group("m2") or match.group("mm") or 0)
        meridiem = (match.group("ap") or match.group("ap2") or "").lower()
        if meridiem and hour <= 12:
            hour = hour % 12 + (12 if meridiem == "p" else 0)
        span = (match.start() + offset, match.end() + offset)
        facts.append(Fact("time", match.group(), span, ("time", hour, minute)))
    return facts


def _dates(text: str, offset: int) -> list[Fact]:
    """Day-month dates and ranges of them (with optional year), and weekdays."""
    facts = []
    for match in _DATE.finditer(text):
        span = (match.start() + offset, match.end() + offset)
        if match.group("wd"):
            facts.append(Fact("date", match.group(), span, ("date", match.group("wd").lower())))
            continue
        key = _date_key(match)
        if key is not None:
            facts.append(Fact("date", match.group(), span, key))
    return facts


def _day(written: str) -> int:
    """The day of month of a written day ("12", "1st")."""
    return int(written.rstrip("stndrh"))


def _date_key(match: re.Match) -> tuple | None:
    """The key of a day-month date ("date", month, day, year), with the last day and its month appended for a
    range; None when a day cannot be one (0, 32: "won 3-0 May"), or a range does not go forward."""
    month = (match.group("m1") or match.group("m2"))[:3].lower()
    day = _day(match.group("d1") or match.group("d2"))
    last = match.group("e1") or match.group("e1b") or match.group("e2")
    last_month = (match.group("n1") or match.group("n2") or month)[:3].lower()
    key = ("date", month, day, match.group("y"))
    if last is None:
        return key if 1 <= day <= 31 else None
    end = _day(last)
    forward = (_MONTHS_SHORT.index(last_month), end) > (_MONTHS_SHORT.index(month), day)
    return key + (last_month, end) if 1 <= day <= 31 and 1 <= end <= 31 and forward else None


def clause_openers(text: str, offset: int, tokens: tuple[Token, ...]) -> frozenset[int]:
    """Positions of the tokens that open the sentence or a quotation in it (``He said: "Policing is …``).

    Such words are capitalised whatever they are, so they are names only when the document says so elsewhere.
    ``text`` starts at ``offset`` of the document, as the tokens' spans do.
    """
    return frozenset(position for position, token in enumerate(tokens)
                     if position == 0 or text[token.start - offset - 1:token.start - offset] in _OPENING_QUOTES)


def _is_name(token: Token, opens_clause: bool, proper_words: frozenset[str]) -> bool:
    """A capitalised non-stopword, not a number nor "I" contracted ("I'm", "I've"); at the start of a sentence
    or quotation only if the document capitalises it elsewhere."""
    return (token.is_capitalised and not token.is_number and token.norm not in STOPWORDS
            and not token.norm.startswith("i'") and (not opens_clause or token.norm in proper_words))


def _name_runs(tokens: tuple[Token, ...], openers: frozenset[int],
               proper_words: frozenset[str]) -> list[list[Token]]:
    """Runs of name words separated by single spaces only (punctuation and possessives end a run)."""
    runs: list[list[Token]] = []
    previous = None
    for position, token in enumerate(tokens):
        if not _is_name(token, position in openers, proper_words):
            previous = None
            continue
        joined = previous is not None and token.start - previous.end == 1 and not _POSSESSIVE_END.search(previous.text)
        if joined:
            runs[-1].append(token)
        else:
            runs.append([token])
        previous = token
    return runs


def _entities(tokens: tuple[Token, ...], openers: frozenset[int], proper_words: frozenset[str]) -> list[Fact]:
    """Names (people, places, organisations) as runs of capitalised words, keyed by
    :func:`~unspun.kernels.tokens.name_word`."""
    return [Fact("entity", " ".join(t.text for t in run), (run[0].start, run[-1].end),
                 ("entity",) + tuple(name_word(t) for t in run))
            for run in _name_runs(tokens, openers, proper_words)]


def _quotes(text: str, offset: int) -> list[Fact]:
    """Quoted speech of at least a few words; not a title in quotation marks (:func:`_is_title`)."""
    facts = []
    for match in _QUOTE.finditer(text):
        inner = match.group(1) or match.group(2)
        if len(inner.split()) >= 3 and not _is_title(inner):
            words = tuple(re.findall(r"\w+", _expanded(inner.lower())))
            span = (match.start() + offset, match.end() + offset)
            facts.append(Fact("quote", match.group(), span, ("quote", *words)))
    return facts


def _is_title(quoted: str) -> bool:
    """True for a title in quotation marks ("Boulevard of Broken Dreams", "Maria Full of Grace"): every word but
    the small ones capitalised. A rewrite that puts quotation marks round a song or film title quotes nobody,
    yet read as speech it was "a quote added" (21 of the 104 quotes reported on MixSet dev own pairs)."""
    words = [token for token in tokenize(quoted) if not token.is_number]
    return bool(words) and all(token.is_capitalised for token in words if token.norm not in STOPWORDS)


_CONTRACTIONS = ((re.compile(r"\bwon['’]t\b"), "will not"), (re.compile(r"\bcan['’]t\b"), "can not"),
                 (re.compile(r"n['’]t\b"), " not"), (re.compile(r"['’]re\b"), " are"),
                 (re.compile(r"['’]ve\b"), " have"), (re.compile(r"['’]ll\b"), " will"),
                 (re.compile(r"\bi['’]m\b"), "i am"))
"""Contractions with one reading ("'s" and "'d" have two, and stay as written)."""


def _expanded(text: str) -> str:
    """Lower-case ``text`` with its unambiguous contractions written out, so that a quote is not "altered"
    where a rewrite only wrote "I have" for "I've"."""
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text


def _overlaps(span: Span, spans: list[Span]) -> bool:
    """True when ``span`` shares a character with any of ``spans``."""
    return any(span[0] < end and start < span[1] for start, end in spans)


def extract_facts(text: str, offset: int, tokens: tuple[Token, ...], proper_words: frozenset[str] = frozenset(),
                  openers: frozenset[int] | None = None) -> tuple[Fact, ...]:
    """Every fact in ``text`` (which starts at ``offset`` of its document), in reading order.

    ``proper_words`` holds words the document capitalises inside sentences, so that a capitalised sentence
    opener such as "Preliminary" is not mistaken for a name while "Pakistan" still is. ``openers`` are the
    :func:`clause_openers` of ``tokens`` when the caller has them already.
    """
    dates = _dates(text, offset)
    date_spans = [d.span for d in dates]
    times = [time for time in _times(text, offset) if not _overlaps(time.span, date_spans)]
    date_spans += [time.span for time in times]
    openers = clause_openers(text, offset, tokens) if openers is None else openers
    names = [name for name in _entities(tokens, openers, proper_words) if not _overlaps(name.span, date_spans)]
    facts = dates + times + _numbers(text, offset, date_spans) + names
    return tuple(sorted(facts + _quotes(text, offset), key=lambda fact: fact.span))


_PAIRED_KINDS = (("number", "amount", "percentage"), ("date",), ("time",))
"""Figures one side lacks are paired as changes only within a group ("1 February" never "became" 1,200)."""
_SPECIFIC_FIRST = ("amount", "percentage", "date", "time", "number")
"""Of two paired figures of different kinds ("5.9%" against "5.9"), the change is named after the more specific
kind, whichever side has it."""


def _pair_up(a_only: list[Fact], b_only: list[Fact], kinds: tuple[str, ...],
             documents: tuple[frozenset, frozenset]) -> list[FactChange]:
    """Pair the facts of ``kinds`` that one side has and the other lacks, in reading order; leave out what
    moved (:func:`_moved`)."""
    a_list = [f for f in a_only if f.kind in kinds]
    b_list = [f for f in b_only if f.kind in kinds]
    pairs = list(itertools.zip_longest(a_list, b_list))
    return [FactChange(min((f.kind for f in (a, b) if f), key=_SPECIFIC_FIRST.index), a and a.text, b and b.text,
                       a and a.span, b and b.span)
            for a, b in pairs if not _moved(a, b, documents)]


def _moved(a: Fact | None, b: Fact | None, documents: tuple[frozenset, frozenset]) -> bool:
    """True when each side's figure (where there is one) is stated elsewhere in the other document (A's facts,
    B's facts): a rewrite moved it to another sentence, it did not drop or change it."""
    return (a is None or a.key in documents[1]) and (b is None or b.key in documents[0])


def _quote_twins(a_quotes: list[Fact], b_quotes: list[Fact]) -> dict[int, int]:
    """``{A quote position: B quote position}`` of the altered quotes: pairs sharing at least half the words of
    the shorter quote, each quote used once, most shared words first (then the earliest in both texts). Every
    rule here reads both quotes alike, so the pairs are the same whichever text is A."""
    words = [set(q.key[1:]) for q in a_quotes], [set(q.key[1:]) for q in b_quotes]
    options = []
    for i, a_words in enumerate(words[0]):
        for j, b_words in enumerate(words[1]):
            shared = len(a_words & b_words)
            if shared and shared * 2 >= min(len(a_words), len(b_words)):
                options.append((-shared, i + j, min(i, j), i, j))
    twins: dict[int, int] = {}
    for *_, i, j in sorted(options):
        if i not in twins and j not in twins.values():
            twins[i] = j
    return twins


def _quote_changes(a_quotes: list[Fact], b_quotes: list[Fact]) -> list[FactChange]:
    """Quotes altered (similar but not identical words) or quoted on one side only."""
    twins = _quote_twins(a_quotes, b_quotes)
    changes = [FactChange("quote", quote.text, b_quotes[twins[i]].text if i in twins else None, quote.span,
                          b_quotes[twins[i]].span if i in twins else None) for i, quote in enumerate(a_quotes)]
    matched = set(twins.values())
    changes += [FactChange("quote", None, q.text, None, q.span) for j, q in enumerate(b_quotes) if j not in matched]
    return changes


def _split_by_key(a_facts: tuple[Fact, ...], b_facts: tuple[Fact, ...]) -> tuple[list, list, list]:
    """Facts of A present in B (kept), A only, and B only, comparing normalised keys."""
    b_keys = {fact.key for fact in b_facts}
    a_keys = {fact.key for fact in a_facts}
    kept = [fact for fact in a_facts if fact.key in b_keys]
    return kept, [f for f in a_facts if f.key not in b_keys], [f for f in b_facts if f.key not in a_keys]


def _singular(word: str) -> str:
    """``word`` without a plural ending ("Tories" is "Tory", "Democrats" is "Democrat")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _same_word(a: str, b: str) -> bool:
    """Equal but for a plural, or one a longer form of the other sharing at least five letters
    (Armenia/Armenian)."""
    shorter, longer = sorted((_singular(a), _singular(b)), key=len)
    return shorter == longer or (len(shorter) >= 5 and longer.startswith(shorter))


def _unwritten_names(facts: list[Fact], other_tokens: tuple[Token, ...]) -> list[Fact]:
    """``facts`` without the names whose head word the other side writes (:func:`_head_in`), and without the
    countries it writes another way ("UK" against "British": :mod:`unspun.kernels.places`)."""
    if not any(fact.kind == "entity" for fact in facts):
        return facts
    words = frozenset(name_word(token) for token in other_tokens)
    kept = [fact for fact in facts if fact.kind != "entity" or not _head_in(fact, words)]
    places = [place_of(fact.key[1:]) if fact.kind == "entity" else frozenset() for fact in kept]
    if not any(places):
        return kept
    written = places_in([name_word(token) for token in other_tokens if token.is_capitalised])
    return [fact for fact, place in zip(kept, places, strict=True) if not place & written]


def _head_in(name: Fact, words: frozenset[str]) -> bool:
    """True when the other side writes the name's head word (the last word: "Aliyev" of "President Ilham
    Aliyev"), as a name or not: a sentence opener such as "Tottenham sporting director …" is no name fact,
    yet the rewrite's "Tottenham's" replaced nothing."""
    head = name.key[-1]
    return head in words or any(_same_word(head, word) for word in words)


def _shortens(part: str, full: str) -> bool:
    """True when ``part`` is ``full`` cut short ("Lib" of "Liberal"; a plural "s" may follow the cut stem:
    "Dems" of "Democrats")."""
    return full.startswith(part) or (part.endswith("s") and full.endswith("s") and full.startswith(part[:-1]))


def _abbreviates(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """True when one name is the other's initials ("US", "United States") or shortens each of its words
    ("Lib Dems", "Liberal Democrats")."""
    if len(short) == 1 and len(long) > 1 and short[0] == "".join(word[0] for word in long):
        return True
    return len(short) == len(long) > 1 and all(_shortens(part, full) for part, full in zip(short, long, strict=True))


SHORT_NAME_WORD = 3
"""Letters a name word must keep to count as another word cut short ("Lib" of "Liberal", not "Al" of "Alan")."""


def name_word_variants(a: str, b: str) -> bool:
    """True when two name words (normalised keys) can write one name: equal but for a plural ("Tories",
    "Tory"), one a longer form of the other (:func:`_same_word`), or one the other cut short, keeping at least
    :data:`SHORT_NAME_WORD` letters ("Lib Dems" for "Liberal Democrats", "Cosmo" for "Cosmopolitan")."""
    if _same_word(a, b):
        return True
    short, full = sorted((a, b), key=len)
    return len(short.removesuffix("s") if full.endswith("s") else short) >= SHORT_NAME_WORD and _shortens(short, full)


def _variant_in(name: Fact, names: list[Fact]) -> bool:
    """True when ``names`` holds another way of writing ``name`` (initials or shortened words)."""
    return any(_abbreviates(name.key[1:], other.key[1:]) or _abbreviates(other.key[1:], name.key[1:])
               for other in names)


def compare_facts(a_facts: tuple[Fact, ...], b_facts: tuple[Fact, ...], a_tokens: tuple[Token, ...],
                  b_tokens: tuple[Token, ...], *,
                  documents: tuple[frozenset, frozenset]) -> tuple[list[FactChange], list[FactChange]]:
    """(changed, kept) facts between two aligned texts, given their facts, their tokens and the fact keys of
    each whole document (``documents``: A's, B's).

    Numbers, amounts, percentages, dates and times missing from one side are reported even alone (a figure a
    rewrite dropped matters), unless the other document states them elsewhere (:func:`_moved`: on MixSet dev
    own pairs, "Spacey, 45," told one sentence later was reported dropped from one and added to the other).
    Names are reported only in pairs (one name replaced by another), since paraphrases freely drop a first name
    or title, and only when both sides are left with as many names: with more on one side, which replaced which
    is a guess (on MixSet dev own pairs every such pairing read was wrong, e.g. "Elland Road" for "GMT").
    """
    kept, a_only, b_only = _split_by_key(a_facts, b_facts)
    a_only, b_only = _unwritten_names(a_only, b_tokens), _unwritten_names(b_only, a_tokens)
    b_by_key = {fact.key: fact for fact in b_facts}
    kept_changes = [FactChange(f.kind, f.text, b_by_key[f.key].text, f.span, b_by_key[f.key].span)
                    for f in kept if f.kind != "entity" and not (f.weak and b_by_key[f.key].weak)]
    a_only = [f for f in a_only if not f.weak]
    b_only = [f for f in b_only if not f.weak]
    changes = [change for kinds in _PAIRED_KINDS for change in _pair_up(a_only, b_only, kinds, documents)]
    a_names = [f for f in a_only if f.kind == "entity"]
    b_names = [f for f in b_only if f.kind == "entity"]
    a_names, b_names = ([f for f in a_names if not _variant_in(f, b_names)],
                        [f for f in b_names if not _variant_in(f, a_names)])
    if len(a_names) == len(b_names):
        changes += [FactChange("entity", a.text, b.text, a.span, b.span) for a, b in zip(a_names, b_names, strict=True)]
    changes += _quote_changes([f for f in a_only if f.kind == "quote"], [f for f in b_only if f.kind == "quote"])
    return sorted(changes, key=_change_order), kept_changes


def _change_order(change: FactChange) -> tuple:
    """Sort key: by position in B, then in A."""
    return (change.b_span or (10**12, 0), change.a_span or (10**12, 0))


def negation_change(a_tokens: tuple[Token, ...], b_tokens: tuple[Token, ...]) -> FactChange | None:
    """A negation present on one side only ("will" vs "will not"), with the cue's span; not when the other side
    denies in other words it alone uses (:data:`IMPLIED_DENIALS`), nor when it does not write what the denial
    denies (:func:`_denied_stems`): "no other player has got" and "only he can provide" say one thing in
    other words, while "did not resign" and "resigned" keep the denied word and drop the denial."""
    a_at, b_at = _first_negation(a_tokens), _first_negation(b_tokens)
    if (a_at is None) == (b_at is None):
        return None
    bare, denying, at = (a_tokens, b_tokens, b_at) if a_at is None else (b_tokens, a_tokens, a_at)
    if _implied_denials(bare) - _implied_denials(denying):
        return None
    if not _denied_stems(denying, at) & {token.stem for token in bare}:
        return None
    a_cue = None if a_at is None else a_tokens[a_at]
    b_cue = None if b_at is None else b_tokens[b_at]
    return FactChange("negation", a_cue.text if a_cue else None, b_cue.text if b_cue else None,
                      (a_cue.start, a_cue.end) if a_cue else None, (b_cue.start, b_cue.end) if b_cue else None)


DENIED_SCOPE = 2
"""Content words after a denial taken as what it denies ("not [true]", "no [longer wants]")."""


def _denied_stems(tokens: tuple[Token, ...], position: int) -> set[str]:
    """Stems of what the denial at ``position`` denies: the :data:`DENIED_SCOPE` content words after it, or,
    for a denial that ends its clause ("even when it does not"), the :data:`DENIED_SCOPE` before it. Names and
    figures are left out: an aligned pair shares them whatever it says of them ("no prize for star Imelda
    Staunton" against "Imelda Staunton was overlooked")."""
    words = [(k, token.stem) for k, token in enumerate(tokens)
             if token.is_content and not token.is_capitalised and not token.is_number]
    after = [stem for k, stem in words if k > position][:DENIED_SCOPE]
    return set(after or [stem for k, stem in words if k < position][-DENIED_SCOPE:])


def _implied_denials(tokens: tuple[Token, ...]) -> set[str]:
    """Stems of :data:`IMPLIED_DENIALS` among ``tokens``."""
    return {token.stem for token in tokens if token.stem in IMPLIED_DENIALS}


def is_denial(token: Token) -> bool:
    """A denial word: "not", "never", "no", … or a contraction such as "didn't"."""
    return token.norm in _NEGATIONS or token.norm.endswith("n't")


def _first_negation(tokens: tuple[Token, ...]) -> int | None:
    """Position of the first negation word (including contractions such as didn't), skipping "not only ...
    but", rhetorical negation ("no coincidence", "not a surprise": :data:`_RHETORICAL`) and the number sign
    "No"."""
    for position, token in enumerate(tokens):
        if is_denial(token) and not _is_rhetorical(tokens, position) and not _is_number_sign(tokens, position):
            return position
    return None


def _is_number_sign(tokens: tuple[Token, ...], position: int) -> bool:
    """True when the word at ``position`` is "No" written before a figure ("No 10", "No. 1 in the charts"): the
    number sign, not a denial. Lower-case "no 10-year bonds" stays a negation."""
    following = tokens[position + 1:position + 2]
    return (tokens[position].text == "No" and bool(following) and following[0].is_number
            and following[0].start - tokens[position].end <= 2)


def _is_rhetorical(tokens: tuple[Token, ...], position: int) -> bool:
    """True when the negation at ``position`` is "not only" ("not just", "not merely") or is followed (within
    two words: "not a", "no great") by a word of :data:`_RHETORICAL`."""
    following = [token.norm for token in tokens[position + 1:position + 3]]
    return following[:1] in (["only"], ["just"], ["merely"]) or any(word in _RHETORICAL for word in following)
