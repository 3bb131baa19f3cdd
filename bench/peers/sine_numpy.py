"""Two-layer sine regression, ITERS SGD steps, forward and backward written by hand in numpy.

Usage: sine_numpy.py ITERS
"""
import sys

import numpy as np

import sine_data
from protocol import clock, report, rss_kb


def step(x, y, params, lr):
    W1, b1, W2, b2 = params
    a = x @ W1 + b1
    h = 1 / (1 + np.exp(-a))
    p = h @ W2 + b2
    diff = p - y
    loss = (diff ** 2).sum() / len(diff)
    gp = 2 * diff / len(diff)
    gW2 = h.T @ gp
    gb2 = gp.sum(axis=0)
    gh = gp @ W2.T
    ga = gh * h * (1 - h)
    gW1 = x.T @ ga
    gb1 = ga.sum(axis=0)
    for param, grad in zip(params, (gW1, gb1, gW2, gb2)):
        param -= lr * grad
    return loss


def main(iters):
    x, y, params = sine_data.make()
    report("rss_base_kb", rss_kb())
    t0 = clock()
    for _ in range(iters):
        loss = step(x, y, params, sine_data.LR)
    t1 = clock()
    report("iters", iters)
    report("train", t1 - t0)
    report("loss", loss)


if __name__ == "__main__":
    main(int(sys.argv[1]))
