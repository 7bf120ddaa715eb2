"""Align: decide which sentences of A became which sentences of B (reordering, merges and splits allowed)."""

from unspun.stages.align.build import build_alignment, document_fact_keys, outline_alignment
from unspun.stages.align.match import Group, align_groups

__all__ = ["Group", "align_groups", "build_alignment", "document_fact_keys", "outline_alignment"]
