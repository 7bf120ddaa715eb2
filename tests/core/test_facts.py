"""Facts a reader would check, kept or changed between two aligned sentences."""

from __future__ import annotations

import pytest

from unspun.kernels.facts import compare_facts, extract_facts, negation_change
from unspun.kernels.tokens import tokenize


def _facts(text: str, offset: int = 0, proper: frozenset[str] = frozenset()):
    return extract_facts(text, offset, tokenize(text, offset), proper)


def _key(text: str):
    (fact,) = _facts(text)
    return fact.kind, fact.key


def _compare(a: str, b: str, a_document: str = "", b_document: str = ""):
    """Compare two aligned sentences, each in a document that also holds ``a_document`` / ``b_document``."""
    documents = (frozenset(f.key for f in _facts(a + " " + a_document)),
                 frozenset(f.key for f in _facts(b + " " + b_document)))
    changed, kept = compare_facts(_facts(a), _facts(b), tokenize(a, 0), tokenize(b, 0), documents=documents)
    return ([(c.kind, c.a_text, c.b_text) for c in changed], [(c.kind, c.a_text, c.b_text) for c in kept])


@pytest.mark.parametrize("one, other", [
    ("$2bn", "$2 billion"), ("£30m", "£30 million"), ("US$5bn", "$5 billion"), ("€40 million", "€40m"),
    ("40%", "40 per cent"), ("40%", "40 percent"), ("3.5 per cent", "3.5%"), ("1,200", "1200"),
    ("1 February", "February 1st"), ("1st of February", "February 1"), ("two million", "2 million"),
    ("10-12 June", "June 10-12"), ("10 to 12 June", "June 10 to June 12"), ("30 June - 2 July", "June 30 to July 2"),
    ("the 1980s", "the '80s"),
])
def test_equal_facts_written_differently_share_a_key(one, other):
    assert _key(one) == _key(other)


@pytest.mark.parametrize("one, other", [
    ("$2bn", "$3bn"), ("$2bn", "£2bn"), ("$2bn", "$2m"), ("40%", "40"), ("1 February", "8 February"),
    ("1 February", "1 March"), ("1 February 2024", "1 February 2025"), ("1,200", "1,800"),
    ("10-12 June", "10-13 June"), ("10-12 June", "12 June"), ("the 1980s", "the 1990s"), ("the 1980s", "1980"),
])
def test_different_facts_have_different_keys(one, other):
    assert _key(one) != _key(other)


def test_a_date_range_rewritten_is_one_kept_fact():
    """Read as single dates, "10-12 June" against "June 10-12" was "12 June" become "June 10" and 10 become 12."""
    changed, kept = _compare("The festival runs from 10-12 June.", "The festival runs from June 10-12.")
    assert changed == [] and kept == [("date", "10-12 June", "June 10-12")]
    assert _compare("It runs from 10-12 June.", "It runs from 10-14 June.")[0] == [("date", "10-12 June", "10-14 June")]


@pytest.mark.parametrize("text", ["They won 3-0 May's side.", "It ran from 0 June.", "It ran June 12-10."])
def test_a_day_that_cannot_be_one_makes_no_date(text):
    assert [fact for fact in _facts(text) if fact.kind == "date"] == []


def _time_keys(text: str) -> list[tuple]:
    return [fact.key for fact in _facts(text) if fact.kind == "time"]


@pytest.mark.parametrize("one, other", [("14:30 GMT", "1430 GMT"), ("2.30pm", "14:30"), ("3 p.m.", "3pm"),
                                        ("12am", "00:00")])
def test_clock_times_written_differently_share_a_key(one, other):
    assert _time_keys(f"Kick-off is at {one} today.") == _time_keys(f"Kick-off is at {other} today.") != []


@pytest.mark.parametrize("text, kinds", [
    ("The match kicks off at 1430 GMT.", ["time", "entity"]), ("The index closed at 1430.", ["number"]),
    ("Shares fell 1.25% by 9 a.m. on Friday.", ["percentage", "time", "date"]),
    ("It ended 2:1 at 3pm.", ["number", "number", "time"]),
])
def test_clock_times_are_not_numbers(text, kinds):
    assert [fact.kind for fact in _facts(text)] == kinds


