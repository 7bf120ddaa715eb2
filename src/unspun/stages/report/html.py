"""A self-contained, side-by-side HTML report of a :class:`~unspun.model.Comparison`.

One file, no network: CSS and JavaScript are inlined and a Content-Security-Policy ``<meta>`` allows only the
report's own script (by hash), so the file opens from a USB stick and an injected ``<script>`` could not run even
if escaping failed. Both texts are rebuilt from the ORIGINAL text and the records' character spans: aligned
sentences are wrapped and coloured by kind, word-level changes (the alignment ``diff``) and changed facts are
marked inside them, dropped/added/boilerplate stretches get their own styles, and every piece of document text is
HTML-escaped (Jinja2 autoescape for the page, :func:`html.escape` for the text bodies).

>>> from unspun import compare
>>> page = render_html(compare("Shares rose 3% on Monday. <b>Hi</b>", "Shares rose 3% on Monday."))
>>> page.startswith("<!DOCTYPE html>") and "&lt;b&gt;Hi&lt;/b&gt;" in page and "<b>Hi</b>" not in page
True
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from importlib.resources import files
from pathlib import Path

from jinja2 import Environment, Template
from markupsafe import Markup

from unspun.errors import UnspunError
from unspun.model import Alignment, Comparison, Document, FactChange, Side, Span, TextPiece

_VERDICT_LABELS = {"derived": "Derived", "partially_derived": "Partially derived",
                   "same_story": "Same story, written independently", "unrelated": "Unrelated"}
_KIND_LABELS = (("verbatim", ("verbatim",)), ("minor edit", ("minor_edit",)), ("paraphrase", ("paraphrase",)),
                ("merged / split", ("merge", "split")))
_METHOD_LABELS = {"dates": "from the publication dates", "text": "from the wording"}


@dataclass(frozen=True)
class _Mark:
    """A stretch of one text to wrap in a ``<span>``: its classes and extra attributes (already safe values)."""

    span: Span
    css: str
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class _Region:
    """A top-level stretch (an aligned sentence or a dropped/added/boilerplate piece) and the marks inside it."""

    mark: _Mark
    inner: tuple[_Mark, ...] = ()


def _attributes(mark: _Mark) -> str:
    """``class=... data-...=...`` for a mark, every value escaped."""
    pairs = (("class", mark.css), *mark.attrs)
    return " ".join(f'{name}="{escape(value, quote=True)}"' for name, value in pairs)


def _inline(text: str, start: int, end: int, marks: Sequence[_Mark]) -> str:
    """Escaped ``text[start:end]`` with overlapping ``marks`` cut at every boundary into flat, non-nested spans."""
    cuts = sorted({start, end} | {p for m in marks for p in m.span if start < p < end})
    out = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in marks if m.span[0] <= lo and m.span[1] >= hi]
        piece = escape(text[lo:hi], quote=True)
        if not covering:
            out.append(piece)
            continue
        css = " ".join(dict.fromkeys(c for m in covering for c in m.css.split()))
        attrs = tuple(a for m in covering if m.span[0] == lo for a in m.attrs)
        out.append(f"<span {_attributes(_Mark((lo, hi), css, attrs))}>{piece}</span>")
    return "".join(out)


def _render_text(text: str, regions: Iterable[_Region]) -> str:
    """The whole ``text``, escaped, with each region wrapped; overlapping regions are trimmed, first come first."""
    out, pos = [], 0
    for region in sorted(regions, key=lambda r: r.mark.span):
        start, end = max(region.mark.span[0], pos), min(region.mark.span[1], len(text))
        if end <= start:
            continue
        out.append(escape(text[pos:start], quote=True))
        out.append(f"<span {_attributes(region.mark)}>{_inline(text, start, end, region.inner)}</span>")
        pos = end
    out.append(escape(text[pos:], quote=True))
    return "".join(out)


def _fact_marks(facts: Sequence[tuple[int, FactChange]], side: Side) -> tuple[_Mark, ...]:
    """Changed facts on one side, each with the anchor id the facts list links to."""
    marks = []
    for number, fact in facts:
        span = fact.a_span if side == "a" else fact.b_span
        if span and span[1] > span[0]:
            marks.append(_Mark(span, "fact", (("id", f"fact-{number}-{side}"),)))
    return tuple(marks)


def _diff_marks(alignment: Alignment, side: Side) -> tuple[_Mark, ...]:
    """Words that differ inside an aligned pair (non-equal diff steps with text on this side)."""
    spans = (edit.a_span if side == "a" else edit.b_span for edit in alignment.diff if edit.op != "equal")
    return tuple(_Mark(span, "chg") for span in spans if span[1] > span[0])


def _alignment_regions(comparison: Comparison, side: Side) -> list[_Region]:
    """One region per span of every alignment on ``side``, tagged with the alignment's number."""
    regions, numbered = [], _numbered_facts(comparison)
    for index, alignment in enumerate(comparison.alignments):
        facts = [(number, fact) for number, owner, fact in numbered if owner == index]
        inner = _diff_marks(alignment, side) + _fact_marks(facts, side)
        tip = f"{alignment.kind.replace('_', ' ')} · score {alignment.score:.2f}"
        for span in alignment.a_spans if side == "a" else alignment.b_spans:
            attrs = (("data-al", str(index)), ("title", tip), ("tabindex", "0"))
            regions.append(_Region(_Mark(span, f"al k-{alignment.kind}", attrs), inner))
    return regions


