"""The FastAPI app: a compare form, report pages and a JSON API, thin shells over :mod:`unspun.api` (and the index).

No endpoint takes a file-system path: texts arrive in the request body (pasted, uploaded or JSON) and nothing
is stored; a scan's results (:mod:`unspun.web.scan`) are loaded by the caller before the app starts. Limits
(body size, time, concurrency) come from :class:`ServerConfig`; errors are mapped to HTTP in
:mod:`unspun.web.errors`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import PurePath
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.datastructures import FormData, UploadFile
from starlette.types import Scope

from unspun.embed import Embedder, default_embedder
from unspun.scan.records import ScanResult
from unspun.stages.ingest import decode_bytes
from unspun.stages.report import render_html
from unspun.version import __version__
from unspun.web.collection import query_api_router, query_page_router
from unspun.web.config import ServerConfig
from unspun.web.errors import HttpError, error_response, install_error_handlers
from unspun.web.limits import BodySizeLimit, WorkLimiter
from unspun.web.pages import PAGE_HEADERS, REPORT_HEADERS, render_page
from unspun.web.scan import ScanView, pair_page_router, scan_api_router, scan_page_router
from unspun.web.schemas import ERROR_RESPONSES, CompareRequest, ComparisonOut
from unspun.web.services import Services


def _api_router(services: Services) -> APIRouter:
    """``POST /api/compare``."""
    router = APIRouter(prefix="/api", tags=["api"])

    @router.post("/compare", response_model=None, responses={200: {"model": ComparisonOut}, **ERROR_RESPONSES})
    async def compare_texts(request: CompareRequest) -> JSONResponse:
        """Compare two texts; the answer is compare's JSON (the same as ``unspun compare --json``)."""
        comparison = await services.compare(request.text_a, request.text_b, date_a=request.date_a,
                                            date_b=request.date_b)
        return JSONResponse(comparison.to_dict())

    return router


async def _side_text(form: FormData, side: str) -> tuple[str, str]:
    """``(text, name)`` of one side of the form: the uploaded file when one was chosen, else the pasted text."""
    upload = form.get(f"file_{side}")
    if isinstance(upload, UploadFile) and upload.filename:
        name = PurePath(upload.filename).name[:200] or side.upper()
        return decode_bytes(await upload.read(), name), name
    text = form.get(f"text_{side}")
    return (text if isinstance(text, str) else ""), side.upper()


def _date(form: FormData, side: str) -> str | None:
    """The optional date field of one side (blank means unknown)."""
    value = form.get(f"date_{side}")
    return (value.strip() or None) if isinstance(value, str) else None


def _page_router(services: Services, *, has_scan: bool) -> APIRouter:
    """The browser pages: ``GET /`` (the form) and ``POST /compare`` (the report)."""
    router = APIRouter(include_in_schema=False)
    config = services.config

    @router.get("/", response_class=HTMLResponse)
    async def form_page() -> HTMLResponse:
        page = render_page("index.html.j2", max_body_bytes=config.max_body_bytes,
                           request_timeout=config.request_timeout, has_index=services.index is not None,
                           has_scan=has_scan)
        return HTMLResponse(page, headers=PAGE_HEADERS)

    @router.post("/compare", response_class=HTMLResponse)
    async def report_page(request: Request) -> HTMLResponse:
        async with request.form(max_files=2, max_fields=8, max_part_size=config.max_body_bytes) as form:
            (text_a, id_a), (text_b, id_b) = await _side_text(form, "a"), await _side_text(form, "b")
            dates = {"date_a": _date(form, "a"), "date_b": _date(form, "b")}
        comparison = await services.compare(text_a, text_b, id_a=id_a, id_b=id_b, **dates)
        return HTMLResponse(render_html(comparison), headers=REPORT_HEADERS)

    return router


def _rejecter(scope: Scope, error: HttpError) -> Response:
    """The answer the body-size middleware sends before the app sees the request."""
    return error_response(scope["path"], error.status_code, error.code, str(error.detail), error.headers)


def create_app(config: ServerConfig | None = None, index: Any = None, *,
               embedder: Embedder | None = None, scan: ScanResult | None = None) -> FastAPI:
    """The unspun web app for ``config`` (defaults: :class:`ServerConfig`).

    ``index`` is an open :class:`unspun.index.Index` (the caller closes it): with one, the query API and pages
    are mounted too. ``embedder`` overrides the bundled model (it must be the index's, when there is one).
    ``scan`` is a scan's results (:func:`unspun.web.scan.load_scan`): with it, the family and site API and
    pages are mounted; a pair's side-by-side report (``/pair``) needs the index as well.
    """
    config = config or ServerConfig()
    limiter = WorkLimiter(max_concurrent=config.max_concurrent, max_queued=config.max_queued,
                          timeout=config.request_timeout)
    services = Services(config, embedder or default_embedder(), limiter, index)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        limiter.close()

    app = FastAPI(title="unspun", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Compare two texts, find a text's sources in an index, or browse a scan's reuse "
                              "families and sites, sentence by sentence.")
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=config.max_body_bytes, reject=_rejecter)
    app.include_router(_api_router(services))
    app.include_router(_page_router(services, has_scan=scan is not None))
    if index is not None:
        app.include_router(query_api_router(services))
        app.include_router(query_page_router(services))
    _mount_scan(app, services, scan)
    return app


def _mount_scan(app: FastAPI, services: Services, scan: ScanResult | None) -> None:
    """The scan's API and pages (with a scan), and ``/pair`` (with a scan or an index)."""
    if scan is not None:
        view = ScanView.of(scan)
        app.include_router(scan_api_router(view))
        app.include_router(scan_page_router(view, services))
    if scan is not None or services.index is not None:
        app.include_router(pair_page_router(services))
