"""The scan report: one self-contained HTML page of a :class:`~unspun.scan.ScanResult` (``OUT/report.html``).

Like the comparison report it needs no network (CSS, script and the network picture are inline) and carries a
Content-Security-Policy that lets only its own script run (by hash). Every id, site, date and boilerplate line
comes from the collection and is escaped. The page reads top-down: the summary; the sites table, most farm-like
first (that is how content farms are exposed); the site → site network; the families, largest first, each with
its provenance tree drawn and every edge linked to that pair's side-by-side report; the learned boilerplate.

The fragments (:func:`render_sites_table`, :func:`render_site_network`, :func:`render_family_tree`) are also what
``unspun serve --scan`` shows on its pages. The output is deterministic: the same result gives the same bytes.

>>> from unspun.scan.records import Family, ScanResult, ScanSummary
>>> summary = ScanSummary(documents=2, candidate_pairs={"total": 1}, verdicts={"derived": 1},
...                       families_by_size={"2": 1}, sites=0, boilerplate_lines=0, seconds={})
>>> family = Family(id="f1", original="<b>a</b>", members=("<b>a</b>", "b"), edges=(), sites=(),
...                 first_date=None, last_date=None)
>>> page = render_scan_html(ScanResult(summary, (), (family,), (), (), "out"))
>>> page.startswith("<!DOCTYPE html>") and "&lt;b&gt;a&lt;/b&gt;" in page and "<b>a</b>" not in page
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from unspun.errors import UnspunError
from unspun.model import EDGE_KINDS
from unspun.stages.report.html import page_assets, script_hash
from unspun.version import __version__

if TYPE_CHECKING:  # records only: the report stage does not import the scan machinery at run time
    from unspun.scan.records import BoilerplateLine, Family, FamilyEdge, ReusePair, ScanResult, SiteProfile

PairLink = Callable[[str, str], "str | None"]
"""``link(source id, derived id)`` → the href of that pair's side-by-side report, or None when there is none."""
Members = Mapping[str, tuple["str | None", "str | None"]]
"""``{document id: (site, date)}``: what a tree shows next to each member."""

MAX_FAMILIES = 200
"""Families drawn on the report page (the largest); the rest are in ``families.jsonl``."""
MAX_BOILERPLATE = 100
MAX_SITES = 1000
MAX_NETWORK_SITES = 40
"""Sites in the network picture (the first of the table): more would be unreadable."""
SERVE_HINT = "unspun serve INDEX --scan OUT"
_METHODS = {"dates": "by dates", "text": "by wording"}
_TOP = 3


def member_facts(pairs: Iterable[ReusePair]) -> dict[str, tuple[str | None, str | None]]:
    """``{document id: (site, date)}`` for every document of a verified pair (the trees show them per member)."""
    facts: dict[str, tuple[str | None, str | None]] = {}
    for pair in pairs:
        facts.setdefault(pair.a, (pair.a_site, pair.a_date))
        facts.setdefault(pair.b, (pair.b_site, pair.b_date))
    return facts


def largest_first(families: Iterable[Family]) -> list[Family]:
    """Families by size, largest first; ties keep the scan's order (earliest, then id)."""
    return sorted(families, key=lambda family: -family.size)


# --- provenance trees -----------------------------------------------------------------------------------------

def _tree_order(family: Family) -> tuple[list[tuple[int, str, FamilyEdge | None]], list[str]]:
    """Pre-order walk from the original: ``(depth, member, edge from its parent)``; then members not reached."""
    children: dict[str, list[FamilyEdge]] = {}
    for edge in family.edges:
        children.setdefault(edge.source, []).append(edge)
    order, seen = [], {family.original}
    stack: list[tuple[int, str, FamilyEdge | None]] = [(0, family.original, None)]
    while stack:  # a loop, not recursion: a 1,000-deep chain must not overflow the stack
        depth, node, edge = stack.pop()
        order.append((depth, node, edge))
        fresh = [child for child in children.get(node, ()) if child.derived not in seen]
        seen.update(child.derived for child in fresh)
        stack.extend((depth + 1, child.derived, child) for child in reversed(fresh))
    return order, [member for member in family.members if member not in seen]


