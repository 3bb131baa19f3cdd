"""A 2-layer LSTM step, forward + backward, with DeZero's LSTM layer (float64 weights).

Usage: lstm_dezero.py ITERS   batch 32, input 16, hidden 64; loss = sum of the output; the
state carries over and the graph is cut after each backward (truncated BPTT of 1).
"""
import sys

import numpy as np

from dezero_shim import F, dezero
from protocol import report, report_per_iteration

dezero.layers.Linear.__init__.__defaults__ = (False, np.float64, None)


def main(iters):
    np.random.seed(0)
    x = np.random.randn(32, 16)
    l1 = dezero.layers.LSTM(64, in_size=16)
    l2 = dezero.layers.LSTM(64, in_size=64)
    out = {}

    def step():
        l1.cleargrads(); l2.cleargrads()
        y = F.sum(l2(l1(x)))
        y.backward()
        y.unchain_backward()
        out["y"] = float(y.data)

    report_per_iteration(step, iters)
    report("y_sum", out["y"])


if __name__ == "__main__":
    main(int(sys.argv[1]))
