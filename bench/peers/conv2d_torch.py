"""conv2d forward + backward with PyTorch eager (float64, CPU).

Usage: conv2d_torch.py ITERS   x (32, 3, 32, 32), W (16, 3, 3, 3), pad 1, gy = ones.
"""
import sys

import numpy as np
import torch

from protocol import report, report_per_iteration, threads


def main(iters):
    if threads():
        torch.set_num_threads(threads())
    np.random.seed(0)
    x = torch.tensor(np.random.randn(32, 3, 32, 32), requires_grad=True)
    W = torch.tensor(np.random.randn(16, 3, 3, 3), requires_grad=True)
    b = torch.zeros(16, dtype=torch.float64, requires_grad=True)

    def step():
        for v in (x, W, b):
            v.grad = None
        y = torch.nn.functional.conv2d(x, W, b, stride=1, padding=1)
        y.backward(torch.ones_like(y))

    report_per_iteration(step, iters)
    report("grad_sum", W.grad.sum().item())


if __name__ == "__main__":
    main(int(sys.argv[1]))