def _member(doc_id: str, members: Members) -> Markup:
    """A member's id with its site and date."""
    site, date = members.get(doc_id, (None, None))
    meta = " · ".join(part for part in (site, date) if part)
    return Markup('<span class="doc">{}</span>{}').format(
        doc_id, Markup(' <span class="meta">{}</span>').format(meta) if meta else "")


def _side_by_side(source: str, derived: str, link: PairLink) -> Markup:
    """The "side by side" link of one pair, or the hint that the server shows it."""
    href = link(source, derived)
    if href:
        return Markup('<span class="pair-link">· <a class="pair" href="{}">side by side</a></span>').format(href)
    return Markup('<span class="nolink">· side by side: <code>{}</code></span>').format(SERVE_HINT)


def _edge(edge: FamilyEdge, member: Markup, link: PairLink) -> Markup:
    """A derived member's node: the edge's kind, the member, what the edge rests on and its pair's link."""
    kind = edge.kind if edge.kind in EDGE_KINDS else "other"
    how = _METHODS.get(edge.method, f"by {edge.method}")
    why = (f"evidence {edge.evidence:.2f} · {edge.derived_share:.0%} of it from its parent · "
           f"direction {how} ({edge.confidence:.0%})")
    alternatives = (Markup('<div class="alt">other plausible parents: {}</div>').format(", ".join(edge.alternatives))
                    if edge.alternatives else "")
    return Markup('<div class="node"><span class="badge k-{}">{}</span> {}<div class="why">{} {}</div>{}</div>'
                  ).format(kind, edge.kind, member, why, _side_by_side(edge.source, edge.derived, link), alternatives)


def _node(doc_id: str, edge: FamilyEdge | None, link: PairLink, members: Members) -> Markup:
    """One tree node: the original with its badge, or a derived member with the edge from its parent."""
    member = _member(doc_id, members)
    if edge is None:
        return Markup('<div class="node root"><span class="badge root">original</span> {}</div>').format(member)
    return _edge(edge, member, link)


def render_family_tree(family: Family, *, link: PairLink, members: Members | None = None) -> Markup:
    """The family's provenance tree as nested lists: the original at the root, each derived member under its
    parent with the edge's kind, evidence and direction, its other plausible parents, and a link to the pair."""
    order, unplaced = _tree_order(family)
    members = members or {}
    out, previous = ['<ul class="tree">'], 0
    for position, (depth, doc_id, edge) in enumerate(order):
        if position:
            out.append("<ul>" if depth > previous else "</li>" + "</ul></li>" * (previous - depth))
        out.append("<li>" + str(_node(doc_id, edge, link, members)))
        previous = depth
    out.append("</li>" + "</ul></li>" * previous + "</ul>")
    if unplaced:
        out.append(Markup('<p class="unplaced">Also in this family (no parent found): {}</p>')
                   .format(", ".join(unplaced)))
    return Markup("".join(out))


# --- sites ----------------------------------------------------------------------------------------------------

