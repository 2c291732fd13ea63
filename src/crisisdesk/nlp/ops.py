"""thinc Ops whose matrix products go through numpy's matmul (OpenBLAS) instead of BLIS.

spaCy's models multiply through ``model.ops.gemm`` (every Maxout, Linear, Softmax and the
parser's precomputed first layer). thinc's NumpyOps sends that to BLIS, which on a CPU it has no
kernel for runs its generic reference kernel: on this project's 2-core VM 22-33 GFLOP/s against
72-98 for numpy's OpenBLAS on the same shapes (bench/bench_gemm.py), and the reference kernel was
18% of the fast path's time (issue 21's profile). :class:`MatmulOps` is NumpyOps but for ``gemm``;
the models of :func:`crisisdesk.nlp.pipeline.build_nlp` are built under it (:func:`matmul_ops`).
Only the summation order changes: scores move by ~1e-6 relative, the annotations and facts do not
(tests/test_ops.py, tools/same_extract.py).

What stays on BLIS: the parser's per-step hidden-to-output product and feature sums, which
spaCy calls from C through ``ops.cblas()`` (function pointers that only compiled code can
replace; about 2% of the time).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from functools import lru_cache

import numpy
from thinc.api import NumpyOps, registry, use_ops

#: The name thinc's ``get_ops`` and ``use_ops`` know these Ops by.
NAME = "crisisdesk_matmul"


@registry.ops("CrisisdeskMatmulOps")
class MatmulOps(NumpyOps):
    """NumpyOps whose ``gemm`` (and so ``affine``) is numpy's matmul."""

    name = NAME

    def gemm(self, x, y, *, out=None, trans1: bool = False, trans2: bool = False):
        if x.ndim != 2 or y.ndim != 2 or x.dtype != numpy.float32 or y.dtype != numpy.float32:
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)  # NumpyOps says what is wrong
        # Transposes are views: matmul hands BLAS the transposed layout without copying.
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        # spaCy's precomputable affine passes a 4-d slice as ``out`` (BLIS only needs the memory):
        # write through a 2-d view of the same memory.
        shape = (a.shape[0], b.shape[1])
        target = out if out.shape == shape else out.reshape(shape)
        if not numpy.shares_memory(target, out):  # reshape copied: not a view we can write through
            raise ValueError(f"gemm: out of shape {out.shape} is not contiguous")
        numpy.matmul(a, b, out=target)
        return out


@contextlib.contextmanager
def matmul_ops() -> Iterator[MatmulOps]:
    """Models created inside use :class:`MatmulOps` (thinc's ``use_ops``); the current ops of the
    process are restored after, so only these models are affected."""
    with use_ops(NAME) as ops:
        yield ops


@lru_cache(maxsize=1)
def _blas_controller():
    """threadpoolctl's view of the loaded BLAS libraries (scanning them costs milliseconds: once)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def one_blas_thread():
    """A context in which OpenBLAS uses one thread: processes that share the cores (one per core
    with ``workers``) must not each start a thread per core for matrices this small."""
    return _blas_controller().limit(limits=1, user_api="blas")