def test_a_quote_with_its_contractions_written_out_is_not_altered():
    a = 'He called it "one of the most surreal games I\'ve ever played in, and we won\'t forget it".'
    b = 'He called it "one of the most surreal games I have ever played in, and we will not forget it".'
    changed, kept = _compare(a, b)
    assert changed == [] and [k[0] for k in kept] == ["quote"]
    assert [c[0] for c in _compare(a, b.replace("surreal", "strange"))[0]] == ["quote"]


def test_a_title_in_quotation_marks_is_no_quote():
    """Quotation marks round a song or film title quote nobody; speech in them is still a quote."""
    assert _compare("The band closed with Love Is the Drug.", 'The band closed with "Love Is the Drug".') == ([], [])
    assert [c[0] for c in _compare("He said it was over.", 'He said: "It is all over now."')[0]] == ["quote"]


def test_a_changed_kick_off_time_is_reported_as_a_time():
    assert _compare("Kick-off is at 14:30 GMT.", "Kick-off is at 1515 GMT.")[0] == [("time", "14:30", "1515")]
    assert _compare("Kick-off is at 14:30 GMT.", "Kick-off is at 1430 GMT.") == ([], [("time", "14:30", "1430")])


@pytest.mark.parametrize("text, kind", [
    ("$2bn", "amount"), ("£30 million", "amount"), ("4.5%", "percentage"), ("40 per cent", "percentage"),
    ("1,200", "number"), ("2031", "number"), ("1 February", "date"), ("Tuesday", "date"),
])
def test_fact_kinds(text, kind):
    assert _key(f"It was {text} then.")[0] == kind


def test_fact_spans_slice_back_with_an_offset():
    document = "Heading line. " + "Mayor Ines Calder said on 1 February that \"the budget will hold\" at $2bn, or 40%."
    offset = len("Heading line. ")
    facts = _facts(document[offset:], offset)
    assert [(f.kind, document[slice(*f.span)]) for f in facts] == [
        ("entity", "Ines Calder"), ("date", "1 February"), ("quote", "\"the budget will hold\""),
        ("amount", "$2bn"), ("percentage", "40%")]
    assert all(document[slice(*f.span)] == f.text for f in facts)


def test_number_words_without_scale_are_weak_facts():
    facts = _facts("The two nations signed one of the first deals.")
    assert [(f.text, f.weak) for f in facts] == [("two", True), ("one", True)]
    assert _key("two million") == ("number", ("number", "", 2e6))


def test_weak_number_words_match_figures_but_are_never_reported_alone():
    changed, kept = _compare("The council voted 9 to 4.", "The council voted nine votes to four.")
    assert changed == [] and kept == [("number", "9", "nine"), ("number", "4", "four")]
    assert _compare("The two nations met.", "Both nations met.") == ([], [])


def test_sentence_openers_are_names_only_when_the_document_says_so():
    text = "Preliminary results came from Varnholt."
    assert [f.text for f in _facts(text)] == ["Varnholt"]
    assert [f.text for f in _facts("Varnholt voted.", proper=frozenset({"varnholt"}))] == ["Varnholt"]


def test_words_opening_a_quotation_are_names_only_when_the_document_says_so():
    text = 'The chief told staff: "Policing is a public service," in Varnholt.'
    assert [f.text for f in _facts(text) if f.kind == "entity"] == ["Varnholt"]
    assert "Policing" in [f.text for f in _facts(text, proper=frozenset({"policing"}))]


@pytest.mark.parametrize("one, other", [("U.S.", "US"), ("Côte", "Cote"), ("UK-based", "UK")])
def test_names_written_with_full_stops_or_accents_share_a_key(one, other):
    assert _key(f"It was {one} then.") == _key(f"It was {other} then.")


def test_kept_facts_are_reported_when_written_differently():
    changed, kept = _compare("Construction of the $2bn line will begin on 1 February with 40% federal money.",
                             "Construction of the $2 billion line will begin on February 1st with 40 per cent "
                             "federal money.")
    assert changed == []
    assert kept == [("amount", "$2bn", "$2 billion"), ("date", "1 February", "February 1st"),
                    ("percentage", "40%", "40 per cent")]