def _top_counts(counts: Mapping[str, int]) -> Markup:
    """The three largest ``site (count)`` entries, and how many more there are."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if not ranked:
        return Markup('<span class="none">—</span>')
    shown = Markup(", ").join(Markup("{} ({})").format(site, count) for site, count in ranked[:_TOP])
    more = len(ranked) - _TOP
    return shown + (Markup(' <span class="meta">+{} more</span>').format(more) if more > 0 else "")


def _chatbot(site: SiteProfile) -> Markup:
    """Leaked chatbot phrases: how many documents, and one example."""
    if not site.chatbot_phrases:
        return Markup('<span class="none">0</span>')
    if not site.chatbot_examples:
        return Markup("{}").format(site.chatbot_phrases)
    doc_id, phrase = site.chatbot_examples[0]
    return Markup('{} <span class="example">“{}” in {}</span>').format(site.chatbot_phrases, phrase, doc_id)


def _site_row(rank: int, site: SiteProfile) -> Markup:
    """One row of the sites table."""
    lag = "—" if site.median_lag_days is None else f"{site.median_lag_days:.1f}"
    return Markup(
        '<tr><td class="num">{}</td><td class="site">{}</td><td class="num">{}</td>'
        '<td class="num">{:.0%} <span class="meta">({})</span></td><td>{}</td><td>{}</td><td class="num">{}</td>'
        '<td class="num">{:.2f}</td><td>{}</td><td class="num score">{:.2f}</td></tr>'
    ).format(rank, site.site, site.documents, site.derived_share, site.derived, _top_counts(site.takes_from),
             _top_counts(site.gives_to), lag, site.rewrite_style, _chatbot(site), site.farm_score)


def render_sites_table(sites: Sequence[SiteProfile]) -> Markup:
    """The sites table in the order given (the scan ranks it by farm score, highest first)."""
    if not sites:
        return Markup('<p class="none">No sites.</p>')
    head = ("#", "Site", "Documents", "Derived from other sites", "Takes from", "Gives to", "Median lag (days)",
            "Rewrite style (per 100 words)", "Leaked chatbot phrases", "Farm score")
    header = Markup("").join(Markup("<th>{}</th>").format(label) for label in head)
    rows = Markup("").join(_site_row(rank, site) for rank, site in enumerate(sites, start=1))
    return Markup('<table class="sites"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>').format(header, rows)


# --- site network ---------------------------------------------------------------------------------------------

_WIDTH, _HEIGHT, _RADIUS = 960, 640, 220
_LABEL_CHARS = 30


def _circle(count: int) -> list[tuple[float, float]]:
    """``count`` points on a circle, clockwise from the top (one point: the centre)."""
    if count == 1:
        return [(_WIDTH / 2, _HEIGHT / 2)]
    return [(_WIDTH / 2 + _RADIUS * math.sin(2 * math.pi * i / count),
             _HEIGHT / 2 - _RADIUS * math.cos(2 * math.pi * i / count)) for i in range(count)]


def _curve(start: tuple[float, float], end: tuple[float, float], end_radius: float) -> str:
    """A path from ``start`` bending to the left of travel (so A→B and B→A stay apart), stopping at the node."""
    (x1, y1), (x2, y2) = start, end
    mx, my = (x1 + x2) / 2 - (y2 - y1) * 0.12, (y1 + y2) / 2 + (x2 - x1) * 0.12
    tail = math.hypot(x2 - mx, y2 - my) or 1.0
    tx, ty = x2 - (x2 - mx) / tail * (end_radius + 3), y2 - (y2 - my) / tail * (end_radius + 3)
    return f"M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {tx:.1f},{ty:.1f}"


def _flows(sites: Sequence[SiteProfile]) -> list[tuple[int, int, int]]:
    """``(source index, derived index, documents)`` between the sites shown, from each site's ``takes_from``."""
    where = {site.site: number for number, site in enumerate(sites)}
    return [(where[source], number, count) for number, site in enumerate(sites)
            for source, count in sorted(site.takes_from.items()) if source in where and where[source] != number]


def _node_colour(score: float, top: float) -> str:
    """Grey for a newsroom, red for the most farm-like site shown."""
    t = min(max(score / top, 0.0), 1.0) if top > 0 else 0.0
    grey, red = (140, 149, 159), (209, 36, 47)
    return "#" + "".join(f"{round(g + (r - g) * t):02x}" for g, r in zip(grey, red, strict=True))


def _label(number: int, site: SiteProfile, point: tuple[float, float], radius: float) -> Markup:
    """A site's name outside its node, anchored away from the circle's centre."""
    dx, dy = point[0] - _WIDTH / 2, point[1] - _HEIGHT / 2
    length = math.hypot(dx, dy)
    ux, uy = (dx / length, dy / length) if length else (0.0, 1.0)
    x, y = point[0] + ux * (radius + 8), point[1] + uy * (radius + 8)
    anchor = "start" if ux > 0.2 else ("end" if ux < -0.2 else "middle")
    name = site.site if len(site.site) <= _LABEL_CHARS else site.site[:_LABEL_CHARS - 1] + "…"
    return Markup('<text x="{:.1f}" y="{:.1f}" text-anchor="{}" dominant-baseline="middle" data-site="{}">{}</text>'
                  ).format(x, y, anchor, number, name)


