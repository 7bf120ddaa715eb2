"""faiss, loaded so that its bundled BLAS runs the kernels this CPU supports.

faiss-cpu's wheels bundle their own OpenBLAS (0.3.15 in faiss-cpu 1.15), which does not recognise some
virtualised Xeons (``Intel(R) Xeon(R) Processor``, no model name) and falls back to its Prescott (SSE3) kernels:
k-means and flat search then run 3-5× slower than the CPU allows (measured on a 2-core AVX-512 VM: k-means of
54k passages into 1,690 lists 14.3 s → 3.1 s, search of 162k passages 4.9 s → 1.5 s). Unless the user has set
``OPENBLAS_CORETYPE``, it is set from the CPU's flags before the library is first loaded (OpenBLAS reads it
once, when it loads). numpy's own OpenBLAS recognises such CPUs and would pick the same kernels.
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path
from types import ModuleType

_CORE_BY_FLAG = (("avx512f", "SkylakeX"), ("avx2", "Haswell"))
"""OpenBLAS core types by the CPU flag they need, best first."""


def _core_type(cpuinfo: str) -> str | None:
    """The best OpenBLAS core type the flags in ``/proc/cpuinfo`` text allow (None: leave the choice to it)."""
    flags = next((set(line.split(":", 1)[1].split()) for line in cpuinfo.splitlines() if line.startswith("flags")),
                 set())
    return next((core for flag, core in _CORE_BY_FLAG if flag in flags), None)


def _chosen_core_type() -> str | None:
    """The core type to give faiss's OpenBLAS on x86-64 Linux, None when the user chose one or it is not ours
    to choose."""
    if "OPENBLAS_CORETYPE" in os.environ or sys.platform != "linux" or platform.machine() != "x86_64":
        return None
    try:
        return _core_type(Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None


def load_faiss() -> ModuleType:
    """The faiss module, its BLAS kernels chosen on first load (only the scan's vector join and the faiss
    backend need it). The variable is removed again at once, so that processes this one starts keep their own
    BLAS choice (numpy's kernels must not depend on whether faiss was loaded first)."""
    if "faiss" in sys.modules:
        return sys.modules["faiss"]
    core = _chosen_core_type()
    if core is not None:
        os.environ["OPENBLAS_CORETYPE"] = core
    try:
        import faiss
    finally:
        if core is not None:
            del os.environ["OPENBLAS_CORETYPE"]
    return faiss
