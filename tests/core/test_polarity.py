"""Polarity: a trend or an outcome reversed between two aligned sentences, read where its cue stands."""

from __future__ import annotations

import pytest

from unspun.kernels.polarity import polarity_change
from unspun.kernels.tokens import tokenize


@pytest.mark.parametrize("a, b", [
    ("Shares fell 3% in early trading.", "Shares rose 3% in early trading."),
    ("The cost had risen by 25%.", "The cost had fallen by 25%."),
    ("Profit climbed sharply.", "Profit slumped sharply."),
    ("The motion was approved.", "The motion was rejected."),
])
def test_polarity_flips(a, b):
    change = polarity_change(tokenize(a), tokenize(b))
    assert change is not None and change.kind == "polarity"
    assert a[slice(*change.a_span)] == change.a_text and b[slice(*change.b_span)] == change.b_text


def test_same_trend_is_no_polarity_change():
    assert polarity_change(tokenize("Shares rose 3%."), tokenize("Shares climbed 3%.")) is None


def test_of_two_polarity_flips_both_sides_report_the_same_one():
    a = "Shares were down 1.2% on Tuesday after Monday's 4% gain."
    b = "Shares saw a 1.2% increase on Tuesday after Monday's 4% drop."
    forward, backward = polarity_change(tokenize(a), tokenize(b)), polarity_change(tokenize(b), tokenize(a))
    assert forward is not None and backward is not None
    assert (forward.a_text, forward.b_text) == (backward.b_text, backward.a_text)


@pytest.mark.parametrize(("a", "b"), [
    # each side has both directions, on the same figures
    ("Stalled talks caused Fiat's shares to drop by 1.2% on Tuesday, following a 4% increase on Monday.",
     "Deadlocked talks sent Fiat shares down 1.2% on Tuesday, after Monday's 4% gain."),
    # the figure's trend agrees; the other cue qualifies something else
    ("Sales grew by 18%, helped by lower prices.", "Sales saw an 18% jump, supported by cheaper pricing."),
    # a match won against a lead cut: an outcome and a trend are not one thing
    ("United narrowed Chelsea's lead with a hard-fought win.",
     "United reduced Chelsea's lead after a scrappy victory."),
    # "down" off a figure is a particle
    ("The chips are meant to boost sales of cartridges.", "The chips shut down the cartridges on a set date."),
    # a denied cue says nothing on its own
    ("Not all was lost for Arnold, who took the short film award.", "Arnold won the short film award."),
    ("The squad's refusal to be defeated was praised.", "The squad had won there before."),
])
def test_no_polarity_change_where_the_cues_do_not_oppose(a, b):
    assert polarity_change(tokenize(a), tokenize(b)) is None
    assert polarity_change(tokenize(b), tokenize(a)) is None


@pytest.mark.parametrize(("a", "b", "cues"), [
    # next to a trend word both sides keep
    ("Shares rose 6% on Wednesday after the company raised its forecast.",
     "Shares fell 6% on Wednesday after the company raised its forecast.", ("rose", "fell")),
    # on a shared figure, beside words that agree
    ("Exports fell 3% in May as new orders rose.", "Exports rose 3% in May as new orders rose.", ("fell", "rose")),
    # a cue word ("declined") is no denial of the trend after it
    ("Shares declined, falling 3% by noon.", "Shares declined, rising 3% by noon.", ("falling", "rising")),
    # "up" and "down" on a figure are trends
    ("The index was up 2% at noon.", "The index was down 2% at noon.", ("up", "down")),
])
def test_the_reversed_cues_are_reported(a, b, cues):
    change = polarity_change(tokenize(a), tokenize(b))
    assert change is not None and (change.a_text, change.b_text) == cues
