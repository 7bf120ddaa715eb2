"""Worker processes run single-threaded: the processes are the parallelism.

The index build, the scan's verification, the evaluation runner and Spark's Python workers each start one process
per core. Left alone, every process would also start a BLAS thread pool (numpy) and a tokenizer thread pool
(Hugging Face ``tokenizers`` encodes batches in parallel), so two workers on two cores ran six threads that
preempted each other: the scan's verification of 10,000 documents took 18-19 s, single-threaded workers
15.5-17.5 s, with the same output (threads change timing, never results).
"""

from __future__ import annotations

import os

from threadpoolctl import threadpool_limits


def run_single_threaded() -> None:
    """Limit this process to one BLAS/OpenMP thread and a sequential tokenizer (call it first in a worker)."""
    os.environ["TOKENIZERS_PARALLELISM"] = "false"
    threadpool_limits(1)
