"""The standalone HTML report: self-contained, faithful to the text and its spans, and inert for hostile text."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape
from typer.testing import CliRunner

from unspun import compare
from unspun.cli.main import app
from unspun.errors import UnspunError
from unspun.model import Comparison
from unspun.stages.report import render_html
from unspun.stages.report.html import _Mark, _Region, _render_text, write_html

DATA = Path(__file__).parent / "data"


class _ReportParser(HTMLParser):
    """Collects, per pane, the full text and the text of each alignment region, plus every attribute seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str | None, str | None]] = []  # (pane side, alignment id) opened by each tag
        self.pane_text: dict[str, list[str]] = {}
        self.region_text: dict[tuple[str, str], list[str]] = {}
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        self._in_script = tag == "script"
        side = attributes.get("data-side") if "doc" in (attributes.get("class") or "").split() else None
        self.stack.append((side, attributes.get("data-al")))

    def handle_endtag(self, tag):
        self.stack.pop()
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        side = next((s for s, _ in reversed(self.stack) if s), None)
        if side is None:
            return
        self.pane_text.setdefault(side, []).append(data)
        region = next((al for _, al in reversed(self.stack) if al is not None), None)
        if region is not None:
            self.region_text.setdefault((side, region), []).append(data)


def _parse(page: str) -> _ReportParser:
    parser = _ReportParser()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def rewrite() -> Comparison:
    return compare((DATA / "original.txt").read_text("utf-8"), (DATA / "rewrite.txt").read_text("utf-8"))


@pytest.fixture(scope="module")
def hostile() -> Comparison:
    return compare((DATA / "xss_original.txt").read_text("utf-8"), (DATA / "xss_rewrite.txt").read_text("utf-8"))


def test_fixture_exercises_every_part_of_the_report(rewrite):
    assert rewrite.verdict == "derived"
    assert rewrite.alignments and rewrite.dropped and rewrite.added and rewrite.boilerplate
    assert rewrite.changed_facts


def test_report_is_self_contained(rewrite):
    page = render_html(rewrite)
    for tag, attributes in _parse(page).tags:
        for name in ("src", "href", "action", "data"):
            value = (attributes.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//", "javascript:")), (tag, name, value)
        assert tag != "link", "stylesheets must be inlined"
    assert "@import" not in page and "url(" not in page


def test_each_pane_shows_its_text_exactly(rewrite):
    parser = _parse(render_html(rewrite))
    assert "".join(parser.pane_text["a"]) == rewrite.a.text
    assert "".join(parser.pane_text["b"]) == rewrite.b.text


def test_every_alignment_span_is_wrapped_with_its_text(rewrite):
    parser = _parse(render_html(rewrite))
    for index, alignment in enumerate(rewrite.alignments):
        for side, doc, spans in (("a", rewrite.a, alignment.a_spans), ("b", rewrite.b, alignment.b_spans)):
            expected = "".join(doc.text[start:end] for start, end in spans)
            assert "".join(parser.region_text[(side, str(index))]) == expected


def test_pieces_kinds_and_word_changes_are_marked(rewrite):
    page = render_html(rewrite)
    assert page.count('class="dropped"') == len(rewrite.dropped)
    assert page.count('class="added"') == len(rewrite.added)
    assert page.count('class="boiler"') == len(rewrite.boilerplate)
    for alignment in rewrite.alignments:
        assert f"al k-{alignment.kind}" in page
    assert 'class="chg' in page


def test_changed_facts_link_to_marked_spots(rewrite):
    parser = _parse(render_html(rewrite))
    ids = {attributes.get("id") for _, attributes in parser.tags}
    links = [attrs["href"] for tag, attrs in parser.tags if tag == "a" and "jump" in attrs.get("class", "")]
    assert len(links) == sum((f.a_span is not None) + (f.b_span is not None) for f in rewrite.changed_facts)
    assert all(link.startswith("#") and link[1:] in ids for link in links)


def test_header_states_verdict_origin_reasons_and_coverage(rewrite):
    page = render_html(rewrite)
    assert "v-derived" in page and "A is the original; B derives from it." in page
    for reason in rewrite.direction.reasons:
        assert str(escape(reason)) in page  # as Jinja2 escapes it
    assert f"{round(rewrite.coverage.b_in_a * 100)}%" in page and f"{round(rewrite.coverage.a_in_b * 100)}%" in page


def test_hostile_text_is_escaped(hostile):
    page = render_html(hostile)
    parser = _parse(page)
    assert [tag for tag, _ in parser.tags].count("script") == 1
    assert not [tag for tag, _ in parser.tags if tag in ("img", "iframe", "object", "embed")]
    assert not [a for tag, a in parser.tags if tag == "a" and (a.get("href") or "").startswith("javascript")]
    assert not [a for _, a in parser.tags if any(name.startswith("on") for name in a)]
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=" in page
    assert "".join(parser.pane_text["a"]) == hostile.a.text


def test_csp_allows_exactly_the_inline_script(hostile):
    page = render_html(hostile)
    (script,) = _parse(page).scripts
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert f"script-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy


def test_report_is_deterministic(rewrite):
    assert render_html(rewrite) == render_html(rewrite)


def test_unrelated_texts_render_without_alignments():
    comparison = compare("Rain is expected over the northern hills tomorrow.",
                         "The orchestra announced its winter programme of Baroque concertos.")
    page = render_html(comparison)
    assert "Neither: no text derives from the other." in page and 'class="al ' not in page


_marks = st.tuples(st.integers(0, 60), st.integers(0, 60), st.sampled_from(["chg", "fact", "chg fact"]))


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="ab <>&\"'\n", max_size=60),
       regions=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60), st.lists(_marks, max_size=4)), max_size=6))
def test_render_text_round_trips_any_text_and_overlapping_marks(text, regions):
    built = [_Region(_Mark((min(s, e), max(s, e)), "al", (("data-al", str(i)),)),
                     tuple(_Mark((min(ms, me), max(ms, me)), css) for ms, me, css in inner))
             for i, (s, e, inner) in enumerate(regions)]
    page = f'<div class="doc" data-side="a">{_render_text(text, built)}</div>'
    parser = _parse(page)
    assert "".join(parser.pane_text.get("a", [])) == text


def test_write_html_reports_an_unwritable_path(rewrite, tmp_path):
    with pytest.raises(UnspunError, match="cannot write the HTML report"):
        write_html(rewrite, tmp_path / "missing" / "report.html")


def test_cli_compare_writes_html(tmp_path):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["compare", str(DATA / "original.txt"), str(DATA / "rewrite.txt"),
                                      "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
