"""Collections: a persistent index of source documents, and queries that find a suspect text's sources.

``Index.open(path)`` creates or opens an index folder; ``index.add(records)`` ingests in atomic batches;
``index.query(text)`` returns :class:`SourceMatch` records, best first, each verified with the compare core.
"""

from unspun.index.config import IndexConfig
from unspun.index.index import Index
from unspun.index.records import AddReport, IndexInfo, SourceMatch

__all__ = ["AddReport", "Index", "IndexConfig", "IndexInfo", "SourceMatch"]
