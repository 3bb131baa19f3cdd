#!/usr/bin/env python3
"""Writes Tests/DZLanguageTests/Fixtures/float32-training.json: DeZero step 46 (a two-layer
sigmoid network fitting the noisy sine with SGD) in float32, written out in numpy float32
with the backward pass by hand, independently of dz. The Swift test runs the same program
in dz with `dtype=float32` and checks every recorded loss to rtol 1e-5 (the tolerance
covers float32 sin and summation order, which numpy's SIMD loops choose differently).

It also runs the same step with DeZero 0.0.13 itself (Linear, F.sigmoid,
F.mean_squared_error, optimizers.SGD, all float32) and records its losses beside the
numpy ones; the test checks dz against both (DeZero's gradients are float64 under
numpy 2, see `dezero_run`; its parameters and losses are float32). One line of DeZero is restored to what it
computed under numpy 1: `Linear._init_W` multiplies the float32 `randn` by
`np.sqrt(1 / I)`, a float64 scalar, which numpy 1's value-based casting kept float32
and numpy 2 (NEP 50) widens to float64; the patch casts that scalar to float32 first.

Run: bench/setup_venv && bench/.venv/bin/python scripts/gen_float32_training_fixture.py
(numpy 2.4 and DeZero, from the bench venv)"""
import json
import pathlib
import sys

import numpy as np

f32 = np.float32
REPO = pathlib.Path(__file__).resolve().parent.parent
OUT = REPO / "Tests/DZLanguageTests/Fixtures/float32-training.json"

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


def dezero_run():
    """DeZero step 46 in float32 with DeZero's own layers, functions and optimizer."""
    sys.path.insert(0, str(REPO / "bench/peers"))
    from dezero_shim import dezero, F  # noqa: E402  (DeZero 0.0.13 on numpy 2)
    import dezero.layers as L
    from dezero import optimizers

    def init_w(self, xp=np):  # numpy 1's float32 result of DeZero's `_init_W`
        I, O = self.in_size, self.out_size
        self.W.data = xp.random.randn(I, O).astype(self.dtype) * self.dtype(np.sqrt(1 / I))
    L.Linear._init_W = init_w

    np.random.seed(0)
    x = np.random.rand(100, 1).astype(f32)
    y = np.sin(2 * np.pi * x) + np.random.rand(100, 1).astype(f32)
    l1, l2 = L.Linear(10, dtype=f32), L.Linear(1, dtype=f32)
    model = dezero.Layer()
    model.l1, model.l2 = l1, l2
    opt = optimizers.SGD(0.2).setup(model)
    losses = []
    for i in range(200):
        loss = F.mean_squared_error(l2(F.sigmoid(l1(x))), y)
        model.cleargrads()
        loss.backward()
        opt.update()
        # The parameters stay float32 (SGD updates them in place). Under numpy 2 DeZero's
        # gradients are float64: its backward turns Python scalars into float64 0-d arrays
        # (`as_array(2. / len(diff))`), which NEP 50 treats as strong; dz treats a 0-d
        # operand as weak, so its gradients stay float32 (docs/language.md, Dtypes).
        assert loss.data.dtype == f32 and l1.W.data.dtype == f32 and l2.b.data.dtype == f32
        if i % 20 == 0:
            losses.append(float(loss.data))
    final = float(l2(F.sigmoid(l1(np.array([[0.25]], dtype=f32)))).data[0, 0])
    return losses, final


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
    dezero_losses, dezero_final = dezero_run()
    OUT.write_text(json.dumps({"numpy_version": np.__version__, "program": PROGRAM,
                               "losses": losses, "prediction_at_0_25": final,
                               "dezero_losses": dezero_losses, "dezero_prediction_at_0_25": dezero_final},
                              indent=1) + "\n")
    print(f"wrote {OUT}: losses {losses[0]:.6f} .. {losses[-1]:.6f}, prediction {final:.6f}; "
          f"DeZero's {dezero_losses[0]:.6f} .. {dezero_losses[-1]:.6f}, prediction {dezero_final:.6f}")


if __name__ == "__main__":
    main()