@pytest.mark.parametrize("a, b, expected", [
    ("More than 1,200 dockworkers walked out.", "More than 1,800 dockworkers walked out.",
     ("number", "1,200", "1,800")),
    ("It will cost about £30 million a week.", "It will cost about £45 million a week.",
     ("amount", "£30 million", "£45 million")),
    ("They rejected a 4.5% rise.", "They rejected a 6.5% rise.", ("percentage", "4.5%", "6.5%")),
    ("The strike lasts until 1 February.", "The strike lasts until 8 February.",
     ("date", "1 February", "8 February")),
    ("Union organiser Marta Oyelaran spoke.", "Union organiser Helen Strand spoke.",
     ("entity", "Marta Oyelaran", "Helen Strand")),
    ("He said \"patience does not pay the rent\" today.", "He said \"patience does not pay the bills\" today.",
     ("quote", "\"patience does not pay the rent\"", "\"patience does not pay the bills\"")),
    ("The unit lost $9 million in the quarter.", "The unit lost money in the quarter.",
     ("amount", "$9 million", None)),
])
def test_changed_facts(a, b, expected):
    assert _compare(a, b)[0] == [expected]


def test_a_figure_the_other_document_states_elsewhere_was_moved_not_dropped():
    a, b = "Carrow, 45, wrote the play.", "Carrow wrote the play."
    assert _compare(a, b) == ([("number", "45", None)], [])
    assert _compare(a, b, b_document="Carrow is 45.") == ([], [])
    assert _compare(b, a, a_document="Carrow is 45.") == ([], [])


def test_dropping_a_first_name_is_not_a_changed_name():
    assert _compare("The chief, Daniel Voss, spoke at the Port Authority.",
                    "The chief, Voss, spoke at the Port Authority.")[0] == []


@pytest.mark.parametrize("a, b", [
    ("The Liberal Democrats spoke first.", "The Lib Dems spoke first."),
    ("Talks with the United States resumed.", "Talks with the US resumed."),
    ("The Tories voted with Labour.", "The Tory party voted with Labour."),
    ("The UK's Ada Quill won the prize.", "British director Ada Quill won the prize."),
    ("Britain sent two envoys to Riga.", "The United Kingdom sent two envoys to Riga."),
    ("The Aussies beat Wales at Cardiff.", "The Australians beat the Welsh at Cardiff."),
    ("Fans of the English side sang.", "Fans of England sang."),
])
def test_a_name_written_another_way_is_not_a_changed_name(a, b):
    assert _compare(a, b)[0] == [] and _compare(b, a)[0] == []


@pytest.mark.parametrize("a, b, changed", [
    ("The French envoy met Ada Quill.", "The German envoy met Ada Quill.", ("French", "German")),
    ("Talks with the US resumed.", "Talks with the UAE resumed.", ("US", "UAE")),
])
def test_another_country_is_a_changed_name(a, b, changed):
    assert _compare(a, b)[0] == [("entity", *changed)]


def test_i_contracted_is_no_name():
    assert [fact.text for fact in _facts("Then Ada said: I'm sure, and I’ve seen it.") if fact.kind == "entity"] == [
        "Ada"]


def test_names_left_over_in_unequal_numbers_are_not_paired():
    assert _compare("Coach Dean Carrow spoke at Elland Road.", "Coach Mark Jensen spoke at noon GMT in Leeds.")[0] == []


def test_initials_of_another_name_are_a_changed_name():
    assert _compare("Envoys from the United Kingdom met.", "Envoys from the UN met.")[0] == [
        ("entity", "United Kingdom", "UN")]


def test_a_name_the_other_side_opens_a_sentence_with_is_not_a_changed_name():
    """"Tottenham" opening a sentence is no name fact (it could be any capitalised opener), but the rewrite's
    "Tottenham's" replaced nothing; the place it dropped ("Port Vale") must not be paired with it."""
    assert _compare("Dean Carrow, Tottenham's new coach, resigned.",
                    "Tottenham coach Dean Carrow resigned at Port Vale.")[0] == []


@pytest.mark.parametrize("a, b, cue", [
    ("She said she would raise the dispute.", "She said she would not raise the dispute.", (None, "not")),
    ("The company will open a factory.", "The company won't open a factory.", (None, "won't")),
    ("No human cases were reported.", "Human cases were reported.", ("No", None)),
])
def test_negation_flips(a, b, cue):
    change = negation_change(tokenize(a), tokenize(b))
    assert change is not None and change.kind == "negation"
    assert (change.a_text, change.b_text) == cue
    if change.b_span:
        assert b[slice(*change.b_span)] == change.b_text


