"""y = x @ W forward and backward with torch autograd (CPU).

Usage: matmul_torch.py N ITERS [DTYPE]   (DTYPE float64 (default) or float32; threads: BENCH_THREADS -> torch.set_num_threads)
"""
import sys

import numpy as np
import torch

from protocol import report_per_iteration, threads


def step(x, W):
    x.grad = None
    W.grad = None
    y = x @ W
    y.backward(torch.ones_like(y))
    return y


def main(n, iters, dtype="float64"):
    if threads():
        torch.set_num_threads(threads())
    np.random.seed(0)
    x = torch.tensor(np.random.randn(n, n).astype(dtype), requires_grad=True)
    W = torch.tensor(np.random.randn(n, n).astype(dtype), requires_grad=True)
    report_per_iteration(lambda: step(x, W), iters)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), *sys.argv[3:4])
