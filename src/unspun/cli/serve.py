"""``unspun serve``: run the web UI and HTTP API with uvicorn (a thin shell over :func:`unspun.web.create_app`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from unspun.cli.index import warn_if_outdated
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
    scan: Annotated[Optional[Path], typer.Option("--scan", metavar="SCAN_DIR",
                                                 help="Output folder of `unspun scan` to browse: families, sites "
                                                      "and (with INDEX_DIR) side-by-side pair reports.")] = None,
) -> None:
    """Serve the compare form, HTML reports and the JSON API (and, with INDEX_DIR, queries; with --scan, a scan's
    families and sites) until interrupted."""
    try:
        import uvicorn  # noqa: PLC0415 (the web stack is optional and slow to import)

        from unspun.web import create_app  # noqa: PLC0415
        from unspun.web.scan import load_scan  # noqa: PLC0415
    except ImportError as error:
        raise UnspunError(f"serve: the web stack is not installed ({error.name}); "
                          "install it with: pip install 'unspun[web]'") from None
    config = ServerConfig(host=host, port=port, max_body_bytes=max_body_bytes, request_timeout=timeout,
                          max_concurrent=workers)
    scanned = load_scan(scan) if scan is not None else None
    index = _open_index(index_dir)
    try:
        typer.echo(f"unspun: serving on http://{host}:{port}/ (Ctrl+C to stop)")
        if scanned is not None:
            typer.echo(_scan_note(scanned, has_index=index is not None))
        uvicorn.run(create_app(config, index, scan=scanned), host=host, port=port, log_level="warning")
    finally:
        if index is not None:
            index.close()


def _open_index(index_dir: Path | None):
    """The existing index at ``index_dir`` (never created by serving), or None without one."""
    if index_dir is None:
        return None
    from unspun.index import Index  # noqa: PLC0415 (index backends load only when asked for)

    index = Index.open(index_dir, create=False)
    warn_if_outdated(index)
    return index


def _scan_note(scanned, *, has_index: bool) -> str:
    """One line on what the scan pages offer."""
    note = (f"unspun: scan of {scanned.summary.documents:,} documents: {len(scanned.families):,} families and "
            f"{len(scanned.sites):,} sites at /scan, /families and /sites")
    return note + ("" if has_index else " (side-by-side pair reports need INDEX_DIR)")