def _piece_regions(pieces: Iterable[TextPiece], side: Side, css: str, tip: str) -> list[_Region]:
    """Regions for the dropped, added or boilerplate pieces on ``side``."""
    return [_Region(_Mark(p.span, css, (("title", tip),))) for p in pieces if p.side == side]


def _side_regions(comparison: Comparison, side: Side) -> list[_Region]:
    """Every region of one side: alignments first, so they win over any overlapping piece."""
    return (_alignment_regions(comparison, side)
            + _piece_regions(comparison.dropped, side, "dropped", "dropped: only in the original")
            + _piece_regions(comparison.added, side, "added", "added: only in the derived text")
            + _piece_regions(comparison.boilerplate, side, "boiler", "boilerplate: publishing furniture"))


def _numbered_facts(comparison: Comparison) -> list[tuple[int, int, FactChange]]:
    """``(number, alignment index, fact)`` for every changed fact, numbered from 1 in report order."""
    owned = [(i, fact) for i, al in enumerate(comparison.alignments) for fact in al.changed_facts]
    return [(number, owner, fact) for number, (owner, fact) in enumerate(owned, start=1)]


def _fact_side(number: int, text: str | None, span: Span | None, side: Side) -> Markup:
    """One side of a changed fact in the list: a link to its spot, or "absent" when the side lacks it."""
    if text is None or not span:
        return Markup('<span class="none">absent in {}</span>').format(side.upper())
    return Markup('<a class="jump" href="#fact-{}-{}">{}: “{}”</a>').format(number, side, side.upper(), text)


def _facts(comparison: Comparison) -> list[dict[str, object]]:
    """The changed-facts list: kind and both sides, linked to the marked words."""
    return [{"kind": fact.kind.replace("_", " "),
             "a": _fact_side(number, fact.a_text, fact.a_span, "a"),
             "b": _fact_side(number, fact.b_text, fact.b_span, "b")}
            for number, _, fact in _numbered_facts(comparison)]


def _origin(comparison: Comparison) -> tuple[str, str]:
    """The "which is the original" sentence and its confidence note."""
    direction = comparison.direction
    if direction.source is None:
        return "Neither: no text derives from the other.", ""
    derived = "B" if direction.source == "a" else "A"
    how = _METHOD_LABELS.get(direction.method, f"by {direction.method}")
    return (f"{direction.source.upper()} is the original; {derived} derives from it.",
            f"(confidence {direction.confidence:.1%}, {how})")


