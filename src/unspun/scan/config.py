"""Every default of a collection scan, defined once; the CLI's flags derive from :class:`ScanConfig`, and the
scan's state folder records it (resuming with other options is refused)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from unspun.errors import ConfigError


@dataclass(frozen=True)
class ScanConfig:
    """Options of ``unspun scan``. Values measured on the planted crawl (``bench/scan_quality.py``)."""

    # --- candidates ---------------------------------------------------------------------------------------
    band_rows: int = 4
    """MinHash rows per LSH band for the candidate join (32 bands of 4 rows on 128 permutations: a pair with
    shingle Jaccard 0.4 collides in at least one band with probability 0.96, one at 0.1 with 0.003)."""
    lsh_min_jaccard: float = 0.2
    """Estimated shingle Jaccard a band collision needs to become a candidate (removes chance collisions)."""
    max_bucket: int = 200
    """LSH buckets with more documents than this are skipped: one template repeated by a whole site must not
    make a site's worth of pairs (the documents still meet through their own shingles and passages)."""
    lists_per_passage: int = 4
    """Vector buckets (of 4·√n k-means centroids) each passage joins, its nearest ones; inside a bucket every
    pair of passages is compared exactly. On the planted crawl at 25,000 documents, 4 finds the same planted
    pairs as an exhaustive join (179 of 181) with 6,953 candidates."""
    passage_cosine: float = 0.5
    """Cosine, after the collection's mean passage is removed, from which two passages of different documents
    make their documents a candidate pair when the words back it up (below). On the planted crawl, 15% of
    planted rewrites have no passage pair above 0.75 (a rewrite's passages are cut at other sentences than its
    source's) and 2% none above 0.55; the best passage pair of two random articles is above 0.52 in 1% of
    cases, 0.60 in 0.1%."""
    close_passage_cosine: float = 0.6
    """A passage pair this alike needs no more lexical support than ``min_shared_minhashes``."""
    min_shared_minhashes: int = 1
    """MinHash values (of 128) every vector candidate shares with its partner: every planted rewrite keeps
    names and phrases of its source (so shares at least one), while 78% of the vector candidates that the
    compare core then calls unrelated share none."""
    supported_minhashes: int = 3
    """Shared MinHash values (estimated shingle Jaccard ≥ 0.023) that let a passage pair under
    ``close_passage_cosine`` through. On the planted crawl with 22,593 synthetic articles, this rule keeps 981
    of the 983 pairs compare calls ``derived`` and 179 of the 180 planted pairs found, and removes 70% of the
    pairs it calls unrelated (16,309 candidates → 6,703)."""
    max_partners: int = 50
    """Most vector candidates kept per document (the best by passage cosine); LSH copies are always kept."""

    # --- boilerplate --------------------------------------------------------------------------------------
    boilerplate_min_documents: int = 3
    """Documents a line must recur in before it can be template text."""
    boilerplate_min_stories: int = 3
    """Different stories it must recur in: a line fifty sites copied with one story is reuse, not template."""
    story_cosine: float = 0.6
    """Centred document-vector cosine from which two documents tell the same story (when counting stories)."""
    boilerplate_max_chars: int = 400
    """Longest line that can be template text (cookie notices run to a few hundred characters)."""

    # --- families -----------------------------------------------------------------------------------------
    family_share: float = 0.5
    """Share of a derived text's body aligned to its source from which the pair joins the two in one family."""
    partial_share: float = 0.2
    """A text taking at least this share from a source (but under ``family_share``) joins that source's
    family as a leaf, when it is not itself the original of a family."""
    copy_evidence: float = 0.9
    """Mean evidence of the aligned text from which an edge is a ``copy`` or ``update`` rather than a
    ``rewrite``: on the planted crawl, copies and re-posts score 0.93–1.0, LLM rewrites 0.55–0.85."""
    parent_margin: float = 0.05
    """Evidence within which of a document's closest source another adequate source is as close, so that the
    earliest of them is its parent. On the planted crawl, a light polish of a BBC article scores 0.884 against
    the article and 0.920 against another farm's polish of it from the same day: both are as close."""
    update_share: float = 0.8
    """A copy whose own body is under this share aligned (it added paragraphs) is an ``update``."""

    # --- output -------------------------------------------------------------------------------------------
    pairs_json: bool = False
    """Keep each verified pair's full compare JSON in ``pairs.jsonl`` (large)."""
    pair_reports: int = 0
    """Write side-by-side HTML reports for the pairs of this many largest families."""

    def __post_init__(self) -> None:
        for name in ("lsh_min_jaccard", "passage_cosine", "close_passage_cosine", "story_cosine", "family_share",
                     "partial_share", "copy_evidence", "parent_margin", "update_share"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ConfigError(f"scan config: {name} must be between 0 and 1, got {getattr(self, name)}")
        for name in ("band_rows", "max_bucket", "lists_per_passage", "max_partners", "min_shared_minhashes",
                     "supported_minhashes", "boilerplate_min_documents", "boilerplate_min_stories",
                     "boilerplate_max_chars"):
            if getattr(self, name) < 1:
                raise ConfigError(f"scan config: {name} must be at least 1, got {getattr(self, name)}")
        if self.pair_reports < 0:
            raise ConfigError(f"scan config: pair_reports must not be negative, got {self.pair_reports}")
        if self.partial_share > self.family_share:
            raise ConfigError("scan config: partial_share must not exceed family_share")

    def to_dict(self) -> dict[str, Any]:
        """The options as plain JSON-ready values."""
        return asdict(self)

    def analysis_dict(self) -> dict[str, Any]:
        """The options that change which pairs are verified and how (not output options): what a resumed scan
        must share with the interrupted one."""
        output = {"pairs_json", "pair_reports"}
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in output}
