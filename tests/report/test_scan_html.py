"""The scan report page: self-contained, escaped, ranked as given, every tree edge linked, and deterministic.

:func:`make_scan` builds the small hand-made scan the server tests use too: three sites (one named with a
``<script>``), two families (one a three-level tree), one boilerplate line, and a document id with markup in it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from unspun.errors import UnspunError
from unspun.scan.records import (
    BoilerplateLine,
    Family,
    FamilyEdge,
    ReusePair,
    ScanResult,
    ScanSummary,
    SiteProfile,
)
from unspun.stages.report.scan_html import (
    MAX_FAMILIES,
    render_family_tree,
    render_scan_html,
    render_site_network,
    write_scan_report,
)

NEWS, FARM, COPYCAT = "news.example", "farm<script>alert(1)</script>.example", "copycat.example"
ORIGINAL, REWRITE, UPDATE = "valmora-port", "farm-rewrite", "port-update"
HOSTILE_ID = 'copy/<script>alert("id")</script>'

TRAM, TRAM_FARM = "tram-line", "tram-farm"
BIG, SMALL = "fam-valmora", "fam&2 <i>tram</i>"
BOILERPLATE = "Subscribe to our <b>newsletter</b> & <script>alert('bp')</script>"
DATES = {ORIGINAL: "2024-03-01", REWRITE: "2024-03-02", HOSTILE_ID: "2024-03-03", UPDATE: "2024-03-04",
         TRAM: "2024-04-01", TRAM_FARM: "2024-04-02"}
SITES = {ORIGINAL: NEWS, REWRITE: FARM, HOSTILE_ID: COPYCAT, UPDATE: NEWS, TRAM: NEWS, TRAM_FARM: FARM}


def _pair(source: str, derived: str, kind: str, verdict: str = "derived") -> ReusePair:
    """A verified pair as the scan would record it (``a`` = the source here)."""
    return ReusePair(a=source, b=derived, verdict=verdict, a_in_b=0.7, b_in_a=0.8, source="a",
                     direction_method="dates", direction_confidence=0.9, kind=kind, evidence=0.81, derived_share=0.8,
                     aligned_sentences=5, changed_facts=1, a_date=DATES[source], b_date=DATES[derived],
                     a_site=SITES[source], b_site=SITES[derived])


def _edge(source: str, derived: str, kind: str, alternatives: tuple[str, ...] = ()) -> FamilyEdge:
    return FamilyEdge(source=source, derived=derived, kind=kind, evidence=0.81, derived_share=0.8, confidence=0.9,
                      method="dates", alternatives=alternatives)


def make_scan(out: str = "scan-out") -> ScanResult:
    """The hand-made scan: ORIGINAL → REWRITE → HOSTILE_ID (three levels) and ORIGINAL → UPDATE; TRAM → TRAM_FARM."""
    big = Family(id=BIG, original=ORIGINAL, members=(ORIGINAL, REWRITE, HOSTILE_ID, UPDATE),
                 edges=(_edge(ORIGINAL, REWRITE, "rewrite"), _edge(REWRITE, HOSTILE_ID, "copy", (ORIGINAL,)),
                        _edge(ORIGINAL, UPDATE, "update")),
                 sites=(COPYCAT, FARM, NEWS), first_date="2024-03-01", last_date="2024-03-04", links=(SMALL,))
    small = Family(id=SMALL, original=TRAM, members=(TRAM, TRAM_FARM), edges=(_edge(TRAM, TRAM_FARM, "rewrite"),),
                   sites=(FARM, NEWS), first_date="2024-04-01", last_date="2024-04-02")
    pairs = (_pair(ORIGINAL, REWRITE, "rewrite"), _pair(REWRITE, HOSTILE_ID, "copy"), _pair(ORIGINAL, UPDATE, "update"),
             _pair(ORIGINAL, HOSTILE_ID, "copy"), _pair(TRAM, TRAM_FARM, "rewrite"))
    sites = (SiteProfile(site=FARM, documents=2, derived=2, derived_share=1.0, takes_from={NEWS: 2},
                         gives_to={COPYCAT: 1}, median_lag_days=1.0, rewrite_style=1.4, chatbot_phrases=1,
                         chatbot_examples=((REWRITE, "As an AI language <model>"),), farm_score=2.64),
             SiteProfile(site=COPYCAT, documents=1, derived=1, derived_share=1.0, takes_from={FARM: 1}, gives_to={},
                         median_lag_days=1.0, rewrite_style=0.2, chatbot_phrases=0, chatbot_examples=(),
                         farm_score=1.02),
             SiteProfile(site=NEWS, documents=3, derived=0, derived_share=0.0, takes_from={}, gives_to={FARM: 2},
                         median_lag_days=None, rewrite_style=0.1, chatbot_phrases=0, chatbot_examples=(),
                         farm_score=0.01))
    boilerplate = (BoilerplateLine(key="k1", text=BOILERPLATE, scope="corpus", site=None, documents=4, stories=3,
                                   sites={NEWS: 3, FARM: 1}),)
    summary = ScanSummary(documents=6, candidate_pairs={"lsh": 2, "vectors": 3, "both": 1, "total": 6},
                          verdicts={"derived": 5}, families_by_size={"2": 1, "4": 1}, sites=3, boilerplate_lines=1,
                          seconds={"corpus": 0.1})
    return ScanResult(summary=summary, pairs=pairs, families=(small, big), sites=sites, boilerplate=boilerplate,
                      out=out)


def all_edges(result: ScanResult) -> list[tuple[str, str]]:
    """``(source, derived)`` of every family edge."""
    return [(edge.source, edge.derived) for family in result.families for edge in family.edges]


class _Page(HTMLParser):
    """Collects tags with attributes, script bodies, the depth in the tree of each member, and text per class."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.depth: dict[str, int] = {}
        self.texts: dict[str, list[str]] = {}
        self._ul, self._open, self._script = 0, [], False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        self._ul += tag == "ul"
        self._script = tag == "script"
        if tag not in ("br", "meta", "input"):
            self._open.append((tag, (attributes.get("class") or "").split()))

    def handle_endtag(self, tag):
        self._ul -= tag == "ul"
        self._script = False
        while self._open and self._open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self._script:
            self.scripts.append(data)
        for _, classes in self._open[-1:]:
            for css in classes:
                self.texts.setdefault(css, []).append(data)
        if self._open and "doc" in self._open[-1][1]:
            self.depth[data] = self._ul


def parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def scan() -> ScanResult:
    return make_scan()


@pytest.fixture(scope="module")
def page(scan) -> str:
    return render_scan_html(scan)


def test_page_is_self_contained_with_a_pinned_script(page):
    parsed = parse(page)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page)
    assert not [tag for tag, attrs in parsed.tags if tag in ("link", "img", "iframe", "object", "embed")]
    scripts = [attrs for tag, attrs in parsed.tags if tag == "script"]
    assert len(scripts) == 1 and "src" not in scripts[0] and len(parsed.scripts) == 1
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    digest = base64.b64encode(hashlib.sha256(parsed.scripts[0].encode("utf-8")).digest()).decode("ascii")
    assert f"script-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy


def test_untrusted_text_is_escaped(page):
    for raw in (FARM, HOSTILE_ID, BOILERPLATE, "<model>", "<i>tram</i>"):
        assert raw not in page
    assert "farm&lt;script&gt;alert(1)&lt;/script&gt;.example" in page
    assert "&lt;script&gt;alert(&#39;bp&#39;)&lt;/script&gt;" in page
    assert page.count("<script") == 1


def test_content_comes_in_order(page):
    positions = [page.index(marker) for marker in ('class="summary"', 'id="sites"', 'id="network"', 'id="families"',
                                                   'id="boilerplate"')]
    assert positions == sorted(positions)


def test_summary_states_the_counts(page):
    summary = page[page.index('class="summary"'):page.index('id="sites"')]
    for text in ("Documents", "Candidate pairs", "Verified pairs", "derived 5", "Families", "1 with 4 members",
                 "Sites", "Boilerplate lines"):
        assert text in summary


