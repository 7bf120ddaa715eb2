"""Run one function over many tasks, in parallel processes when asked, reporting progress as tasks finish.

Benchmarks (PAN, MixSet, Clough & Stevenson, the scan benchmarks) all map a pure worker over a list of items;
this is the one place that knows how. Library code does not draw progress bars: the caller passes ``on_done``
and the shell draws.

>>> run_tasks(abs, [-1, 2, -3])
[1, 2, 3]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from unspun.errors import ConfigError
from unspun.workers import run_single_threaded

Task = TypeVar("Task")
Result = TypeVar("Result")

_CHUNKS_PER_JOB = 8
"""Tasks are sent to workers in chunks, about this many per worker, so that start-up and pickling costs stay
small against the work while the progress bar still moves smoothly."""


def run_tasks(worker: Callable[[Task], Result], tasks: Sequence[Task], *, jobs: int = 1,
              on_done: Callable[[Result], None] | None = None) -> list[Result]:
    """``worker`` applied to every task, results in task order.

    With ``jobs`` > 1 the tasks run in that many processes (``worker`` must then be a module-level function and
    tasks picklable); ``on_done`` is called in this process with each result as it arrives, in order.
    """
    if jobs < 1:
        raise ConfigError(f"jobs must be at least 1, got {jobs}")
    if jobs == 1 or len(tasks) < 2:
        return [_noted(worker(task), on_done) for task in tasks]
    chunk = max(1, len(tasks) // (jobs * _CHUNKS_PER_JOB))
    with ProcessPoolExecutor(max_workers=jobs, initializer=run_single_threaded) as pool:
        return [_noted(result, on_done) for result in pool.map(worker, tasks, chunksize=chunk)]


def _noted(result: Result, on_done: Callable[[Result], None] | None) -> Result:
    """``result``, after telling ``on_done`` about it."""
    if on_done is not None:
        on_done(result)
    return result
