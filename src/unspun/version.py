"""unspun's version, recorded in every report, and the fingerprint of the code that computes results."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

__version__ = "0.1.0"


@cache
def code_fingerprint() -> str:
    """A hash of unspun's own Python sources (16 hexadecimal digits).

    The version string alone does not say which code ran: an editable install (the README's) keeps "0.1.0"
    across every pull. A scan resumes only with the code that began it (:mod:`unspun.scan.state`), so that
    pairs verified by other code are never mixed into its files.
    """
    root = Path(__file__).parent
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()