def test_sites_table_keeps_the_scans_ranking(scan, page):
    parsed = parse(page)
    assert parsed.texts["site"][:3] == [site.site for site in scan.sites]
    row = page[page.index(FARM.replace("<", "&lt;").replace(">", "&gt;")):]
    assert "news.example (2)" in row[:400] and "As an AI language &lt;model&gt;" in row[:1200]


def test_network_draws_one_arrow_per_site_flow(scan):
    svg = str(render_site_network(scan.sites))
    assert svg.startswith("<svg") and svg.count('class="flow"') == 2
    assert 'data-from="2" data-to="0"' in svg and 'data-from="0" data-to="1"' in svg  # news → farm → copycat
    assert "<script" not in svg and svg.count("<circle") == 3
    assert svg == str(render_site_network(scan.sites))


def test_families_largest_first_with_three_level_tree(page):
    parsed = parse(page)
    assert page.index(BIG) < page.index("fam&amp;2")
    assert parsed.depth[ORIGINAL] == 1 and parsed.depth[REWRITE] == 2 and parsed.depth[HOSTILE_ID] == 3
    assert parsed.depth[UPDATE] == 2
    assert "other plausible parents: valmora-port" in page and "rewrite" in parsed.texts["badge"]


def test_every_edge_links_to_its_pair_report(scan):
    reports = {edge: f"pairs/{number:04d}.html" for number, edge in enumerate(all_edges(scan), start=1)}
    parsed = parse(render_scan_html(scan, pair_reports=reports))
    links = [attrs["href"] for tag, attrs in parsed.tags if tag == "a" and "pair" in (attrs.get("class") or "")]
    assert sorted(links) == sorted(reports.values())


def test_edges_link_to_the_server_or_say_how_to_see_them(scan):
    served = parse(render_scan_html(scan, pair_url=lambda a, b: f"/pair?a={a}&b={b}"))
    links = [attrs["href"] for tag, attrs in served.tags if tag == "a" and "pair" in (attrs.get("class") or "")]
    assert len(links) == len(all_edges(scan)) and f"/pair?a={REWRITE}&b={HOSTILE_ID}" in links
    first = all_edges(scan)[0]
    partly = render_scan_html(scan, pair_reports={first: "pairs/0001.html"})
    assert partly.count('class="pair"') == 1 and partly.count('class="nolink"') == len(all_edges(scan)) - 1
    bare = render_scan_html(scan)
    assert 'class="pair"' not in bare and bare.count("unspun serve INDEX --scan OUT") > len(all_edges(scan))


def test_tree_lists_members_without_a_parent():
    family = Family(id="f", original="a", members=("a", "b", "lost"), edges=(_edge("a", "b", "summary"),), sites=(),
                    first_date=None, last_date=None)
    tree = str(render_family_tree(family, link=lambda a, b: None))
    assert tree.count("<li>") == 2 and "no parent found" in tree and "lost" in tree


def test_page_caps_families_and_says_where_the_rest_are(scan):
    big = scan.families[1]
    many = tuple(replace(big, id=f"fam-{n:03d}") for n in range(MAX_FAMILIES + 5))
    page = render_scan_html(replace(scan, families=many))
    assert page.count('<article class="family"') == MAX_FAMILIES
    assert "the other 5 are in families.jsonl" in page


def test_output_is_deterministic_and_written_next_to_the_results(scan, tmp_path):
    write_scan_report(tmp_path, scan)
    again = render_scan_html(make_scan())
    assert (tmp_path / "report.html").read_bytes() == again.encode("utf-8")
    assert again == render_scan_html(scan)


def test_unwritable_report_says_where(scan, tmp_path):
    with pytest.raises(UnspunError, match="cannot write the scan report"):
        write_scan_report(tmp_path / "missing" / "folder", scan)


def test_empty_scan_renders():
    summary = ScanSummary(documents=0, candidate_pairs={"total": 0}, verdicts={}, families_by_size={}, sites=0,
                          boilerplate_lines=0, seconds={})
    page = render_scan_html(ScanResult(summary, (), (), (), (), "out"))
    assert "No families" in page and "No sites." in page and "No template lines" in page
