"""Pydantic models of the HTTP API: the compare request, and compare's JSON (``Comparison.to_dict()``) for OpenAPI.

The response models only document the schema; a test validates real responses against them (``extra="forbid"``)
so the OpenAPI schema cannot drift from :meth:`unspun.model.Comparison.to_dict`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from unspun.model import AlignmentKind, EditOp, PassageKind, Side, Verdict

Pair = list[int]


class CompareRequest(BaseModel):
    """Two texts to compare, with optional ISO 8601 publication dates (the earlier one is then the original)."""

    model_config = ConfigDict(extra="forbid")
    text_a: str = Field(description="First text.", examples=["Shares rose 3% on Monday."])
    text_b: str = Field(description="Second text.", examples=["Shares fell 3% on Monday."])
    date_a: str | None = Field(None, description="Publication date of A (ISO 8601).", examples=["2024-02-07"])
    date_b: str | None = Field(None, description="Publication date of B (ISO 8601).")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TokenEditOut(_Strict):
    op: EditOp
    a_span: Pair
    b_span: Pair
    a_text: str
    b_text: str


class FactOut(_Strict):
    kind: str
    a_text: str | None
    b_text: str | None
    a_span: Pair | None
    b_span: Pair | None


class AlignmentOut(_Strict):
    a_sentences: list[int]
    b_sentences: list[int]
    a_spans: list[Pair]
    b_spans: list[Pair]
    kind: AlignmentKind
    score: float
    diff: list[TokenEditOut]
    changed_facts: list[FactOut]


class PassageOut(_Strict):
    a_span: Pair
    b_span: Pair
    kind: PassageKind
    score: float


class PieceOut(_Strict):
    side: Side
    span: Pair
    text: str


class DocumentOut(_Strict):
    id: str
    title: str | None
    length: int
    source: str
    date: str | None
    url: str | None


class CoverageOut(_Strict):
    a_in_b: float = Field(description="Share of A's body characters aligned to B.")
    b_in_a: float = Field(description="Share of B's body characters aligned to A.")


class RetoldOut(_Strict):
    details: int = Field(description="Specific details (names, figures, dates, rare words) of the original.")
    kept: int = Field(description="Of them, those the other text keeps.")
    in_order: int = Field(description="Of those kept, the most the other text tells in the original's order.")
    sentences_in_order: int = Field(description="Sentence pairs on the best order-keeping path.")
    moved_block: bool = Field(description="The path breaks once for a block told elsewhere (a moved paragraph).")
    probability: float = Field(description="Fitted probability that one text retells the other.")


class ComparisonOut(_Strict):
    """compare's JSON: verdict, direction, coverage, aligned sentences with word diffs, dropped/added text."""

    version: str
    verdict: Verdict
    source: Side | None
    direction_confidence: float
    direction_method: str
    direction_reasons: list[str]
    coverage: CoverageOut
    a: DocumentOut
    b: DocumentOut
    alignments: list[AlignmentOut]
    passages: list[PassageOut]
    retold: RetoldOut | None = None
    dropped: list[PieceOut]
    added: list[PieceOut]
    boilerplate: list[PieceOut]
    changed_facts: list[FactOut]
    kept_facts: list[FactOut]
    config: dict[str, Any]


class ErrorOut(_Strict):
    """Every error the server answers: a stable machine-readable ``error`` code and a one-line ``detail``."""

    error: str = Field(examples=["body_too_large"])
    detail: str = Field(examples=["request body is over the 5,000,000-byte limit; send less text"])


class QueryRequest(BaseModel):
    """A suspect text whose likely sources the index should find."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(description="The suspect text.")
    top: int = Field(10, ge=1, le=50, description="Most sources to return.")


class MatchCoverageOut(_Strict):
    source_in_suspect: float
    suspect_in_source: float


class SourceMatchOut(_Strict):
    """One likely source: its metadata, its share of the suspect, and compare's JSON (source = a, suspect = b)."""

    doc_id: str
    title: str | None
    url: str | None
    site: str | None
    date: str | None
    source: str
    verdict: Verdict
    coverage: MatchCoverageOut
    share: float
    suspect_sentences: list[int]
    comparison: ComparisonOut


class QueryOut(_Strict):
    """The suspect's document fields and its sources, best first (``unspun query --json`` without the path)."""

    suspect: DocumentOut
    sources: list[SourceMatchOut]


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": text} for status, text in (
        (413, "Request body over the size limit."), (422, "Invalid request or unusable text (empty, bad date)."),
        (429, "Too many requests waiting."), (503, "No free slot in time."), (504, "The work took too long."))}
"""The error answers every work endpoint may give, for the OpenAPI schema."""


class FamilyEdgeOut(_Strict):
    """A provenance-tree edge: ``derived`` was taken from ``source``."""

    source: str
    derived: str
    kind: str = Field(description="copy, update, rewrite, partial or summary.")
    evidence: float
    derived_share: float = Field(description="Share of the derived text's body aligned to the source.")
    confidence: float = Field(description="Confidence of the direction.")
    method: str = Field(description="What the direction rests on: dates or text.")
    alternatives: list[str] = Field(description="Other plausible parents, strongest first.")


class FamilyBriefOut(_Strict):
    """A reuse family without its tree: members, the inferred original, sites and dates."""

    id: str
    original: str
    size: int
    members: list[str]
    sites: list[str]
    first_date: str | None
    last_date: str | None
    links: list[str] = Field(description="Ids of families sharing some text with this one.")


class FamilyOut(FamilyBriefOut):
    """A reuse family with its provenance tree (one edge per derived member): its ``families.jsonl`` row."""

    edges: list[FamilyEdgeOut]


class FamiliesOut(_Strict):
    """One page of families, largest first."""

    total: int = Field(description="Families matching the filter.")
    offset: int
    limit: int
    site: str | None
    families: list[FamilyBriefOut]


class ChatbotExampleOut(_Strict):
    id: str
    phrase: str


class SiteOut(_Strict):
    """One site's profile: its ``sites.jsonl`` row."""

    site: str
    documents: int
    derived: int = Field(description="Documents whose provenance parent is on another site.")
    derived_share: float
    takes_from: dict[str, int]
    gives_to: dict[str, int]
    median_lag_days: float | None
    rewrite_style: float = Field(description="Rewrite-style words per 100 words.")
    chatbot_phrases: int = Field(description="Documents with a leaked chatbot phrase.")
    chatbot_examples: list[ChatbotExampleOut]
    farm_score: float


class SitesOut(_Strict):
    """The sites table, most farm-like first."""

    sites: list[SiteOut]


LOOKUP_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": text} for status, text in (
        (404, "No such family."), (422, "Invalid query parameter (offset, limit)."))}
"""The error answers of the scan's read-only endpoints, for the OpenAPI schema."""
