"""Report: render a :class:`~unspun.model.Comparison` as JSON, for a terminal, or as a standalone HTML page."""

from unspun.stages.report.html import render_html
from unspun.stages.report.json import to_json
from unspun.stages.report.terminal import render_comparison

__all__ = ["render_comparison", "render_html", "to_json"]
