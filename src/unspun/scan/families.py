"""Reuse families with provenance trees, from the verified pairs.

Written by hand because this is our edge. Plain connected components over reuse pairs chain unrelated stories:
one hub article quoting two stories, one shared sentence or one shared footer joins everything it touches
(text-dedup's and passim's users hit this). Families here are trees instead: every derived document gets
exactly one parent, so a document can carry only one family, and only strong edges pass membership on.

1. Learned boilerplate never reaches this stage: compare ignored it, so a shared footer makes no edge.
2. A *strong* edge takes at least ``family_share`` of the derived text's body from the source: the source is
   adequate, it could have supplied the derived text. Each document's parent is the earliest adequate source
   of the closest tier: near-verbatim sources (``copy``, ``update``, and any source within ``parent_margin``
   evidence of the closest near-verbatim one) before reworded ones (``rewrite``, ``summary``). A near copy was
   made from the text it copies, so a re-post of a farm's rewrite goes under that rewrite, not under the
   story's original; among reworded sources nothing in the words tells which one a rewriter read (LLM rewrites
   of one story resemble each other as much as the original, and two light polishes of one article each other
   as much as the article), and the earliest is the one all the others could have come from. Documents are
   attached strongest first, and an edge that would close a cycle is skipped.
3. A *partial* edge (``partial_share`` up to ``family_share``) attaches a document only as a leaf: when it
   has no strong parent and no children of its own. A hub quoting two stories thus joins one of them (the one
   it takes most from); a story's original that shares a paragraph with another story stays the root of its
   own family, and the two families list each other under ``links``.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from unspun.model import REUSE_VERDICTS
from unspun.scan.config import ScanConfig
from unspun.scan.records import DocumentMeta, Family, FamilyEdge, ReusePair

UNDATED = "9999"
"""Sorts after every date: undated documents come last."""


@dataclass(frozen=True)
class _Edge:
    """A directed reuse edge with its strength."""

    pair: ReusePair
    source: str
    derived: str

    @property
    def strength(self) -> float:
        """Share of the derived text taken, weighted by how close the wording stayed."""
        return self.pair.derived_share * self.pair.evidence


class _Forest:
    """Parent pointers with a union-find over trees, so that no edge closes a cycle."""

    def __init__(self) -> None:
        self.parent: dict[str, _Edge] = {}
        self.children: dict[str, int] = defaultdict(int)
        self._root: dict[str, str] = {}

    def find(self, doc: str) -> str:
        """The representative of ``doc``'s tree (path halving)."""
        while self._root.get(doc, doc) != doc:
            self._root[doc] = self._root.get(self._root[doc], self._root[doc])
            doc = self._root[doc]
        return doc

    def attach(self, edge: _Edge) -> bool:
        """Make ``edge.source`` the parent of ``edge.derived`` unless that closes a cycle."""
        if edge.derived in self.parent or self.find(edge.source) == self.find(edge.derived):
            return False
        self.parent[edge.derived] = edge
        self.children[edge.source] += 1
        self._root[self.find(edge.derived)] = self.find(edge.source)
        return True


def _edges(pairs: Iterable[ReusePair]) -> list[_Edge]:
    """Directed edges of the reuse pairs."""
    return [_Edge(p, p.source_id, p.derived_id) for p in pairs if p.verdict in REUSE_VERDICTS and p.source_id]


def _tier(edge: _Edge) -> int:
    """How closely the derived text follows the source: 0 near verbatim, 1 reworded, 2 partly taken."""
    return {"copy": 0, "update": 0, "rewrite": 1, "summary": 1}.get(edge.pair.kind or "", 2)


def _ranked(edges: Sequence[_Edge], meta: dict[str, DocumentMeta], margin: float) -> list[_Edge]:
    """A document's candidate parents in choice order: closest tier first, earliest first inside a tier. A source
    about as close (evidence within ``margin``) as a near-verbatim one counts as near verbatim too."""
    verbatim = [e.pair.evidence for e in edges if _tier(e) == 0]
    floor = max(verbatim) - margin if verbatim else 2.0

    def tier(edge: _Edge) -> int:
        return 0 if edge.pair.evidence >= floor else _tier(edge)

    return sorted(edges, key=lambda e: (tier(e), meta[e.source].date or UNDATED, e.source))


def _by_derived(edges: Iterable[_Edge]) -> dict[str, list[_Edge]]:
    """Edges grouped by their derived document."""
    grouped: dict[str, list[_Edge]] = defaultdict(list)
    for edge in edges:
        grouped[edge.derived].append(edge)
    return grouped


