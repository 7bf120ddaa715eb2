"""Every default of ``unspun serve``, defined once: the CLI flags and the app factory read them from here."""

from __future__ import annotations

from dataclasses import dataclass, field

from unspun.config import CompareConfig
from unspun.errors import ConfigError


@dataclass(frozen=True)
class ServerConfig:
    """Where the server listens and how much work one client may ask of it."""

    host: str = "127.0.0.1"
    """Loopback by default: exposing the server to a network is a deliberate choice (``--host 0.0.0.0``)."""
    port: int = 8000
    max_body_bytes: int = 5_000_000
    """Largest request body accepted (JSON or form upload); two long articles fit in well under 1 MB."""
    request_timeout: float = 30.0
    """Seconds one compare request may take, waiting for a slot included, before it is answered with 504."""
    max_concurrent: int = 2
    """Comparisons running at once. Comparing is CPU-bound, so more than the number of cores only adds latency."""
    max_queued: int = 64
    """Requests allowed to wait for a slot; beyond this a request is refused at once with 429."""
    compare: CompareConfig = field(default_factory=CompareConfig)
    """Options of every comparison the server runs."""

    def __post_init__(self) -> None:
        if not 0 < self.port < 65536:
            raise ConfigError(f"server: port must be between 1 and 65535, got {self.port}")
        for name in ("max_body_bytes", "request_timeout", "max_concurrent"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"server: {name} must be a positive number, got {getattr(self, name)}")
        if self.max_queued < 0:
            raise ConfigError(f"server: max_queued must be 0 or more, got {self.max_queued}")
