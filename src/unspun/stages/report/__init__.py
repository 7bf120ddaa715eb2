"""Report: render a :class:`~unspun.model.Comparison` as JSON or for a terminal."""

from unspun.stages.report.json import to_json
from unspun.stages.report.terminal import render_comparison

__all__ = ["render_comparison", "to_json"]
