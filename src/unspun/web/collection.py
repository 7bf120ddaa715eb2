"""Routes over an index (issue 4's :class:`unspun.index.Index`): ``POST /api/query``,
``GET /api/documents/{doc_id}`` and the query pages.

Mounted only when the server was started with an index. A query's report page recomputes the query (the server
keeps no state between requests) and renders the chosen source's comparison with the same HTML renderer.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.datastructures import FormData

from unspun.stages.report import render_html
from unspun.web.errors import HttpError
from unspun.web.pages import PAGE_HEADERS, REPORT_HEADERS, render_page
from unspun.web.schemas import ERROR_RESPONSES, QueryOut, QueryRequest
from unspun.web.services import Services

_DEFAULT_TOP = QueryRequest.model_fields["top"].default


def query_api_router(services: Services) -> APIRouter:
    """``POST /api/query``."""
    router = APIRouter(prefix="/api", tags=["api"])

    @router.post("/query", response_model=None, responses={200: {"model": QueryOut}, **ERROR_RESPONSES})
    async def query_index(request: QueryRequest) -> JSONResponse:
        """The likely sources of a suspect text in the index, best first, each with compare's JSON."""
        suspect, matches = await services.query(request.text, request.top)
        return JSONResponse({"suspect": suspect.info(), "sources": [match.to_dict() for match in matches]})

    @router.get("/documents/{doc_id:path}", response_model=None, responses=ERROR_RESPONSES)
    async def get_document(doc_id: str) -> JSONResponse:
        """One indexed document: metadata, exact text and its sentences with character spans."""
        stored = await services.document(doc_id)
        if stored is None:
            raise HttpError(404, "not_found", f"no document with id {doc_id!r} in this index")
        return JSONResponse(_document_json(stored))

    return router


def _document_json(stored) -> dict:
    """The JSON form of a stored document: ``info()`` fields, site, record, text and sentences."""
    doc = stored.document
    sentences = [{"index": s.index, "span": list(s.span), "paragraph": s.paragraph, "role": s.role}
                 for s in doc.sentences]
    return {**doc.info(), "title": stored.title or doc.title, "site": stored.site, "record": stored.record,
            "text": doc.text, "sentences": sentences}


def _top(form: FormData) -> int:
    """The form's "most sources" field, clamped to 1..50 (a page, unlike the API, forgives a bad value)."""
    value = form.get("top")
    return min(max(int(value), 1), 50) if isinstance(value, str) and value.isdigit() else _DEFAULT_TOP


def query_page_router(services: Services) -> APIRouter:
    """``GET /query`` (form), ``POST /query`` (ranked sources), ``POST /query/report`` (one source's report)."""
    router = APIRouter(include_in_schema=False)
    limit = services.config.max_body_bytes

    @router.get("/query", response_class=HTMLResponse)
    async def query_form() -> HTMLResponse:
        return HTMLResponse(render_page("query.html.j2", text="", top=_DEFAULT_TOP, matches=None),
                            headers=PAGE_HEADERS)

    @router.post("/query", response_class=HTMLResponse)
    async def query_results(request: Request) -> HTMLResponse:
        async with request.form(max_files=0, max_fields=4, max_part_size=limit) as form:
            text, top = str(form.get("text") or ""), _top(form)
        _, matches = await services.query(text, top)
        return HTMLResponse(render_page("query.html.j2", text=text, top=top, matches=matches),
                            headers=PAGE_HEADERS)

    @router.post("/query/report", response_class=HTMLResponse)
    async def query_report(request: Request) -> HTMLResponse:
        async with request.form(max_files=0, max_fields=4, max_part_size=limit) as form:
            text, top, doc_id = str(form.get("text") or ""), _top(form), str(form.get("doc_id") or "")
        _, matches = await services.query(text, top)
        match = next((m for m in matches if m.doc_id == doc_id), None)
        if match is None:
            raise HttpError(404, "not_found", f"source {doc_id!r} is not among this text's sources")
        return HTMLResponse(render_html(match.comparison), headers=REPORT_HEADERS)

    return router
