"""The browser pages' templates (Jinja2 with autoescape on: every value is escaped unless marked safe)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader

PAGE_HEADERS = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                                           "base-uri 'none'; frame-ancestors 'none'",
                "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
"""Headers of the form and error pages: they run no script at all, so the policy forbids every script."""
REPORT_HEADERS = {"Content-Security-Policy": "frame-ancestors 'none'", "X-Content-Type-Options": "nosniff",
                  "Referrer-Policy": "no-referrer"}
"""Headers of a report page: its own ``<meta>`` policy already allows only its inline script (by hash)."""


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """Templates from ``unspun/web/assets``, loaded once."""
    return Environment(loader=PackageLoader("unspun.web", "assets"), autoescape=True)


def render_page(name: str, **values: Any) -> str:
    """Render the template ``name`` with ``values`` (escaped)."""
    return _environment().get_template(name).render(**values)
