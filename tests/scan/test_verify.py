"""How verification deals chunks of pairs to its worker processes: contiguous runs, stolen from the end."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from unspun.scan.verify import _lanes, _next_chunk


def _chunks(count: int) -> list[list[tuple[int, int]]]:
    return [[(number, number + 1)] for number in range(count)]


def test_each_worker_gets_a_contiguous_run_of_the_sorted_chunks():
    lanes = _lanes(_chunks(7), 2)
    assert [list(lane) for lane in lanes] == [_chunks(7)[:4], _chunks(7)[4:]]


def test_a_worker_whose_run_is_done_takes_the_last_chunk_of_the_longest_run():
    lanes = _lanes(_chunks(6), 2)
    for _ in range(3):
        _next_chunk(lanes, 0)
    assert _next_chunk(lanes, 0) == [(5, 6)]
    assert _next_chunk(lanes, 1) == [(3, 4)]
    assert _next_chunk(lanes, 1) == [(4, 5)]
    assert _next_chunk(lanes, 0) is None and _next_chunk(lanes, 1) is None


@given(st.integers(min_value=1, max_value=60), st.integers(min_value=2, max_value=5),
       st.lists(st.integers(min_value=0, max_value=4), max_size=200))
def test_every_chunk_is_dealt_exactly_once_whoever_asks(count, jobs, askers):
    lanes = _lanes(_chunks(count), jobs)
    assert len(lanes) <= jobs  # one worker per lane: fewer when there are few chunks
    dealt = [_next_chunk(lanes, asker % len(lanes)) for asker in askers]
    while (chunk := _next_chunk(lanes, 0)) is not None:
        dealt.append(chunk)
    assert sorted(chunk for chunk in dealt if chunk is not None) == _chunks(count)
