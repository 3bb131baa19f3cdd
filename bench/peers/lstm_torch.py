"""A 2-layer LSTM step, forward + backward, with PyTorch eager: DeZero's LSTM cell written
with torch ops (eight Linear layers per cell, as DeZero's), float64, CPU.

Usage: lstm_torch.py ITERS   batch 32, input 16, hidden 64; loss = sum of the output; the
state carries over, detached after each backward (truncated BPTT of 1).
The weights differ from DeZero's and dz's draws, so y_sum is not comparable; the time is.
"""
import sys

import numpy as np
import torch

from protocol import report, report_per_iteration, threads


class Cell(torch.nn.Module):
    def __init__(self, i, h):
        super().__init__()
        self.x = torch.nn.ModuleList(torch.nn.Linear(i, h, dtype=torch.float64) for _ in range(4))
        self.h = torch.nn.ModuleList(torch.nn.Linear(h, h, bias=False, dtype=torch.float64) for _ in range(4))

        self.state = None

    def forward(self, x):
        if self.state is None:
            f, i, o = (torch.sigmoid(self.x[k](x)) for k in range(3))
            u = torch.tanh(self.x[3](x))
            c = i * u
        else:
            h, c0 = self.state
            f, i, o = (torch.sigmoid(self.x[k](x) + self.h[k](h)) for k in range(3))
            u = torch.tanh(self.x[3](x) + self.h[3](h))
            c = f * c0 + i * u
        h = o * torch.tanh(c)
        self.state = (h, c)
        return h

    def detach(self):
        self.state = tuple(s.detach() for s in self.state)


def main(iters):
    if threads():
        torch.set_num_threads(threads())
    torch.manual_seed(0)
    np.random.seed(0)
    x = torch.tensor(np.random.randn(32, 16))
    l1, l2 = Cell(16, 64), Cell(64, 64)
    out = {}

    def step():
        l1.zero_grad(set_to_none=True); l2.zero_grad(set_to_none=True)
        y = l2(l1(x)).sum()
        y.backward()
        l1.detach(); l2.detach()
        out["y"] = y.item()

    report_per_iteration(step, iters)
    report("y_sum", out["y"])


if __name__ == "__main__":
    main(int(sys.argv[1]))
