"""One exception hierarchy for unspun.

Library code raises these and never prints or exits; the shells (CLI, server) map them to exit codes and HTTP
statuses in one place. Every message says what is wrong, where, and how to fix it, on one line.
"""

from __future__ import annotations


class UnspunError(Exception):
    """Base class of every error unspun raises on purpose."""

    exit_code = 1


class InputError(UnspunError):
    """A document could not be read or is not usable text (missing, empty, binary, undecodable, too large)."""

    exit_code = 2

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class ConfigError(UnspunError):
    """An option has a value outside its allowed range."""

    exit_code = 2


class ModelError(UnspunError):
    """The bundled embedding model is missing or cannot be loaded."""

    exit_code = 3
