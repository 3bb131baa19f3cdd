"""Two-layer sine regression, ITERS SGD steps, with torch autograd (float64, CPU).

Usage: sine_torch.py ITERS
"""
import sys

import torch
import torch.nn.functional as F

import sine_data
from protocol import clock, report, rss_kb


def main(iters):
    x, y, params = sine_data.make()
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    W1, b1, W2, b2 = params = [torch.from_numpy(p).requires_grad_() for p in params]
    report("rss_base_kb", rss_kb())
    t0 = clock()
    for _ in range(iters):
        h = torch.sigmoid(x @ W1 + b1)
        loss = F.mse_loss(h @ W2 + b2, y)
        for p in params:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= sine_data.LR * p.grad
    t1 = clock()
    report("iters", iters)
    report("train", t1 - t0)
    report("loss", loss.item())


if __name__ == "__main__":
    main(int(sys.argv[1]))
