"""Sentence embedders behind one small Protocol; the default is the bundled static model."""

from unspun.embed.base import Embedder
from unspun.embed.static import StaticEmbedder, default_embedder

__all__ = ["Embedder", "StaticEmbedder", "default_embedder"]
