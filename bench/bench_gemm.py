"""The matrix products of the English model's layers through thinc's NumpyOps (BLIS) and through
crisisdesk's MatmulOps (numpy's matmul, OpenBLAS), one BLAS thread, on the shapes a pipeline
batch of sentences gives (issue 21).

    .venv/bin/python bench/bench_gemm.py [--rows 1600]

Shapes: rows × inputs @ inputs × outputs as ``Ops.gemm(x, W, trans2=True)`` receives them, found
by counting the calls over the bench articles. A benchmark, not a test: compare the two columns
of one run.
"""

from __future__ import annotations

import argparse
import time

#: (layer, inputs, outputs) of en_core_web_sm's products through ops.gemm.
SHAPES = (
    ("tok2vec window maxout", 288, 288),
    ("tok2vec embedding mix", 384, 288),
    ("ner tok2vec maxout", 576, 288),
    ("parser/ner input linear", 96, 64),
    ("parser precomputed layer", 64, 1024),
    ("ner precomputed layer", 64, 384),
    ("tagger softmax", 96, 50),
)


def seconds_per_call(gemm, x, w, flops: float) -> float:
    def call():
        return gemm(x, w, trans2=True)

    call()
    repeat = max(3, int(2e8 / flops))
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(repeat):
            call()
        best = min(best, (time.perf_counter() - start) / repeat)
    return best


def main(argv: list[str] | None = None) -> None:
    import numpy
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    from crisisdesk.nlp.ops import MatmulOps

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1600, help="tokens in a batch (64 sentences of about 25)")
    rows = parser.parse_args(argv).rows
    blis, matmul = NumpyOps(), MatmulOps()
    rng = numpy.random.default_rng(0)
    print(f"{'layer':26s} {'shape':>22s} {'BLIS GFLOP/s':>13s} {'matmul GFLOP/s':>15s} {'speed-up':>9s} {'max diff':>9s}")
    with threadpool_limits(1, user_api="blas"):
        for layer, inputs, outputs in SHAPES:
            x = rng.standard_normal((rows, inputs), dtype=numpy.float32)
            w = rng.standard_normal((outputs, inputs), dtype=numpy.float32)
            flops = 2.0 * rows * inputs * outputs
            slow = seconds_per_call(blis.gemm, x, w, flops)
            fast = seconds_per_call(matmul.gemm, x, w, flops)
            diff = float(numpy.abs(blis.gemm(x, w, trans2=True) - matmul.gemm(x, w, trans2=True)).max())
            shape = f"{rows}x{inputs} @ {inputs}x{outputs}"
            print(f"{layer:26s} {shape:>22s} {flops / slow / 1e9:13.1f} {flops / fast / 1e9:15.1f} {slow / fast:8.2f}x {diff:9.1e}")


if __name__ == "__main__":
    main()
