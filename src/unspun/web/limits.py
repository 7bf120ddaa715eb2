"""Request limits: body size (an ASGI middleware) and bounded, time-limited CPU work (:class:`WorkLimiter`).

Hand-written because Starlette/FastAPI ship neither a body-size limit nor admission control; both are small.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from unspun.web.errors import HttpError

T = TypeVar("T")


def body_too_large(max_bytes: int) -> HttpError:
    """The 413 error for a body over ``max_bytes``."""
    return HttpError(413, "body_too_large", f"request body is over the {max_bytes:,}-byte limit; send less text")


class BodySizeLimit:
    """Refuse request bodies over ``max_bytes``: at once from Content-Length, else while the body streams in."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, reject: Callable[[Scope, HttpError], ASGIApp]) -> None:
        self.app, self.max_bytes, self.reject = app, max_bytes, reject

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self.reject(scope, body_too_large(self.max_bytes))(scope, receive, send)
            return
        await self.app(scope, self._counting(receive), send)

    def _counting(self, receive: Receive) -> Receive:
        """``receive`` that raises the 413 error (handled by the app) once the body passes the limit."""
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise body_too_large(self.max_bytes)
            return message

        return counted


class WorkLimiter:
    """Run blocking work in threads: at most ``max_concurrent`` at once, ``max_queued`` waiting, ``timeout`` each.

    A slot is freed only when the work really ends (a thread cannot be killed), so timed-out work still counts
    against the bound and an overloaded server sheds load instead of piling up threads.
    """

    def __init__(self, *, max_concurrent: int, max_queued: int, timeout: float) -> None:
        self.max_admitted, self.timeout = max_concurrent + max_queued, timeout
        self._slots = asyncio.Semaphore(max_concurrent)
        self._executor = ThreadPoolExecutor(max_workers=max_concurrent, thread_name_prefix="unspun-work")
        self.admitted = 0

    async def run(self, work: Callable[[], T]) -> T:
        """Result of ``work()``, or a 429 (queue full), 503 (no slot in time) or 504 (too slow) :class:`HttpError`."""
        if self.admitted >= self.max_admitted:
            raise HttpError(429, "too_many_requests", "too many requests are waiting; retry shortly", 1)
        self.admitted += 1
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        await self._acquire(deadline)
        future = loop.run_in_executor(self._executor, work)
        future.add_done_callback(self._release)
        try:
            async with asyncio.timeout_at(deadline):
                return await asyncio.shield(future)
        except TimeoutError:
            raise HttpError(504, "timeout", f"the request took over {self.timeout:g} s; send shorter texts") from None

    async def _acquire(self, deadline: float) -> None:
        """Wait for a free slot until ``deadline``; on failure or cancellation give the admission back."""
        try:
            async with asyncio.timeout_at(deadline):
                await self._slots.acquire()
        except TimeoutError:
            self.admitted -= 1
            raise HttpError(503, "busy", "the server is busy; retry shortly", 1) from None
        except BaseException:
            self.admitted -= 1
            raise

    def _release(self, _: Any) -> None:
        """Free the slot of finished work (called on the event loop when the thread's future completes)."""
        self._slots.release()
        self.admitted -= 1

    def close(self) -> None:
        """Stop the worker threads, dropping work that has not started."""
        self._executor.shutdown(wait=False, cancel_futures=True)