def _bars(comparison: Comparison) -> list[dict[str, object]]:
    """Coverage both ways as percentages for the bars."""
    cover = comparison.coverage
    return [{"label": "B found in A", "percent": round(cover.b_in_a * 100)},
            {"label": "A found in B", "percent": round(cover.a_in_b * 100)}]


def _legend(comparison: Comparison) -> list[dict[str, object]]:
    """Legend chips with counts: alignment kinds, then dropped/added/boilerplate pieces."""
    kinds = [al.kind for al in comparison.alignments]
    items = [{"label": label, "css": f"k-{names[0]}", "count": sum(kinds.count(n) for n in names)}
             for label, names in _KIND_LABELS]
    return items + [{"label": "dropped (original only)", "css": "dropped", "count": len(comparison.dropped)},
                    {"label": "added (derived only)", "css": "added", "count": len(comparison.added)},
                    {"label": "boilerplate", "css": "boiler", "count": len(comparison.boilerplate)}]


def _counts(comparison: Comparison) -> str:
    """One line of totals under the verdict."""
    facts = len(comparison.changed_facts)
    line = (f"{len(comparison.alignments)} aligned passages · {facts} changed fact{'s' if facts != 1 else ''} · "
            f"{len(comparison.dropped)} dropped · {len(comparison.added)} added")
    if comparison.retold is not None:
        source = (comparison.source or "a").upper()
        line += " · " + comparison.retold.summary(source, "B" if source == "A" else "A")
    return line


def _side(comparison: Comparison, side: Side) -> dict[str, object]:
    """The header fields and the rendered body of one pane."""
    doc: Document = comparison.a if side == "a" else comparison.b
    role = "original" if comparison.source == side else ("derived" if comparison.source else "")
    meta = " · ".join(part for part in (doc.id, doc.date or "", f"{len(doc.text):,} characters") if part)
    return {"key": side, "letter": side.upper(), "role": role, "title": doc.title or doc.id, "meta": meta,
            "body": Markup(_render_text(doc.text, _side_regions(comparison, side)))}


@lru_cache(maxsize=4)
def page_assets(template: str, css: str, script: str) -> tuple[Template, str, str]:
    """A page template (autoescaping), its CSS and its script from this package's ``assets``, read once.

    Shared by the self-contained report pages (this comparison report, the scan report).
    """
    folder = files("unspun.stages.report") / "assets"
    environment = Environment(autoescape=True, keep_trailing_newline=True)
    page = environment.from_string((folder / template).read_text(encoding="utf-8"))
    return page, (folder / css).read_text(encoding="utf-8"), (folder / script).read_text("utf-8")


def script_hash(script: str) -> str:
    """The CSP source that lets exactly this inline script run."""
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def render_html(comparison: Comparison) -> str:
    """The complete report page for ``comparison``: one self-contained, deterministic HTML string."""
    template, css, script = page_assets("report.html.j2", "report.css", "report.js")
    origin, confidence = _origin(comparison)
    return template.render(
        version=comparison.version, a=comparison.a, b=comparison.b, verdict=comparison.verdict,
        verdict_label=_VERDICT_LABELS[comparison.verdict], counts=_counts(comparison), origin=origin,
        confidence=confidence, reasons=comparison.direction.reasons, bars=_bars(comparison),
        legend=_legend(comparison), facts=_facts(comparison),
        kept=[{"kind": f.kind.replace("_", " "), "text": f.a_text or f.b_text or ""} for f in comparison.kept_facts],
        sides=[_side(comparison, "a"), _side(comparison, "b")],
        css=Markup(css), script=Markup(script), script_hash=script_hash(script))


def write_html(comparison: Comparison, path: str | Path) -> None:
    """Write :func:`render_html` of ``comparison`` to ``path`` (UTF-8), or raise :class:`UnspunError` saying why not."""
    try:
        Path(path).write_text(render_html(comparison), encoding="utf-8")
    except OSError as error:
        raise UnspunError(f"{path}: cannot write the HTML report ({error.strerror or error})") from None
