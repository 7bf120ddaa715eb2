"""The package imports and the bundled model loads offline."""

import unspun
from unspun.embed import default_embedder


def test_public_surface_is_curated():
    assert "compare" in unspun.__all__
    assert all(hasattr(unspun, name) for name in unspun.__all__)


def test_bundled_model_embeds_offline():
    vectors = default_embedder().embed(["Shares rose.", "Shares fell."])
    assert vectors.shape == (2, default_embedder().dim)
