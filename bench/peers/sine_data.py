"""The data and initial weights of DeZero step 43 (the two-layer sine regression).

Drawn from numpy's legacy RandomState after seed(0), in the order dz draws them, so every
implementation starts from the same numbers and should end at the same loss.
"""
import numpy as np

HIDDEN = 10
LR = 0.2


def make():
    np.random.seed(0)
    x = np.random.rand(100, 1)
    y = np.sin(2 * np.pi * x) + np.random.rand(100, 1)
    W1 = 0.01 * np.random.randn(1, HIDDEN)
    b1 = np.zeros(HIDDEN)
    W2 = 0.01 * np.random.randn(HIDDEN, 1)
    b2 = np.zeros(1)
    return x, y, [W1, b1, W2, b2]