def build_forest(pairs: Sequence[ReusePair], meta: dict[str, DocumentMeta], config: ScanConfig) -> _Forest:
    """Choose one parent per derived document: strong edges first, then partial edges for leaves."""
    edges = _edges(pairs)
    strong = _by_derived(e for e in edges if e.pair.derived_share >= config.family_share)
    forest = _Forest()
    for derived in sorted(strong, key=lambda d: (-max(e.strength for e in strong[d]), d)):
        for edge in _ranked(strong[derived], meta, config.parent_margin):
            if forest.attach(edge):
                break
    partial = _by_derived(e for e in edges if config.partial_share <= e.pair.derived_share < config.family_share)
    for derived in sorted(partial):
        if derived in forest.parent or forest.children[derived]:
            continue
        for edge in _ranked(partial[derived], meta, config.parent_margin):
            if forest.attach(edge):
                break
    return forest


def family_id(original: str) -> str:
    """A stable id for the family whose original is ``original`` (the same in every scan that finds it)."""
    return "fam-" + hashlib.blake2b(original.encode("utf-8", errors="surrogatepass"), digest_size=6).hexdigest()


def build_families(pairs: Sequence[ReusePair], meta: dict[str, DocumentMeta],
                   config: ScanConfig) -> tuple[Family, ...]:
    """The families of a collection, largest first (then earliest, then by id)."""
    forest = build_forest(pairs, meta, config)
    members: dict[str, list[str]] = defaultdict(list)
    for doc in {*forest.parent, *(edge.source for edge in forest.parent.values())}:
        members[forest.find(doc)].append(doc)
    originals = {root: _original(root, forest) for root in members}
    family_of = {doc: family_id(originals[root]) for root, docs in members.items() for doc in docs}
    alternatives = _alternatives(_edges(pairs), forest)
    links = _links(_edges(pairs), forest, family_of)
    families = [_family(family_id(originals[root]), originals[root], sorted(docs), forest=forest, meta=meta,
                        alternatives=alternatives, links=links) for root, docs in members.items()]
    return tuple(sorted(families, key=family_order))


def family_order(family: Family) -> tuple[int, str, str]:
    """The order families are listed in: largest first, then earliest, then by id."""
    return -family.size, family.first_date or UNDATED, family.id


def _original(doc: str, forest: _Forest) -> str:
    """The root of ``doc``'s tree: follow parents up."""
    while doc in forest.parent:
        doc = forest.parent[doc].source
    return doc


def _alternatives(edges: Iterable[_Edge], forest: _Forest) -> dict[str, tuple[str, ...]]:
    """Per derived document, its other plausible parents (strongest first, at most five)."""
    others: dict[str, list[_Edge]] = defaultdict(list)
    for edge in edges:
        chosen = forest.parent.get(edge.derived)
        if chosen is not None and edge.source != chosen.source:
            others[edge.derived].append(edge)
    return {doc: tuple(e.source for e in sorted(found, key=lambda e: (-e.strength, e.source))[:5])
            for doc, found in others.items()}


def _links(edges: Iterable[_Edge], forest: _Forest, family_of: dict[str, str]) -> dict[str, set[str]]:
    """Per family, the other families that reuse edges outside the trees connect it to."""
    links: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        source, derived = family_of.get(edge.source), family_of.get(edge.derived)
        if source and derived and source != derived:
            links[source].add(derived)
            links[derived].add(source)
    return links


def _family(identifier: str, original: str, docs: list[str], *, forest: _Forest, meta: dict[str, DocumentMeta],
            alternatives: dict[str, tuple[str, ...]], links: dict[str, set[str]]) -> Family:
    """One :class:`Family` record."""
    edges = tuple(_tree_edge(forest.parent[doc], alternatives.get(doc, ())) for doc in docs if doc in forest.parent)
    dates = sorted(d for d in (meta[doc].date for doc in docs) if d)
    sites = sorted({meta[doc].site for doc in docs if meta[doc].site})
    return Family(id=identifier, original=original, members=tuple(docs), edges=edges, sites=tuple(sites),
                  first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
                  links=tuple(sorted(links.get(identifier, ()))))


def _tree_edge(edge: _Edge, alternatives: tuple[str, ...]) -> FamilyEdge:
    """The record of a chosen parent edge."""
    pair = edge.pair
    return FamilyEdge(source=edge.source, derived=edge.derived, kind=pair.kind or "partial", evidence=pair.evidence,
                      derived_share=pair.derived_share, confidence=pair.direction_confidence,
                      method=pair.direction_method, alternatives=alternatives)
