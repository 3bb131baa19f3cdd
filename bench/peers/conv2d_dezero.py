"""conv2d forward + backward with DeZero (F.conv2d: im2col + tensordot on numpy).

Usage: conv2d_dezero.py ITERS   x (32, 3, 32, 32), W (16, 3, 3, 3), pad 1, gy = ones.
"""
import sys

import numpy as np

from dezero_shim import F, dezero
from protocol import report, report_per_iteration


def main(iters):
    np.random.seed(0)
    x = dezero.Variable(np.random.randn(32, 3, 32, 32))
    W = dezero.Variable(np.random.randn(16, 3, 3, 3))
    b = dezero.Variable(np.zeros(16))

    def step():
        for v in (x, W, b):
            v.cleargrad()
        y = F.conv2d(x, W, b, 1, 1)
        y.backward()

    report_per_iteration(step, iters)
    report("grad_sum", W.grad.data.sum())


if __name__ == "__main__":
    main(int(sys.argv[1]))
