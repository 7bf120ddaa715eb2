"""Shared fixtures of the server tests: the fixture texts and embedders that are slow or broken on purpose."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from unspun.embed import default_embedder

DATA = Path(__file__).parents[1] / "report" / "data"


class SlowEmbedder:
    """The bundled embedder, ``delay`` seconds slower per call: makes time and concurrency limits testable."""

    def __init__(self, delay: float) -> None:
        self.inner, self.delay = default_embedder(), delay
        self.name, self.dim = self.inner.name, self.inner.dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        time.sleep(self.delay)
        return self.inner.embed(texts)


class BrokenEmbedder:
    """An embedder with a bug: every call raises."""

    name, dim = "broken", 8

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        raise RuntimeError("boom: internal detail that must not leak")


@pytest.fixture(scope="session")
def texts() -> dict[str, str]:
    """The fixture articles by file stem."""
    return {path.stem: path.read_text("utf-8") for path in DATA.glob("*.txt")}
