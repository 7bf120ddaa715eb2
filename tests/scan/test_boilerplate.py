"""The story count behind learned boilerplate: greedy leaders in publication order, the same as comparing each
document with every leader before it."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.scan.boilerplate import MAX_STORIES, count_stories


def _leaders_one_by_one(vectors: np.ndarray, story_cosine: float) -> int:
    """The definition, document by document."""
    leaders: list[np.ndarray] = []
    for vector in vectors:
        if not leaders or max(float(leader @ vector) for leader in leaders) < story_cosine:
            leaders.append(vector)
            if len(leaders) >= MAX_STORIES:
                break
    return len(leaders)


def _unit(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return (rows / np.where(norms == 0, 1.0, norms)).astype(np.float32)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 80), st.integers(1, 6), st.sampled_from([0.3, 0.6, 0.9]))
def test_story_count_is_the_greedy_leader_count(seed, documents, stories, cosine):
    rng = np.random.default_rng(seed)
    centres = _unit(rng.normal(size=(stories, 16)))
    vectors = _unit(centres[rng.integers(0, stories, documents)] + 0.3 * rng.normal(size=(documents, 16)))
    assert count_stories(vectors, cosine) == _leaders_one_by_one(vectors, cosine)


def test_copies_of_one_story_are_one_story_and_the_count_stops_at_the_bound():
    one = _unit(np.ones((500, 8)))
    assert count_stories(one, 0.6) == 1
    assert count_stories(np.eye(64, dtype=np.float32), 0.6) == MAX_STORIES
    assert count_stories(np.zeros((0, 8), dtype=np.float32), 0.6) == 0
