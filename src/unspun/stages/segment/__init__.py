"""Segment: split a text into a title, body sentences and boilerplate lines, with exact offsets."""

from unspun.stages.segment.boilerplate import (
    is_boilerplate,
    line_hash,
    line_key,
    mark_learned_boilerplate,
)
from unspun.stages.segment.sentences import make_document, segment

__all__ = ["is_boilerplate", "line_hash", "line_key", "make_document", "mark_learned_boilerplate", "segment"]
