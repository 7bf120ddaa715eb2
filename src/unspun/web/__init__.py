"""``unspun serve``: a web UI and HTTP API over the same compare pipeline as the CLI.

:class:`ServerConfig` is importable without the web stack (the CLI reads its defaults at start-up);
:func:`create_app` imports FastAPI on first use (PEP 562), so ``unspun compare`` never pays for it.
"""

from typing import Any

from unspun.web.config import ServerConfig

__all__ = ["ServerConfig", "create_app"]


def __getattr__(name: str) -> Any:
    """Load :func:`unspun.web.app.create_app` lazily."""
    if name == "create_app":
        from unspun.web.app import create_app  # noqa: PLC0415 (lazy on purpose, see the module docstring)

        return create_app
    raise AttributeError(f"module 'unspun.web' has no attribute {name!r}")
