#!/usr/bin/env python3
"""Writes Tests/DZLanguageTests/Fixtures/float32-training.json: DeZero step 46 (a two-layer
sigmoid network fitting the noisy sine with SGD) in float32, written out in numpy float32
with the backward pass by hand, independently of dz. The Swift test runs the same program
in dz with `dtype=float32` and checks every recorded loss to rtol 1e-5 (the tolerance
covers float32 sin and summation order, which numpy's SIMD loops choose differently).

Run: python3 scripts/gen_float32_training_fixture.py   (numpy 2.4)"""
import json
import pathlib

import numpy as np

f32 = np.float32
OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/DZLanguageTests/Fixtures/float32-training.json"

PROGRAM = """seed(0)
x = rand(100, 1, dtype=float32)
y = sin(2 * pi * x) + rand(100, 1, dtype=float32)
l1 = Linear(10, dtype=float32)
l2 = Linear(1, dtype=float32)
opt = SGD(0.2).setup((l1, l2))
for i in range(200) {
  loss = mean_squared_error(l2(sigmoid(l1(x))), y)
  l1.cleargrads(); l2.cleargrads()
  backward(loss)
  opt.update()
  if i % 20 == 0 { print(loss.dtype, l1.W.dtype, l2.W.grad.dtype, float(loss)) }
}
print(float(l2(sigmoid(l1([[0.25]].astype(float32))))[0, 0]))
"""


def main():
    np.random.seed(0)
    x = np.random.rand(100, 1).astype(f32)
    y = np.sin(f32(2 * np.pi) * x) + np.random.rand(100, 1).astype(f32)
    # Linear's W at its first call: randn(in, out) in float32 times sqrt(1 / in) in float32.
    W1 = np.random.randn(1, 10).astype(f32) * f32(np.sqrt(1 / 1))
    b1 = np.zeros(10, dtype=f32)
    W2 = np.random.randn(10, 1).astype(f32) * f32(np.sqrt(1 / 10))
    b2 = np.zeros(1, dtype=f32)
    lr = f32(0.2)
    losses = []
    for i in range(200):
        a = x @ W1 + b1
        s = f32(1) / (f32(1) + np.exp(-a))
        p = s @ W2 + b2
        diff = p - y
        loss = (diff * diff).sum() / f32(len(diff))
        assert loss.dtype == f32
        g = f32(2) * diff / f32(len(diff))
        gW2 = s.T @ g
        gb2 = g.sum(axis=0)
        gs = g @ W2.T
        ga = gs * s * (f32(1) - s)
        gW1 = x.T @ ga
        gb1 = ga.sum(axis=0)
        W1, b1, W2, b2 = W1 - lr * gW1, b1 - lr * gb1, W2 - lr * gW2, b2 - lr * gb2
        assert W1.dtype == f32 and b2.dtype == f32
        if i % 20 == 0:
            losses.append(float(loss))
    q = np.array([[0.25]], dtype=f32)
    final = float(((f32(1) / (f32(1) + np.exp(-(q @ W1 + b1)))) @ W2 + b2)[0, 0])
    OUT.write_text(json.dumps({"numpy_version": np.__version__, "program": PROGRAM,
                               "losses": losses, "prediction_at_0_25": final}, indent=1) + "\n")
    print(f"wrote {OUT}: losses {losses[0]:.6f} .. {losses[-1]:.6f}, prediction {final:.6f}")


if __name__ == "__main__":
    main()
