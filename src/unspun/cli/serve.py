"""``unspun serve``: run the web UI and HTTP API with uvicorn (a thin shell over :func:`unspun.web.create_app`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from unspun.errors import UnspunError
from unspun.web.config import ServerConfig

_DEFAULTS = ServerConfig()


def serve(
    index_dir: Annotated[Optional[Path], typer.Argument(help="Index folder (from `unspun index add`) to query.")] =
        None,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = _DEFAULTS.host,
    port: Annotated[int, typer.Option(help="TCP port.")] = _DEFAULTS.port,
    max_body_bytes: Annotated[int, typer.Option(help="Largest request body accepted.")] = _DEFAULTS.max_body_bytes,
    timeout: Annotated[float, typer.Option(help="Seconds one request's work may take.")] = _DEFAULTS.request_timeout,
    workers: Annotated[int, typer.Option(help="Comparisons or queries run at once.")] = _DEFAULTS.max_concurrent,
) -> None:
    """Serve the compare form, HTML reports and the JSON API (and, with INDEX_DIR, queries) until interrupted."""
    try:
        import uvicorn  # noqa: PLC0415 (the web stack is optional and slow to import)

        from unspun.web import create_app  # noqa: PLC0415
    except ImportError as error:
        raise UnspunError(f"serve: the web stack is not installed ({error.name}); "
                          "install it with: pip install 'unspun[web]'") from None
    config = ServerConfig(host=host, port=port, max_body_bytes=max_body_bytes, request_timeout=timeout,
                          max_concurrent=workers)
    index = _open_index(index_dir)
    try:
        typer.echo(f"unspun: serving on http://{host}:{port}/ (Ctrl+C to stop)")
        uvicorn.run(create_app(config, index), host=host, port=port, log_level="warning")
    finally:
        if index is not None:
            index.close()


def _open_index(index_dir: Path | None):
    """The existing index at ``index_dir`` (never created by serving), or None without one."""
    if index_dir is None:
        return None
    from unspun.index import Index  # noqa: PLC0415 (index backends load only when asked for)

    return Index.open(index_dir, create=False)
