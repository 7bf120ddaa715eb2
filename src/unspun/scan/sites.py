"""Site profiles: who takes from whom, how fast, and the signals that exposed content farms.

A site's ``farm_score`` ranks the sites table: the share of its text taken from other sites' articles (the mean,
over its documents, of the share each took from a provenance parent on another site: a column quoting one
paragraph counts for that paragraph, a republished rewrite for all of it), plus the share of its documents
carrying a leaked chatbot phrase, plus a tenth of its rewrite-style rate (words per 100 such as "underscoring",
"garnered"; news copy runs at about 0.1–0.3, LLM rewrites at 0.5–2). An original newsroom scores near 0; a farm
republishing rewrites scores near or above 1.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from unspun.errors import ConfigError
from unspun.scan.corpus import CorpusFacts
from unspun.scan.records import DocumentMeta, Family, SiteProfile
from unspun.stages.judge.direction import parse_date

NO_SITE = "(no site)"
"""The site of documents without a url or site field."""
EXAMPLES = 5


def _site(meta: DocumentMeta) -> str:
    """A document's site, or :data:`NO_SITE`."""
    return meta.site or NO_SITE


def _lag_days(derived: DocumentMeta, source: DocumentMeta) -> float | None:
    """Days from the source's date to the derived text's, when both are known and readable."""
    try:
        later, earlier = parse_date(derived.date, derived.id), parse_date(source.date, source.id)
    except ConfigError:
        return None
    if later is None or earlier is None:
        return None
    return (later - earlier).total_seconds() / 86400.0


def flows(families: Sequence[Family], meta: dict[str, DocumentMeta]) -> tuple[dict, dict, dict, dict]:
    """Per site: ``takes_from`` and ``gives_to`` counters, the lags of cross-site derivations and the share of
    each derived document's text taken from the other site (summed in family order, so every engine that
    hands over the families in their order gets the same floats). ``meta`` needs the family members only."""
    takes: dict[str, Counter] = defaultdict(Counter)
    gives: dict[str, Counter] = defaultdict(Counter)
    lags: dict[str, list[float]] = defaultdict(list)
    taken: dict[str, float] = defaultdict(float)
    for family in families:
        for edge in family.edges:
            source, derived = meta[edge.source], meta[edge.derived]
            if _site(source) == _site(derived):
                continue
            taken[_site(derived)] += edge.derived_share
            takes[_site(derived)][_site(source)] += 1
            gives[_site(source)][_site(derived)] += 1
            lag = _lag_days(derived, source)
            if lag is not None:
                lags[_site(derived)].append(lag)
    return takes, gives, lags, taken


@dataclass(frozen=True)
class SiteCounts:
    """What a site profile needs of a site's own documents: counts, and its leaked phrases by document id."""

    documents: int
    style_words: int
    words: int
    leaked: int
    """Documents with a leaked chatbot phrase."""
    examples: tuple[tuple[str, str], ...]
    """The first :data:`EXAMPLES` ``(document id, phrase)`` of them, by id."""


def site_counts(docs: Sequence[DocumentMeta], facts: CorpusFacts) -> SiteCounts:
    """The :class:`SiteCounts` of one site's documents."""
    leaked = [(doc.id, facts.leaked[doc.key]) for doc in sorted(docs, key=lambda d: d.id) if doc.key in facts.leaked]
    return SiteCounts(documents=len(docs), style_words=sum(facts.style[doc.key][0] for doc in docs),
                      words=sum(facts.style[doc.key][1] for doc in docs), leaked=len(leaked),
                      examples=tuple(leaked[:EXAMPLES]))


def site_profiles(families: Sequence[Family], facts: CorpusFacts) -> tuple[SiteProfile, ...]:
    """One profile per site, highest ``farm_score`` first (then by name)."""
    by_site: dict[str, list[DocumentMeta]] = defaultdict(list)
    for doc in facts.documents:
        by_site[_site(doc)].append(doc)
    counts = {site: site_counts(docs, facts) for site, docs in by_site.items()}
    return ranked_profiles(families, {doc.id: doc for doc in facts.documents}, counts)


def ranked_profiles(families: Sequence[Family], meta: dict[str, DocumentMeta],
                    counts: dict[str, SiteCounts]) -> tuple[SiteProfile, ...]:
    """The profiles of the sites in ``counts``, highest ``farm_score`` first (then by name)."""
    takes, gives, lags, taken = flows(families, meta)
    profiles = [site_profile(site, counts[site], takes=takes[site], gives=gives[site], lags=lags[site],
                             taken=taken[site]) for site in counts]
    return tuple(sorted(profiles, key=lambda p: (-p.farm_score, p.site)))


def site_profile(site: str, counts: SiteCounts, *, takes: Counter, gives: Counter, lags: list[float],
                 taken: float) -> SiteProfile:
    """The profile of one site."""
    derived = sum(takes.values())
    style = 100.0 * counts.style_words / counts.words if counts.words else 0.0
    share = taken / counts.documents
    score = share + counts.leaked / counts.documents + style / 10.0
    return SiteProfile(site=site, documents=counts.documents, derived=derived, derived_share=round(share, 4),
                       takes_from=_ordered(takes), gives_to=_ordered(gives),
                       median_lag_days=round(statistics.median(lags), 2) if lags else None,
                       rewrite_style=round(style, 4), chatbot_phrases=counts.leaked,
                       chatbot_examples=counts.examples, farm_score=round(score, 4))


def _ordered(counts: Counter) -> dict[str, int]:
    """A counter as a dict, largest first, then by name."""
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
