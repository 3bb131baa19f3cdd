"""Two-layer sine regression, ITERS SGD steps, with DeZero (step 43).

Usage: sine_dezero.py ITERS
"""
import sys

import sine_data
from dezero_shim import F, dezero
from protocol import clock, report, rss_kb


def main(iters):
    x, y, params = sine_data.make()
    W1, b1, W2, b2 = params = [dezero.Variable(p) for p in params]
    report("rss_base_kb", rss_kb())
    t0 = clock()
    for _ in range(iters):
        h = F.sigmoid(F.linear(x, W1, b1))
        loss = F.mean_squared_error(y, F.linear(h, W2, b2))
        for p in params:
            p.cleargrad()
        loss.backward()
        for p in params:
            p.data -= sine_data.LR * p.grad.data
    t1 = clock()
    report("iters", iters)
    report("train", t1 - t0)
    report("loss", loss.data)


if __name__ == "__main__":
    main(int(sys.argv[1]))
