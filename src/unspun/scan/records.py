"""Typed records a scan produces: verified reuse pairs, families with provenance trees, site profiles, learned
boilerplate, and the summary. Each has ``to_dict``, the row written to its JSONL/Parquet file."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from unspun.model import EdgeKind


@dataclass(frozen=True)
class DocumentMeta:
    """What a scan knows of every document without reading its text again: key, id, site, date, title."""

    key: int
    id: str
    site: str | None
    date: str | None
    title: str | None = None


@dataclass(frozen=True)
class ReusePair:
    """One verified related pair: ``a`` is the document with the lower id, as compare saw it.

    ``source`` names the original side (``"a"``/``"b"``) for reuse verdicts; ``kind`` is the edge kind from
    source to derived text; ``derived_share`` is the share of the derived text's body aligned to the source.
    """

    a: str
    b: str
    verdict: str
    a_in_b: float
    b_in_a: float
    source: str | None
    direction_method: str
    direction_confidence: float
    kind: EdgeKind | None
    evidence: float
    """Mean evidence of the aligned sentence pairs, weighted by their characters."""
    derived_share: float
    aligned_sentences: int
    changed_facts: int
    a_date: str | None
    b_date: str | None
    a_site: str | None
    b_site: str | None
    comparison: dict[str, Any] | None = None
    """The full compare JSON (``--pairs-json``), else None."""

    @property
    def source_id(self) -> str | None:
        """Id of the original text, for reuse verdicts."""
        return {"a": self.a, "b": self.b}.get(self.source or "")

    @property
    def derived_id(self) -> str | None:
        """Id of the derived text, for reuse verdicts."""
        return {"a": self.b, "b": self.a}.get(self.source or "")

    def to_dict(self) -> dict[str, Any]:
        """The ``pairs.jsonl`` row (``comparison`` only when it was kept)."""
        row = asdict(self)
        if row["comparison"] is None:
            del row["comparison"]
        return row


@dataclass(frozen=True)
class FamilyEdge:
    """A provenance-tree edge: ``derived`` was taken from ``source``; other plausible parents are listed."""

    source: str
    derived: str
    kind: EdgeKind
    evidence: float
    derived_share: float
    confidence: float
    method: str
    """What the direction rests on: ``dates`` or ``text`` (compare's text signals)."""
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Family:
    """A reuse family: members, the inferred original (the tree's root) and one parent per derived member."""

    id: str
    original: str
    members: tuple[str, ...]
    edges: tuple[FamilyEdge, ...]
    sites: tuple[str, ...]
    first_date: str | None
    last_date: str | None
    links: tuple[str, ...] = ()
    """Ids of other families that share some text with this one without being the same story."""

    @property
    def size(self) -> int:
        """Number of members."""
        return len(self.members)

    def to_dict(self) -> dict[str, Any]:
        """The ``families.jsonl`` row."""
        row = asdict(self)
        row["size"] = self.size
        row["edges"] = [{**asdict(edge), "alternatives": list(edge.alternatives)} for edge in self.edges]
        return row


@dataclass(frozen=True)
class SiteProfile:
    """One site: its documents, how much it takes from other sites (and from whom), and content-farm signals."""

    site: str
    documents: int
    derived: int
    """Documents whose provenance parent is on another site."""
    derived_share: float
    """Share of the site's text taken from other sites' articles (mean over its documents)."""
    takes_from: dict[str, int]
    gives_to: dict[str, int]
    median_lag_days: float | None
    """Median days between a derived document and its parent on another site (both dated)."""
    rewrite_style: float
    """Rewrite-style words per 100 words over the site's documents (compare's direction signal)."""
    chatbot_phrases: int
    """Documents with a leaked chatbot phrase ("As an AI language model", "Here is the rewritten article")."""
    chatbot_examples: tuple[tuple[str, str], ...]
    """Up to five ``(document id, phrase)`` examples."""
    farm_score: float
    """What the sites table is ranked by: share derived from other sites, plus leaked phrases and style."""

    def to_dict(self) -> dict[str, Any]:
        """The ``sites.jsonl`` row."""
        row = asdict(self)
        row["chatbot_examples"] = [{"id": doc_id, "phrase": phrase} for doc_id, phrase in self.chatbot_examples]
        return row


@dataclass(frozen=True)
class BoilerplateLine:
    """Template text learned from the collection: a line recurring across different stories."""

    key: str
    text: str
    scope: str
    """``site`` when one site carries it, ``corpus`` when several do."""
    site: str | None
    documents: int
    stories: int
    """Different stories it recurs in (counted up to a bound; see :mod:`unspun.scan.boilerplate`)."""
    sites: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The ``boilerplate.jsonl`` row."""
        return asdict(self)


@dataclass(frozen=True)
class ScanSummary:
    """Counts and timings of one scan."""

    documents: int
    candidate_pairs: dict[str, int]
    """``lsh``, ``vectors``, ``both`` and ``total``."""
    verdicts: dict[str, int]
    families_by_size: dict[str, int]
    sites: int
    boilerplate_lines: int
    seconds: dict[str, float]
    errors: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON form (``summary.json``)."""
        return asdict(self)


@dataclass(frozen=True)
class ScanResult:
    """Everything a scan found; the same as the files it wrote."""

    summary: ScanSummary
    pairs: tuple[ReusePair, ...]
    families: tuple[Family, ...]
    sites: tuple[SiteProfile, ...]
    boilerplate: tuple[BoilerplateLine, ...]
    out: str