def test_same_negation_on_both_sides_or_not_only_is_no_flip():
    assert negation_change(tokenize("It did not pay."), tokenize("It never paid.")) is None
    assert negation_change(tokenize("Not only prices rose."), tokenize("Prices rose.")) is None


@pytest.mark.parametrize(("a", "b"), [
    ("It is no coincidence that the harbour town was the first to sign.",
     "The harbour town was, fittingly, the first to sign."),
    ("There is no doubt the vote will pass.", "The vote will surely pass."),
    ("It was not a surprise that rents rose.", "Rents rose, as expected."),
])
def test_rhetorical_negation_dropped_is_no_flip(a, b):
    assert negation_change(tokenize(a), tokenize(b)) is None


@pytest.mark.parametrize(("a", "b"), [
    # the other side denies in words of its own
    ("The firm has chosen not to comment on the claim.", "The firm declined to comment on the claim."),
    ('"It is absolutely not true," the coach said.', '"Absolutely untrue," the coach said.'),
    ("He urged the parties not to exploit fears about crime.", "He urged the parties to avoid exploiting fears."),
    ("I knew nothing about the singer before this film.", "I was unfamiliar with the singer before this film."),
    ("The questions occupy not just fans but the whole town.", "The questions occupy fans and the whole town."),
    ("He appealed to them not to stoke fear among voters.", "He urged them to eschew stoking voters' fear."),
    # the other side does not write what is denied
    ("Tom brought a calm to the midfield that no other player has.", "Tom brought a calm only he can give."),
    ("There was no award for the actor Jon Bell.", "Jon Bell was passed over by the jury."),
])
def test_a_denial_in_other_words_or_of_what_the_other_side_leaves_out_is_no_negation_change(a, b):
    """The other side denies in words of its own, or does not write what the denial denies (the two content
    words after it, names and figures aside): it says the same in other words, or leaves that clause out."""
    assert negation_change(tokenize(a), tokenize(b)) is None
    assert negation_change(tokenize(b), tokenize(a)) is None


@pytest.mark.parametrize(("a", "b"), [
    ("The ministers met at No 10 before the vote.", "The ministers met at Downing Street before the vote."),
    ("The single went straight in at No. 1 in the charts.", "The single topped the charts."),
])
def test_number_sign_is_no_negation(a, b):
    assert negation_change(tokenize(a), tokenize(b)) is None
    assert _compare(a, b)[0] == []


def test_a_figure_after_the_number_sign_is_weak_like_a_number_word():
    label, count = _facts("They met at No 10 with 10 aides.")
    assert (label.text, label.weak) == ("10", True) and (count.text, count.weak) == ("10", False)


def test_lower_case_no_before_a_figure_is_still_a_negation():
    change = negation_change(tokenize("There were no 10-year bonds on offer."),
                             tokenize("10-year bonds were on offer."))
    assert change is not None and change.a_text == "no"


def test_real_denial_next_to_a_rhetorical_word_is_still_a_flip():
    assert negation_change(tokenize("It was not a mistake to sell."), tokenize("It was a mistake to sell.")) is not None


def _mirrored(changes: list[tuple]) -> list[tuple]:
    """Changes as the other side reports them (A and B texts exchanged), in a fixed order."""
    return sorted((kind, str(b), str(a)) for kind, a, b in changes)


@pytest.mark.parametrize("a, b", [
    # a reworded quote sharing half the shorter quote's words, though not half the longer one's
    ('Coach Ellis said "that was our hardest away game of the season and a fantastic game of football with '
     'lots of good passing" afterwards.',
     'Coach Ellis said "a fantastic game of football, hardest of the season" afterwards.'),
    # a percentage against a bare number: named after the more specific kind both ways
    ("Growth slowed to 5.9% last year.", "Growth slowed to 5.9 last year."),
    ("Inflation eased to 2.4% in March.", "Inflation eased to 24 in March."),
])
def test_changed_facts_are_the_same_whichever_text_is_a(a, b):
    assert sorted((k, str(x), str(y)) for k, x, y in _compare(a, b)[0]) == _mirrored(_compare(b, a)[0])
