"""The one place where the server turns errors into HTTP answers: JSON under ``/api/``, a short page elsewhere.

Every error body is ``{"error": <code>, "detail": <one line>}``; unspun's own errors keep their message (it names
the text and the problem), so a client sees the same words the CLI prints.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from unspun.errors import ConfigError, InputError, UnspunError
from unspun.web.pages import PAGE_HEADERS, render_page

_LOG = logging.getLogger("unspun.web")
_HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}


class HttpError(HTTPException):
    """An error answer with a stable machine-readable ``code`` (limits, missing sources)."""

    def __init__(self, status_code: int, code: str, message: str, retry_after: int | None = None) -> None:
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
        super().__init__(status_code=status_code, detail=message, headers=headers)
        self.code = code


def error_response(path: str, status: int, code: str, detail: str,
                   headers: dict[str, str] | None = None) -> Response:
    """The error answer for a request to ``path``: JSON for the API, an escaped HTML page for the browser pages."""
    if path.startswith("/api/"):
        return JSONResponse({"error": code, "detail": detail}, status_code=status, headers=headers)
    page = render_page("error.html.j2", status=status, code=code, detail=detail)
    return HTMLResponse(page, status_code=status, headers={**PAGE_HEADERS, **(headers or {})})


async def _http_error(request: Request, error: StarletteHTTPException) -> Response:
    """404, 405, 400 from Starlette and the limits' errors (which carry their own ``code``)."""
    code = getattr(error, "code", _HTTP_CODES.get(error.status_code, "http_error"))
    return error_response(request.url.path, error.status_code, code, str(error.detail), error.headers)


async def _validation_error(request: Request, error: RequestValidationError) -> Response:
    """A malformed request body: every problem on one line, as ``field: message``."""
    problems = "; ".join(f"{'.'.join(str(part) for part in e['loc'])}: {e['msg']}" for e in error.errors())
    return error_response(request.url.path, 422, "invalid_request", problems)


async def _unspun_error(request: Request, error: UnspunError) -> Response:
    """Bad input or options (422); anything else unspun raised on purpose is the server's fault (500)."""
    if isinstance(error, (InputError, ConfigError)):
        return error_response(request.url.path, 422, "invalid_input", str(error))
    _LOG.error("unspun error on %s: %s", request.url.path, error)
    return error_response(request.url.path, 500, "server_error", str(error))


async def _unexpected_error(request: Request, error: Exception) -> Response:
    """A bug: logged with its traceback, answered with a plain 500 that leaks no internals."""
    _LOG.exception("unexpected error on %s", request.url.path, exc_info=error)
    return error_response(request.url.path, 500, "internal_error", "unexpected server error; see the server log")


def install_error_handlers(app: FastAPI) -> None:
    """Register every handler above on ``app``."""
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(UnspunError, _unspun_error)
    app.add_exception_handler(Exception, _unexpected_error)
