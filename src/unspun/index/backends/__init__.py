"""Index backends, one module each, behind the Protocols in :mod:`.base`; their libraries load lazily."""

from unspun.index.backends.base import NearDuplicateBackend, VectorBackend

__all__ = ["NearDuplicateBackend", "VectorBackend"]