def _nodes(sites: Sequence[SiteProfile], points: list[tuple[float, float]], radii: list[float]) -> Markup:
    """Every site's circle (sized by documents, coloured by farm score) and label."""
    top = max(site.farm_score for site in sites)
    out = []
    for number, (site, (x, y), radius) in enumerate(zip(sites, points, radii, strict=True)):
        tip = f"{site.site}: {site.documents} documents, farm score {site.farm_score:.2f}"
        out.append(Markup('<g class="site" data-site="{}" tabindex="0"><title>{}</title>'
                          '<circle cx="{:.1f}" cy="{:.1f}" r="{:.1f}" fill="{}"></circle>{}</g>').format(
            number, tip, x, y, radius, _node_colour(site.farm_score, top), _label(number, site, (x, y), radius)))
    return Markup("").join(out)


def _edges(sites: Sequence[SiteProfile], points: list[tuple[float, float]], radii: list[float]) -> Markup:
    """One arrow per source site → derived site, its width by the number of documents taken."""
    flows = _flows(sites)
    most = max((count for _, _, count in flows), default=1)
    return Markup("").join(
        Markup('<path class="flow" data-from="{}" data-to="{}" d="{}" stroke-width="{:.1f}" marker-end="url(#arrow)">'
               '<title>{} → {}: {} documents</title></path>').format(
            source, derived, _curve(points[source], points[derived], radii[derived]), 1 + 5 * count / most,
            sites[source].site, sites[derived].site, count)
        for source, derived, count in flows)


def render_site_network(sites: Sequence[SiteProfile]) -> Markup:
    """The site → site network as inline SVG: the first :data:`MAX_NETWORK_SITES` sites of the table on a circle
    in table order (clockwise from the top), arrows from the site a text was taken from to the one that took it."""
    shown = list(sites[:MAX_NETWORK_SITES])
    if not shown:
        return Markup('<p class="none">No sites.</p>')
    points = _circle(len(shown))
    most = max(site.documents for site in shown) or 1
    radii = [5 + 9 * math.sqrt(max(site.documents, 0) / most) for site in shown]
    return Markup(
        '<svg class="net" viewBox="0 0 {} {}" role="img" aria-label="Which site takes texts from which">'
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="10" markerHeight="10" '
        'markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z"></path></marker></defs>'
        '<g class="flows">{}</g><g class="sites">{}</g></svg>'
    ).format(_WIDTH, _HEIGHT, _edges(shown, points, radii), _nodes(shown, points, radii))


# --- the page -------------------------------------------------------------------------------------------------

def _summary(result: ScanResult) -> list[dict[str, object]]:
    """The summary cards: a number each, with its breakdown."""
    summary = result.summary
    candidates = summary.candidate_pairs
    found = " · ".join(f"{label} {candidates[key]:,}" for key, label in
                       (("lsh", "near-verbatim (LSH)"), ("vectors", "paraphrase (vectors)"), ("both", "both"))
                       if key in candidates)
    verdicts = [f"{verdict.replace('_', ' ')} {count:,}" for verdict, count in summary.verdicts.items()]
    sizes = [f"{count:,} with {size} members" for size, count in summary.families_by_size.items()]
    cards = [("Documents", summary.documents, []), ("Candidate pairs", candidates.get("total", 0), [found]),
             ("Verified pairs", sum(summary.verdicts.values()), verdicts),
             ("Families", len(result.families), sizes), ("Sites", summary.sites, []),
             ("Boilerplate lines", summary.boilerplate_lines, [])]
    if summary.errors:
        cards.append(("Pairs not verified", summary.errors, ["see errors.jsonl"]))
    return [{"label": label, "value": f"{value:,}", "detail": [d for d in detail if d]}
            for label, value, detail in cards]


