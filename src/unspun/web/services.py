"""What the routes share: the config, the embedder (loaded once), the work limiter and the optional index."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from unspun.api import compare, text_document
from unspun.embed import Embedder
from unspun.model import Comparison, Document
from unspun.pipeline import compare_documents
from unspun.web.config import ServerConfig
from unspun.web.limits import WorkLimiter


@dataclass(frozen=True)
class Services:
    """The server's shared state; every blocking call goes through :attr:`limiter` (time and concurrency caps)."""

    config: ServerConfig
    embedder: Embedder
    limiter: WorkLimiter
    index: Any = None
    """An open :class:`unspun.index.Index`, or None when the server runs without a collection."""

    async def compare(self, text_a: str, text_b: str, **options: str | None) -> Comparison:
        """Compare two texts in a worker thread, within the server's limits."""
        work = partial(compare, text_a, text_b, config=self.config.compare, embedder=self.embedder, **options)
        return await self.limiter.run(work)

    async def document(self, doc_id: str) -> Any:
        """The indexed document with this id (:class:`unspun.index.store.StoredDocument`), or None."""
        return await self.limiter.run(partial(self.index.document, doc_id))

    async def compare_stored(self, a: Any, b: Any) -> Comparison:
        """Compare two indexed documents (:class:`unspun.index.store.StoredDocument`, learned boilerplate marked)
        with the index's embedder and compare options, within the server's limits."""
        work = partial(compare_documents, a.document, b.document, embedder=self.index.embedder,
                       config=self.index.compare_config)
        return await self.limiter.run(work)

    async def query(self, text: str, top: int) -> tuple[Document, list[Any]]:
        """The suspect document and its likely sources in the index (:class:`unspun.index.SourceMatch`)."""
        suspect = text_document(text, doc_id="suspect", config=self.index.compare_config)
        return suspect, await self.limiter.run(partial(self.index.query, suspect, top=top))
