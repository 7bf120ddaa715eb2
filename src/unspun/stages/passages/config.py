"""Every option of the passage stage, defined once.

The passage stage has its own options (not :class:`~unspun.config.CompareConfig`'s sentence threshold) because it
answers a different question: not "is this sentence a rewrite of that one?" but "where does a reused stretch of
text start and end?". A seed may be weaker than an aligned sentence, since it only counts when neighbouring
seeds on both sides agree. Values and where they come from are documented per field; the PAN training corpus
(``unspun eval pan``) measured them, and the structure follows Sanchez-Perez, Sidorov & Gelbukh (PAN 2014):
seed → extend → merge → filter, with a separate summary mode.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from unspun.errors import ConfigError


@dataclass(frozen=True)
class PassageConfig:
    """Options of passage detection. Immutable; derive variants with :func:`dataclasses.replace`."""

    seed_score: float = 0.3
    """tf-isf cosine (:mod:`unspun.stages.passages.seeds`) from which a candidate sentence pair seeds a passage;
    Sanchez-Perez et al. use 0.33. Alone it is weak evidence: a seed only counts with neighbours, long enough
    stretches and enough shared words (the filters below)."""
    seed_min_words: int = 2
    """Content words each sentence of a seed needs: a two-word fragment ("See Figure 2.") matches some
    sentence anywhere and would drag a passage's edge to it; such fragments still join a passage through
    its edges (:mod:`.stretch`)."""
    edge_containment: float = 0.25
    """Weighted share of an edge sentence's content words the other side's passage must contain for the
    sentence to belong to the passage (see :mod:`unspun.stages.passages.stretch`). On PAN 2013 training pairs,
    90% of the sentences just outside a case share under 0.1-0.2 with the case's other side, while 75% of the
    sentences inside an obfuscated case share over 0.44; 0.25 sits just above the outside sentences (0.3 cut
    2-3 points of recall from obfuscated cases, 0.2 let strays in)."""
    grow_containment: float = 0.5
    """Containment from which the sentence just outside a passage joins it: higher than ``edge_containment``
    (hysteresis), since a neighbour of reused text shares its topic words without having been reused."""
    seed_margin: float = 0.2
    """A seed must score within this of the best seed of its A sentence and of its B sentence."""
    max_gap: int = 4
    """Sentences without seeds allowed inside one passage, on either side (Sanchez-Perez et al. use 4)."""
    min_chars: int = 150
    """Shortest passage reported, on each side: below that a match is a stock phrase, not a reused passage."""
    passage_dice: float = 0.3
    """Content-stem Dice of the two passages' whole texts from which a passage is kept."""
    single_seed_score: float = 0.7
    """A passage resting on one seed sentence pair needs this much evidence (guards unrelated texts)."""
    verbatim_similarity: float = 0.9
    """Word similarity (Indel ratio) of the two passages from which a passage is ``verbatim``."""
    copy_min_run: int = 3
    """Identical words in a row that count as copied (:mod:`unspun.stages.passages.copies`): two common words
    in a row ("of the") match by chance, three rarely do."""
    copy_share: float = 0.7
    """Share of the shorter side's words in copied runs from which a passage is a copy and gets
    character-exact edges. On PAN 2013 training pairs, 0.5 already cut obfuscated passages short; from 0.7 up
    they keep their recall while copies gain 2 points of precision."""

    summary_sentence_containment: float = 0.5
    """Weighted share of a B sentence's content words that A must contain for the sentence to echo A."""
    summary_max_echo_share: float = 0.25
    """When more than this share of B's sentences echo A, the echoes come from a shared topic (or B copies A
    wholesale, which rewrite passages report), not from a short summary: summary mode stays off."""
    summary_echo: float = 0.2
    """Weighted share of an A sentence's content words a summary must contain for it to echo that sentence."""
    summary_ratio: float = 3.0
    """A passage is a summary candidate when its source side is at least this many times longer."""
    summary_containment: float = 0.6
    """Share of the summary's content stems that the summarised text must contain."""
    summary_min_sentences: int = 3
    """Sentences echoing A that a summary needs: one is a coincidence, not a summary."""
    summary_gain: float = 0.1
    """A rewrite passage overlapping a summary is read as a fragment of it when its B words are contained this
    much better in the summarised text than in its own A stretch."""
    copy_dice: float = 0.9
    """Passage Dice from which a rewrite passage is a near copy: never a fragment of a summary."""
    fragment_cover: float = 0.75
    """A rewrite passage covering less than this share of an overlapping summary's B stretch is a fragment of it."""
    fragment_condensing: float = 2.0
    """A rewrite passage whose A stretch is this many times its B stretch condenses: a fragment of a summary."""
    summary_document_share: float = 0.5
    """When the summarised stretch spans this share of the source's body, the whole source is what was
    summarised (summaries condense a document, not the stretch between their first and last echo)."""

    def __post_init__(self) -> None:
        for name in ("seed_score", "edge_containment", "grow_containment", "seed_margin", "passage_dice",
                     "single_seed_score", "verbatim_similarity", "copy_share", "summary_sentence_containment",
                     "summary_echo", "summary_max_echo_share", "summary_containment", "summary_gain", "copy_dice",
                     "fragment_cover", "summary_document_share"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ConfigError(f"passage config: {name} must be between 0 and 1, got {getattr(self, name)}")
        for name in ("seed_min_words", "max_gap", "min_chars", "copy_min_run", "summary_min_sentences"):
            if getattr(self, name) < 0:
                raise ConfigError(f"passage config: {name} must not be negative, got {getattr(self, name)}")
        if min(self.summary_ratio, self.fragment_condensing) < 1.0:
            raise ConfigError("passage config: summary_ratio and fragment_condensing must be at least 1, got "
                              f"{self.summary_ratio} and {self.fragment_condensing}")

    def to_dict(self) -> dict[str, Any]:
        """The options as plain JSON-ready values."""
        return asdict(self)