def _pair_link(pair_reports: Mapping[tuple[str, str], str] | None, pair_url: PairLink | None) -> PairLink:
    """Report files written next to the page first, else the server's URL, else nothing."""
    def link(source: str, derived: str) -> str | None:
        if pair_reports and (source, derived) in pair_reports:
            return pair_reports[(source, derived)]
        return pair_url(source, derived) if pair_url else None

    return link


def _links_note(pair_reports: Mapping | None, pair_url: PairLink | None) -> Markup:
    """The note above the families on where the side-by-side reports are."""
    if pair_url:
        return Markup("Each edge links to the side-by-side report of that pair.")
    served = Markup("run <code>{}</code> and open the family there").format(SERVE_HINT)
    if pair_reports:
        return Markup("Edges of the largest families link to report files next to this page; for the others, {}."
                      ).format(served)
    return Markup("To see a pair side by side, {}.").format(served)


def _family_views(families: Sequence[Family], sites: Sequence[SiteProfile], link: PairLink,
                  members: Members) -> list[dict[str, object]]:
    """What the page shows per family: header facts, the tree, related families, and site keys for the filter."""
    anchors = {family.id: f"family-{number}" for number, family in enumerate(families, start=1)}
    site_keys = {site.site: str(number) for number, site in enumerate(sites)}
    return [{"anchor": anchors[family.id], "id": family.id, "size": family.size,
             "original": _member(family.original, members), "sites": ", ".join(family.sites),
             "dates": " – ".join(dict.fromkeys(d for d in (family.first_date, family.last_date) if d)),
             "tree": render_family_tree(family, link=link, members=members),
             "links": [(anchors.get(other), other) for other in family.links],
             "site_keys": " ".join(site_keys[site] for site in family.sites if site in site_keys)}
            for family in families]


def _boilerplate(lines: Sequence[BoilerplateLine]) -> list[BoilerplateLine]:
    """The most widespread template lines first."""
    return sorted(lines, key=lambda line: (-line.documents, -line.stories, line.key))[:MAX_BOILERPLATE]


def render_scan_html(result: ScanResult, *, pair_reports: Mapping[tuple[str, str], str] | None = None,
                     pair_url: PairLink | None = None) -> str:
    """The complete scan report page: one self-contained, deterministic HTML string.

    A tree edge links to ``pair_reports[(source, derived)]`` (a path relative to the page) when given, else to
    ``pair_url(source, derived)`` (the server's), else says that ``unspun serve INDEX --scan OUT`` shows it.
    """
    template, css, script = page_assets("scan.html.j2", "scan.css", "scan.js")
    sites, families = result.sites[:MAX_SITES], largest_first(result.families)
    link = _pair_link(pair_reports, pair_url)
    return template.render(
        version=__version__, summary=_summary(result), documents=result.summary.documents,
        sites_table=render_sites_table(sites), sites_more=len(result.sites) - len(sites),
        network=render_site_network(sites), network_shown=min(len(sites), MAX_NETWORK_SITES),
        site_names=[site.site for site in sites], families_total=len(families),
        families=_family_views(families[:MAX_FAMILIES], sites, link, member_facts(result.pairs)),
        links_note=_links_note(pair_reports, pair_url), boilerplate=_boilerplate(result.boilerplate),
        boilerplate_total=len(result.boilerplate), css=Markup(css), script=Markup(script),
        script_hash=script_hash(script))


def scan_styles() -> Markup:
    """The scan report's CSS (the server's family and site pages use it too)."""
    return Markup(page_assets("scan.html.j2", "scan.css", "scan.js")[1])


def write_scan_report(out: Path, result: ScanResult, *,
                      pair_reports: dict[tuple[str, str], str] | None = None) -> None:
    """Write :func:`render_scan_html` of ``result`` to ``out/report.html`` (UTF-8), or raise :class:`UnspunError`.

    ``pair_reports`` maps ``(source id, derived id)`` to a report file's path relative to ``out``.
    """
    path = Path(out) / "report.html"
    try:
        path.write_text(render_scan_html(result, pair_reports=pair_reports), encoding="utf-8")
    except OSError as error:
        raise UnspunError(f"{path}: cannot write the scan report ({error.strerror or error})") from None
