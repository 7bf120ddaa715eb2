"""A readable terminal report: verdict, direction and coverage first, then the evidence, sentence by sentence.

Built on rich renderables; untrusted text is wrapped in ``Text`` objects so markup in an article is shown, not
interpreted.
"""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from unspun.model import Alignment, Comparison, FactChange

_KIND_STYLE = {"verbatim": "bold red", "minor_edit": "red", "paraphrase": "yellow", "merge": "magenta",
               "split": "magenta"}
_VERDICT_STYLE = {"derived": "bold red", "partially_derived": "bold yellow", "same_story": "bold cyan",
                  "unrelated": "bold green"}


def _name(comparison: Comparison, side: str | None) -> str:
    """How a side is named in the report: its id and title."""
    doc = comparison.a if side == "a" else comparison.b
    return f"{side.upper()} ({doc.id})" if side else "neither"


def _header(comparison: Comparison) -> Panel:
    """Verdict, direction with its reasons, coverage both ways."""
    text = Text()
    text.append("Verdict: ").append(comparison.verdict, _VERDICT_STYLE[comparison.verdict]).append("\n")
    direction = comparison.direction
    if direction.source:
        derived = "b" if direction.source == "a" else "a"
        text.append(f"Original: {_name(comparison, direction.source)}; derived: {_name(comparison, derived)} ")
        text.append(f"(confidence {direction.confidence:.2f}, from {direction.method})\n")
        for reason in direction.reasons:
            text.append(f"  - {reason}\n", "dim")
    if comparison.retold is not None:
        source = (direction.source or "a").upper()
        text.append(comparison.retold.summary(source, "B" if source == "A" else "A") + "\n")
    cover = comparison.coverage
    text.append(f"Coverage: {cover.b_in_a:.0%} of B is aligned to A; {cover.a_in_b:.0%} of A is aligned to B")
    return Panel(text, title=f"unspun compare  A={comparison.a.id}  B={comparison.b.id}", expand=True)


def _clip(text: str, limit: int = 400) -> str:
    """Shorten very long cells."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fact(fact: FactChange) -> str:
    """One changed fact as "kind: A → B"."""
    return f"{fact.kind}: {fact.a_text or '—'} → {fact.b_text or '—'}"


def _alignment_table(comparison: Comparison) -> Table:
    """One row per alignment: the A text, the B text, kind, score and changed facts."""
    table = Table(title="Aligned sentences (B order)", show_lines=True, expand=True)
    table.add_column("A", ratio=5)
    table.add_column("B", ratio=5)
    table.add_column("kind / score / changed facts", ratio=3)
    for alignment in comparison.alignments:
        table.add_row(Text(_clip(_joined(comparison.a.text, alignment.a_spans))),
                      Text(_clip(_joined(comparison.b.text, alignment.b_spans))), _evidence(alignment))
    return table


def _joined(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The texts of ``spans`` joined by spaces."""
    return " ".join(text[start:end] for start, end in spans)


def _evidence(alignment: Alignment) -> Text:
    """The kind, the score and the changed facts of one alignment."""
    cell = Text(alignment.kind, _KIND_STYLE[alignment.kind]).append(f" {alignment.score:.2f}")
    for fact in alignment.changed_facts:
        cell.append("\n" + _fact(fact), "bold")
    return cell


def _pieces(title: str, pieces, style: str) -> Panel | None:
    """A panel listing dropped/added/boilerplate pieces, or None when there are none."""
    if not pieces:
        return None
    body = Text()
    for piece in pieces:
        body.append(f"[{piece.side.upper()} {piece.span[0]}–{piece.span[1]}] ", "dim").append(_clip(piece.text), style)
        body.append("\n")
    return Panel(body, title=title)


def _facts_panel(comparison: Comparison) -> Panel | None:
    """Changed and kept facts in one list."""
    lines = [Text(_fact(fact), "bold red") for fact in comparison.changed_facts]
    lines += [Text(f"kept {fact.kind}: {fact.a_text}", "green") for fact in comparison.kept_facts]
    return Panel(Group(*lines), title="Facts in aligned sentences") if lines else None


def render_comparison(comparison: Comparison) -> Group:
    """The whole report as one rich renderable."""
    parts = [_header(comparison)]
    if comparison.alignments:
        parts.append(_alignment_table(comparison))
    derived = "B" if comparison.source == "a" else "A"
    source = "A" if comparison.source == "a" else "B"
    parts += [_facts_panel(comparison),
              _pieces(f"Dropped: in {source} (original) only", comparison.dropped, "red"),
              _pieces(f"Added: in {derived} (derived) only", comparison.added, "green"),
              _pieces("Boilerplate (publishing furniture, not content)", comparison.boilerplate, "dim")]
    return Group(*(part for part in parts if part is not None))
