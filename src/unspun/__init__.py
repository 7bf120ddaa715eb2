"""unspun: find which text was rewritten from which, sentence by sentence.

>>> from unspun import compare
>>> comparison = compare(original_text, rewritten_text)      # doctest: +SKIP
>>> comparison.verdict, comparison.source, comparison.coverage  # doctest: +SKIP
"""

from unspun.api import compare, compare_files, load_document, text_document
from unspun.config import CompareConfig
from unspun.errors import ConfigError, InputError, ModelError, UnspunError
from unspun.model import (
    Alignment,
    Comparison,
    Coverage,
    Direction,
    Document,
    FactChange,
    Sentence,
    TextPiece,
    TokenEdit,
)
from unspun.version import __version__

__all__ = [
    "Alignment", "Comparison", "CompareConfig", "ConfigError", "Coverage", "Direction", "Document", "FactChange",
    "InputError", "ModelError", "Sentence", "TextPiece", "TokenEdit", "UnspunError", "__version__", "compare",
    "compare_files", "load_document", "text_document",
]
