"""Every default of the compare pipeline, defined once.

The CLI's flags, the server's forms and the JSON report derive from :class:`CompareConfig`; a report records the
config that made it. Thresholds were chosen on the dev corpora (see ``bench/compare_quality.py`` and the README's
"How the verdict is decided"), not guessed; each says where it came from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from unspun.errors import ConfigError


@dataclass(frozen=True)
class CompareConfig:
    """Options of one comparison. Immutable; derive variants with :meth:`with_options`."""

    # --- ingest -------------------------------------------------------------------------------------------
    max_bytes: int = 2_000_000
    """Largest input accepted. News articles are < 100 kB and a novel ~1 MB; two 1.8 MB texts compare in
    ~17 s on this project's 2-core machine, and the nearest-neighbour search grows with the product of the
    two lengths, so larger inputs would run for minutes."""

    # --- segment ------------------------------------------------------------------------------------------
    max_sentence_chars: int = 600
    """Sentences longer than this (run-on lines, lists without punctuation) are cut at word boundaries."""
    max_title_chars: int = 200
    """A first line no longer than this, without final punctuation and followed by a line break, is the title."""

    # --- candidates ---------------------------------------------------------------------------------------
    candidate_floor: float = 0.30
    """Pairs whose evidence score is below this are never considered (speed only; far below any decision)."""

    # --- align --------------------------------------------------------------------------------------------
    align_threshold: float = 0.5
    """Evidence score from which a sentence pair is reported as reuse. On MixSet dev sentences it keeps 85% of
    rewrite pairs and 10% of best pairs against same-story articles (see README, "How the verdict is decided")."""
    merge_gain: float = 0.04
    """A 2-1 merge or 1-2 split is kept only when joining the neighbour raises the evidence by this much."""
    minor_edit_similarity: float = 0.75
    """Word-level similarity (Indel ratio) from which an aligned pair is a ``minor_edit`` rather than a
    ``paraphrase``; identical normalised words make it ``verbatim``."""

    # --- judge (each threshold measured on MixSet dev / SemEval dev: README, "How the verdict is decided") ----
    derived_coverage: float = 0.5
    """Share of one text's body that must be aligned to the other for ``derived``."""
    derived_min_sentences: int = 3
    """... through at least this many aligned sentences, or fewer whose mean evidence reaches ``strong_evidence``
    (two weak paraphrase-level pairs covering a short text are a coincidence of topic, not a rewrite)."""
    strong_evidence: float = 0.65
    """Mean evidence from which a few aligned sentences suffice for ``derived``."""
    partial_min_sentences: int = 2
    """Aligned sentences from which a text is ``partially_derived`` when their mean evidence reaches
    ``partial_mean_evidence``; a single pair needs ``single_pair_evidence``."""
    partial_mean_evidence: float = 0.55
    single_pair_evidence: float = 0.7
    same_story_overlap: float = 0.1
    """Share of names and figures in common (Jaccard) from which unaligned texts may tell the ``same_story``;
    random pairs of different news stories stay below 0.08 in 99% of cases."""
    same_story_cosine: float = 0.7
    """... provided their whole-document embeddings are at least this close (same topic)."""

    def __post_init__(self) -> None:
        for name in ("candidate_floor", "align_threshold", "merge_gain", "minor_edit_similarity",
                     "derived_coverage", "strong_evidence", "partial_mean_evidence", "single_pair_evidence",
                     "same_story_overlap", "same_story_cosine"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ConfigError(f"config: {name} must be between 0 and 1, got {value}")
        for name in ("max_bytes", "max_sentence_chars", "max_title_chars", "derived_min_sentences",
                     "partial_min_sentences"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"config: {name} must be a positive number, got {getattr(self, name)}")

    def with_options(self, **options: Any) -> CompareConfig:
        """Return a copy with ``options`` changed; unknown names raise :class:`ConfigError`."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise ConfigError(f"config: unknown option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return replace(self, **options)

    def to_dict(self) -> dict[str, Any]:
        """The options as plain JSON-ready values (recorded in every report)."""
        return asdict(self)
