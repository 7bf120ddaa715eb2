"""faiss's bundled BLAS is given the kernels the CPU supports, and the choice does not leak to other processes."""

from __future__ import annotations

import os

from unspun.kernels.faiss_loader import _core_type, load_faiss


def test_the_core_type_is_the_best_the_cpu_flags_allow():
    assert _core_type("processor\t: 0\nflags\t\t: fpu sse2 avx avx2 avx512f fma\n") == "SkylakeX"
    assert _core_type("flags\t\t: fpu sse2 avx avx2 fma\n") == "Haswell"
    assert _core_type("flags\t\t: fpu sse2 sse4_2\n") is None
    assert _core_type("") is None


def test_loading_faiss_leaves_the_environment_as_it_was():
    before = os.environ.get("OPENBLAS_CORETYPE")
    faiss = load_faiss()
    assert faiss.IndexFlatIP(4).d == 4
    assert os.environ.get("OPENBLAS_CORETYPE") == before
