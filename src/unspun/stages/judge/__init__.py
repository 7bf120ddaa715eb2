"""Judge: coverage both ways, the verdict, which text is the original, and what was dropped and added."""

from unspun.stages.judge.direction import DirectionEvidence, decide_direction, direction_evidence, style_tokens
from unspun.stages.judge.pieces import boilerplate_pieces, unaligned_pieces
from unspun.stages.judge.retold import RetoldEvidence, is_retelling, retold_evidence
from unspun.stages.judge.verdict import coverage, decide_verdict, shared_facts

__all__ = ["DirectionEvidence", "boilerplate_pieces", "coverage", "decide_direction", "decide_verdict",
           "direction_evidence", "is_retelling", "retold_evidence", "shared_facts", "style_tokens",
           "unaligned_pieces", "RetoldEvidence"]
