"""The stable JSON form of a comparison (schema documented in the README)."""

from __future__ import annotations

import json

from unspun.model import Comparison


def to_json(comparison: Comparison, *, indent: int | None = 2) -> str:
    """Serialise ``comparison`` deterministically (same input, same bytes)."""
    return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=indent)
