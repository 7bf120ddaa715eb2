"""Bounded load test of ``unspun serve`` on loopback: N compare requests, C at a time, every answer checked.

Starts ``unspun serve`` on 127.0.0.1 (a free port) as a child process, sends the same pair of texts N times with
at most C requests in flight, checks every answer is 200 and byte-for-byte the JSON of the first (compare is
deterministic), prints requests/s and latency percentiles, stops the server and exits (1 if any answer was
wrong). Never talks to anything but 127.0.0.1.

    python bench/serve_load.py                      # 500 requests, 50 at a time, the test fixture articles
    python bench/serve_load.py A.txt B.txt --requests 200 --concurrency 20
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx

HOST = "127.0.0.1"
DATA = Path(__file__).parents[1] / "tests" / "report" / "data"


def _free_port() -> int:
    """A TCP port free on loopback right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _start_server(port: int, timeout: float) -> subprocess.Popen:
    """``unspun serve`` in a child process, returned once it answers ``GET /``."""
    command = [sys.executable, "-c", "from unspun.cli.main import run; run()", "serve", "--host", HOST,
               "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://{HOST}:{port}/", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"serve_load: the server did not answer within {timeout:g} s")


async def _load(url: str, body: dict, requests: int, concurrency: int) -> tuple[list[float], Counter, float]:
    """Send ``requests`` POSTs, ``concurrency`` at a time: (latencies, outcome counts, wall seconds)."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as client:
        reference = (await client.post("/api/compare", json=body)).content
        gate, latencies, outcomes = asyncio.Semaphore(concurrency), [], Counter()

        async def one() -> None:
            async with gate:
                start = time.perf_counter()
                response = await client.post("/api/compare", json=body)
                latencies.append(time.perf_counter() - start)
                right = response.status_code == 200 and response.content == reference
                outcomes["ok" if right else f"wrong ({response.status_code})"] += 1

        start = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(requests)))
        return latencies, outcomes, time.perf_counter() - start


def main() -> int:
    """Parse the options, run the load, print the figures; 0 when every answer was right."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text_a", nargs="?", type=Path, default=DATA / "original.txt")
    parser.add_argument("text_b", nargs="?", type=Path, default=DATA / "rewrite.txt")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--startup-timeout", type=float, default=60.0)
    options = parser.parse_args()
    body = {"text_a": options.text_a.read_text("utf-8"), "text_b": options.text_b.read_text("utf-8")}
    port = _free_port()
    server = _start_server(port, options.startup_timeout)
    try:
        latencies, outcomes, wall = asyncio.run(_load(f"http://{HOST}:{port}", body, options.requests,
                                                      options.concurrency))
    finally:
        server.terminate()
        server.wait(timeout=10)
    cuts = statistics.quantiles(latencies, n=100)
    print(f"requests {options.requests}, {options.concurrency} at a time, {len(body['text_a']) + len(body['text_b'])}"
          f" characters each: {dict(outcomes)}")
    print(f"throughput {options.requests / wall:.1f} requests/s over {wall:.2f} s; "
          f"latency p50 {cuts[49] * 1000:.0f} ms, p95 {cuts[94] * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms")
    return 0 if outcomes["ok"] == options.requests else 1


if __name__ == "__main__":
    sys.exit(main())
