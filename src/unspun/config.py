"""Every default of the compare pipeline, defined once.

The CLI's flags, the server's forms and the JSON report derive from :class:`CompareConfig`; a report records the
config that made it. Thresholds were chosen on the dev corpora (see ``bench/compare_quality.py`` and the README's
"How the verdict is decided"), not guessed; each says where it came from.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field, fields, replace
from functools import lru_cache
from typing import Any

from unspun.errors import ConfigError


@dataclass(frozen=True)
class PassageConfig:
    """Options of the passage stage (:mod:`unspun.stages.passages`); part of every :class:`CompareConfig`.
    Immutable; derive variants with :func:`dataclasses.replace`.

    The passage stage has its own options (not the sentence threshold ``align_threshold``) because it answers a
    different question: not "is this sentence a rewrite of that one?" but "where does a reused stretch of text
    start and end?". A seed may be weaker than an aligned sentence, since it only counts when neighbouring seeds
    on both sides agree. The PAN training corpus (``unspun eval pan``) measured the values, and the structure
    follows Sanchez-Perez, Sidorov & Gelbukh (PAN 2014): seed → extend → merge → filter, with a separate
    summary mode.
    """

    seed_score: float = 0.3
    """tf-isf cosine (:mod:`unspun.stages.passages.seeds`) from which a candidate sentence pair seeds a passage;
    Sanchez-Perez et al. use 0.33. Alone it is weak evidence: a seed only counts with neighbours, long enough
    stretches and enough shared words (the filters below)."""
    seed_min_words: int = 2
    """Content words each sentence of a seed needs: a two-word fragment ("See Figure 2.") matches some
    sentence anywhere and would drag a passage's edge to it; such fragments still join a passage through
    its edges (:mod:`unspun.stages.passages.stretch`)."""
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
    """... through at least this many aligned sentences on each side, or fewer whose mean evidence reaches
    ``strong_evidence`` (two weak paraphrase-level pairs covering a short text are a coincidence of topic, not a
    rewrite, also when one of them is a merge)."""
    strong_evidence: float = 0.65
    """Mean evidence from which a few aligned sentences suffice for ``derived``."""
    partial_min_sentences: int = 2
    """Aligned sentences from which a text is ``partially_derived`` when their mean evidence reaches
    ``partial_mean_evidence``; a single pair needs ``single_pair_evidence``."""
    partial_mean_evidence: float = 0.55
    single_pair_evidence: float = 0.7
    retold_floor: float = 0.4
    """Evidence above which a sentence pair may lie on the order-keeping path (:mod:`unspun.stages.judge.retold`)
    and align between two aligned neighbours: below ``align_threshold``, since a pair between two strong ones
    in the same order is rarely a coincidence. On MixSet dev, a path above 0.4 covers at least 80% of the
    shorter text for 90% of rewrite/original pairs, and a median 25% against hard negatives."""
    retold_min_details: int = 5
    """Specific details two texts must tell in the same order before their retelling evidence counts (short
    texts share a few names in order by chance)."""
    retold_order_share: float = 0.5
    """Share of the details two texts share that they must tell in the same order, more than this, to be a
    retelling: a rewrite keeps its source's sequence, while independent reports of one briefing share its
    names in their own order. On MixSet dev, every rewrite keeps at least 57% of the shared details in order
    (against its own original and the full BBC article alike), the median hard negative 50%; SemEval's two
    reports of one Nigerian party briefing keep 9 of 19 (47%) and were called ``derived`` on that alone."""
    weak_mean_evidence: float = 0.6
    retold_support: float = 0.25
    """Coverage through weak pairs only (mean evidence below ``weak_mean_evidence``, about midway between
    ``align_threshold`` and ``strong_evidence``) makes ``derived`` only when the retelling probability is at
    least ``retold_support`` (odds 1:3): the whole texts must not contradict the sentence pairs. On dev, every
    MixSet rewrite has a retelling probability of at least 0.33; the Clough & Stevenson ``non`` answers that
    reached ``derived`` through 4-6 weak pairs keep 1-5 of the source's details (probability 0.12-0.20)."""
    same_story_overlap: float = 0.1
    """Share of names and figures in common (Jaccard) from which unaligned texts may tell the ``same_story``;
    random pairs of different news stories stay below 0.08 in 99% of cases."""
    same_story_cosine: float = 0.7
    """... provided their whole-document embeddings are at least this close (same topic)."""

    # --- passages -----------------------------------------------------------------------------------------
    passages: PassageConfig = field(default_factory=PassageConfig)
    """Options of the passage stage, which reports reused passages with character-exact edges."""

    def __post_init__(self) -> None:
        for name in ("candidate_floor", "align_threshold", "merge_gain", "minor_edit_similarity",
                     "derived_coverage", "strong_evidence", "partial_mean_evidence", "single_pair_evidence",
                     "retold_floor", "retold_order_share", "weak_mean_evidence", "retold_support", "same_story_overlap",
                     "same_story_cosine"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ConfigError(f"config: {name} must be between 0 and 1, got {value}")
        for name in ("max_bytes", "max_sentence_chars", "max_title_chars", "derived_min_sentences",
                     "partial_min_sentences", "retold_min_details"):
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
        """The options as plain JSON-ready values (recorded in every report): a fresh copy of a dict built once
        per config, since a scan records the same config in thousands of comparisons."""
        return copy.deepcopy(_config_values(self))

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> CompareConfig:
        """The config :meth:`to_dict` wrote, ignoring options this version does not know (a config recorded by
        an older or newer unspun still loads; missing options take their defaults)."""
        options = _known_options(cls, values)
        options["passages"] = PassageConfig(**_known_options(PassageConfig, values.get("passages", {})))
        return cls(**options)


@lru_cache(maxsize=16)
def _config_values(config: CompareConfig) -> dict[str, Any]:
    """``asdict`` of a (frozen, hashable) config, cached: do not mutate the result, copy it."""
    return asdict(config)


def _known_options(config_class: type, values: dict[str, Any]) -> dict[str, Any]:
    """The entries of ``values`` that name a field of ``config_class``."""
    known = {f.name for f in fields(config_class)}
    return {name: value for name, value in values.items() if name in known}
