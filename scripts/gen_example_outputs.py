#!/usr/bin/env python3
"""Computes the expected stdout of every examples/NAME.dz into examples/NAME.out.

Each example below is a Python transcription of the .dz program, statement for
statement, on the tiny DeZero of minidezero.py (numpy float64, DeZero's order of
operations). `echo(v)` stands for a top-level expression statement, `pr(...)` for
dz's print. Run from anywhere:  python3 scripts/gen_example_outputs.py [--check]
With --check it compares against the committed .out files instead of writing them.
"""

import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import minidezero as dz  # noqa: E402
from minidezero import Variable as V, fmt  # noqa: E402

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"


class Out:
    def __init__(self):
        self.lines = []

    def echo(self, v):
        self.lines.append(fmt(v))

    def pr(self, *vs):
        self.lines.append(" ".join(fmt(v) for v in vs))

    def text(self):
        return "".join(line + "\n" for line in self.lines)


def t(x):
    """A dz literal or creation builtin: a leaf tensor."""
    return V(np.array(x))


def seed_dot(o):
    a = t([1, 2, 3])
    b = t([4, 5, 6])
    c = dz.dot(a, b)
    o.pr(c)


def seed_matmul(o):
    a = t([[1, 2], [3, 4]])
    b = t([[5, 6], [7, 8]])
    c = dz.dot(a, b)
    o.pr(c)
    o.echo(c.shape)
    o.echo(a @ b)


def seed_matmul_backward(o):
    np.random.seed(0)
    x = t(np.random.randn(2, 3))
    W = t(np.random.randn(3, 4))
    y = dz.matmul(x, W)
    y.backward()
    o.pr(x.grad.shape)
    o.pr(W.grad.shape)
    o.echo(x.grad)
    o.echo(W.grad)
    o.echo(t(np.ones((2, 4))) @ W.T)
    o.echo(x.T @ t(np.ones((2, 4))))


def first_gradient(o):
    x = t(2.0)
    y = x ** 3
    o.echo(y)
    y.backward()
    o.echo(x.grad)
    x.cleargrad()
    y = x ** 3
    y.backward(create_graph=True)
    gx = x.grad
    o.echo(gx)
    x.cleargrad()
    gx.backward()
    o.echo(x.grad)
    g1 = dz.grad(y, x, create_graph=True)
    g2 = dz.grad(g1, x, create_graph=True)
    g3 = dz.grad(g2, x)
    o.pr(g1, g2, g3)


def broadcasting_gradients(o):
    x = t([[1, 2, 3], [4, 5, 6]])
    b = t([10, 20, 30])
    o.pr(x.shape, b.shape)
    y = x + b
    o.echo(y)
    dz.sum_(y).backward()
    o.echo(b.grad)
    o.echo(x.grad)
    w = t([[2], [3]])
    z = x * w
    o.echo(z)
    dz.sum_(z).backward()
    o.echo(w.grad)
    o.echo(x.grad)
    x.cleargrad()
    s = t(0.5)
    dz.sum_(s * x).backward()
    o.echo(s.grad)
    o.echo(x.grad)
    x.cleargrad()
    c = dz.sum_(x, axis=0)
    o.echo(c)
    dz.sum_(c * t([1, 10, 100])).backward()
    o.echo(x.grad)


def rosenbrock(o):
    def f(x0, x1):
        return t(100) * (x1 - x0 ** 2) ** 2 + (x0 - t(1)) ** 2

    x0 = t(0.0)
    x1 = t(2.0)
    lr = t(0.001)
    for i in range(1000):
        if i % 100 == 0:
            o.pr(i, [x0, x1])
        y = f(x0, x1)
        y.backward()
        with dz.no_grad():
            x0 = x0 - lr * x0.grad
            x1 = x1 - lr * x1.grad
    o.echo([x0, x1])


def newton(o):
    def f(x):
        return x ** 4 - t(2) * x ** 2

    x = t(2.0)
    for i in range(10):
        o.pr(i, x)
        y = f(x)
        gx = dz.grad(y, x, create_graph=True)
        gx2 = dz.grad(gx, x)
        with dz.no_grad():
            x = x - gx / gx2


def sine_regression(o):
    np.random.seed(0)
    I, H, O = 1, 10, 1
    with dz.no_grad():
        x = t(np.random.rand(100, 1))
        y = dz.sin(t(2) * t(np.pi) * x) + t(np.random.rand(100, 1))
        W1 = t(0.01) * t(np.random.randn(I, H))
        b1 = t(np.zeros(H))
        W2 = t(0.01) * t(np.random.randn(H, O))
        b2 = t(np.zeros(O))

    def predict(x):
        y = dz.linear(x, W1, b1)
        y = dz.sigmoid(y)
        y = dz.linear(y, W2, b2)
        return y

    lr = t(0.2)
    for i in range(10000):
        y_pred = predict(x)
        loss = dz.mean_squared_error(y, y_pred)
        loss.backward()
        with dz.no_grad():
            W1 = W1 - lr * W1.grad
            b1 = b1 - lr * b1.grad
            W2 = W2 - lr * W2.grad
            b2 = b2 - lr * b2.grad
        if i % 1000 == 0:
            o.pr([loss])
    o.echo(predict(t([[0], [0.25], [0.5], [0.75]])))


def linear_regression(o):
    np.random.seed(0)
    x = t(np.random.rand(100, 1))
    y = t(5) + t(2) * x + t(np.random.rand(100, 1))
    W = t(np.zeros((1, 1)))
    b = t(np.zeros(1))

    def predict(x):
        return x @ W + b

    lr = t(0.1)
    for i in range(100):
        loss = dz.mean_squared_error(y, predict(x))
        loss.backward()
        with dz.no_grad():
            W = W - lr * W.grad
            b = b - lr * b.grad
        if i % 10 == 0:
            o.pr(W, b, [loss])


def softmax_cross_entropy(o):
    x = t([[0.2, -0.4, 1.6], [1.0, 2.0, -1.0]])
    tt = t([2, 0])
    p = dz.softmax(x)
    o.echo(p)
    o.echo(dz.sum_(p, axis=1))
    loss = dz.softmax_cross_entropy(x, tt)
    o.pr([loss])
    loss.backward()
    o.echo(x.grad)
    o.echo((p - t([[0, 0, 1], [1, 0, 0]])) / t(2))


def shapes_and_tuples(o):
    x = t(np.zeros((2, 3)))
    o.echo(x.shape)
    o.echo(x.shape[0])
    o.echo(x.ndim)
    o.echo(x.data.size)
    o.echo(len(x))
    o.echo(t(np.ones(3)).shape)
    o.echo((x + t(np.ones(3))).shape)
    o.echo(x.T.shape)
    s = t(5.0)
    o.echo(s.shape)
    a = dz.reshape(t(np.arange(6)), (2, 3))
    o.echo(a)
    o.echo(dz.sum_(a, axis=0))
    o.echo(dz.sum_(a, axis=1, keepdims=True).shape)
    o.echo(dz.sum_(a))
    rows, cols = a.shape
    o.pr(rows, cols)


def layers_summary(named_layers):
    """dz's parameter part of a model's summary: `l0.W (1, 10), ...; 31 parameters`."""
    parts, count, pending = [], 0, False
    for name, l in named_layers:
        ins = "?" if l.W is None else str(l.in_size)
        parts.append(f"{name}.W ({ins}, {l.out_size})")
        parts.append(f"{name}.b ({l.out_size},)")
        count += (0 if l.W is None else l.W.data.size) + l.b.data.size
        pending = pending or l.W is None
    return ", ".join(parts) + f"; {count} parameters" + (" (W is created at the first call)" if pending else "")


def mlp_summary(model, sizes):
    """dz's one-line summary of an MLP."""
    sizes_text = "(" + ", ".join(str(s) for s in sizes) + ("," if len(sizes) == 1 else "") + ")"
    return f"MLP({sizes_text}, activation=sigmoid): " + layers_summary((f"l{i}", l) for i, l in enumerate(model.layers))


def mlp_sine(o):
    np.random.seed(0)
    with dz.no_grad():
        x = t(np.random.rand(100, 1))
        y = dz.sin(t(2) * t(np.pi) * x) + t(np.random.rand(100, 1))
    model = dz.MLP((10, 1))
    opt = dz.SGD(0.2).setup(model)
    o.lines.append(mlp_summary(model, (10, 1)))
    for i in range(5000):
        y_pred = model(x)
        loss = dz.mean_squared_error(y, y_pred)
        model.cleargrads()
        loss.backward()
        opt.update()
        if i % 500 == 0:
            o.pr([loss])
    o.lines.append(mlp_summary(model, (10, 1)))
    o.lines.append("SGD(lr=0.2): updates MLP (31 parameters)")
    o.echo(len(model.params()))
    o.echo(model.layers[1].b)
    o.echo(model(t([[0], [0.25], [0.5], [0.75]])))


def spiral(o):
    xa, ta = dz.get_spiral(train=True)
    model = dz.MLP((10, 3))
    opt = dz.SGD(1.0).setup(model)
    loader = dz.DataLoader(xa, ta, 30)
    o.lines.append("DataLoader(300 samples, batch_size=30, shuffle=true): 10 batches per epoch")
    for epoch in range(300):
        sum_loss = 0.0
        sum_acc = 0.0
        for bx, bt in loader:
            y = model(bx)
            loss = dz.softmax_cross_entropy(y, bt)
            acc = dz.accuracy(y, bt)
            model.cleargrads()
            loss.backward()
            opt.update()
            sum_loss += float(loss.data) * len(bt)
            sum_acc += float(acc.data) * len(bt)
        if (epoch + 1) % 10 == 0:
            o.pr(epoch + 1, [sum_loss / len(xa), sum_acc / len(xa)])
    o.lines.append(mlp_summary(model, (10, 3)))
    x_test, t_test = dz.get_spiral(train=False)
    with dz.no_grad():
        y_test = model(t(x_test))
    tt = t(t_test)
    o.pr("test", [dz.softmax_cross_entropy(y_test, tt), dz.accuracy(y_test, tt)])


def gradcheck_text(f, xs, rtol=1e-4, atol=1e-5):
    """dz's gradcheck: backward against central differences (step 1e-4) of sum(f(x));
    the worst element over the allclose tolerance, or true."""
    variables = [t(x) for x in xs]
    f(*variables).backward()
    worst = None
    for k, x in enumerate(xs):
        flat = x.reshape(-1).copy()
        num = np.zeros_like(flat)
        for i in range(flat.size):
            orig = flat[i]
            vals = []
            for d in (1e-4, -1e-4):
                flat[i] = orig + d
                args = [t(v) for v in xs]
                args[k] = t(flat.reshape(x.shape))
                vals.append(float(np.sum(f(*args).data)))
            flat[i] = orig
            num[i] = (vals[0] - vals[1]) / (2 * 1e-4)
        ana = variables[k].grad.data.reshape(-1)
        for i, (a, n) in enumerate(zip(ana, num)):
            tol = atol + rtol * abs(n)
            excess = abs(a - n) - tol
            if excess > 0 and (worst is None or excess > worst[0]):
                worst = (excess, k, i, a, n, tol, x.shape)
    if worst is None:
        return None
    _, k, i, a, n, tol, shape = worst
    index = np.unravel_index(i, shape)
    idx = "(" + ", ".join(str(int(j)) for j in index) + ("," if len(index) == 1 else "") + ")"
    return (f"gradcheck failed: input {k}, element {i} (index {idx}): backward gives {float(a)!r}, "
            f"numerical {float(n)!r}; difference {float(abs(a - n))!r} > tolerance {float(tol)!r}")


class UserMatMul(dz.Function):
    def forward(self, x, W): return np.dot(x, W)

    def backward(self, gy):
        x, W = self.inputs
        return dz.matmul(gy, W.T), dz.matmul(x.T, gy)


class WrongMatMul(dz.Function):
    def forward(self, x, W): return np.dot(x, W)

    def backward(self, gy):
        x, W = self.inputs
        return dz.matmul(gy, W.T), dz.matmul(x.T, gy) * t(2)


def seed_matmul_function(o):
    def my_matmul(x, W): return UserMatMul()(x, W)
    np.random.seed(0)
    xa = np.random.randn(2, 3)
    Wa = np.random.randn(3, 4)
    x, W = t(xa), t(Wa)
    y = my_matmul(x, W)
    o.echo(y.shape)
    y.backward()
    o.pr(x.grad.shape, W.grad.shape)
    o.echo(x.grad)
    o.echo(W.grad)
    o.lines.append("True" if gradcheck_text(my_matmul, [xa, Wa]) is None else "False")
    failure = gradcheck_text(lambda a, b: WrongMatMul()(a, b), [xa, Wa])
    o.lines.append(failure)
    o.lines.append("False")
    o.lines += [
        "backward of y (2, 4): 1 function, newest first; the seed gy is ones (2, 4)",
        "1. MatMul  x (2, 3), W (3, 4) -> y (2, 4)",
        "     rule written in MatMul.backward(self, gy), with gy (2, 4) (the gradient of y):",
        "       x, W = self.inputs",
        "       gx = matmul(gy, W.T)",
        "       gW = matmul(x.T, gy)",
        "       return gx, gW",
        "     returned: gx (2, 3), gW (3, 4)",
        "leaves: x gets gx (2, 3); W gets gW (3, 4)",
    ]


class TwoLayerNet:
    """DeZero step 45's model, its layers as attributes."""
    def __init__(self, hidden_size, out_size):
        self.l1 = dz.LinearLayer(hidden_size)
        self.l2 = dz.LinearLayer(out_size)

    def __call__(self, x):
        return self.l2(dz.sigmoid(self.l1(x)))

    def params(self):
        return self.l1.params() + self.l2.params()

    def cleargrads(self):
        for p in self.params():
            p.cleargrad()


def two_layer_summary(model):
    return "TwoLayerNet: " + layers_summary((("l1", model.l1), ("l2", model.l2)))


def two_layer_net(o):
    np.random.seed(0)
    with dz.no_grad():
        x = t(np.random.rand(100, 1))
        y = dz.sin(t(2) * t(np.pi) * x) + t(np.random.rand(100, 1))
    model = TwoLayerNet(10, 1)
    o.lines.append(two_layer_summary(model))
    opt = dz.SGD(0.2).setup(model)
    for i in range(5000):
        y_pred = model(x)
        loss = dz.mean_squared_error(y, y_pred)
        model.cleargrads()
        loss.backward()
        opt.update()
        if i % 1000 == 0:
            o.pr([loss])
    o.lines.append(two_layer_summary(model))
    o.echo(len(model.params()))
    o.echo(model.l2.b)
    o.echo(model(t([[0], [0.25], [0.5], [0.75]])))


class Square(dz.Function):
    def forward(self, x): return x ** 2

    def backward(self, gy):
        x, = self.inputs
        return t(2) * x * gy


class Exp(dz.Function):
    def forward(self, x): return np.exp(x)

    def backward(self, gy):
        return dz.exp(self.inputs[0]) * gy


def square_exp_square(o):
    def square(x): return Square()(x)
    def exp_(x): return Exp()(x)
    x = t(0.5)
    a = square(x)
    b = exp_(a)
    y = square(b)
    o.echo(y)
    y.backward()
    o.echo(x.grad)
    o.echo(t(2) * b * dz.exp(a) * t(2) * x)
    np.random.seed(0)
    xs = np.random.randn(3)
    o.lines.append("True" if gradcheck_text(lambda v: square(exp_(square(v))), [xs]) is None else "False")
    o.lines += ["[1] y () = Square", "\u2514\u2500\u2500 [2] b () = Exp",
                "    \u2514\u2500\u2500 [3] a () = Square", "        \u2514\u2500\u2500 [4] x ()"]


ALL = {
    "seed-dot": seed_dot,
    "seed-matmul": seed_matmul,
    "seed-matmul-backward": seed_matmul_backward,
    "first-gradient": first_gradient,
    "broadcasting-gradients": broadcasting_gradients,
    "shapes-and-tuples": shapes_and_tuples,
    "rosenbrock": rosenbrock,
    "newton": newton,
    "linear-regression": linear_regression,
    "sine-regression": sine_regression,
    "softmax-cross-entropy": softmax_cross_entropy,
    "mlp-sine": mlp_sine,
    "spiral": spiral,
    "seed-matmul-function": seed_matmul_function,
    "two-layer-net": two_layer_net,
    "square-exp-square": square_exp_square,
}


def main():
    check = "--check" in sys.argv[1:]
    failed = False
    for name, fn in ALL.items():
        o = Out()
        fn(o)
        path = EXAMPLES / f"{name}.out"
        if not (EXAMPLES / f"{name}.dz").exists():
            print(f"missing {name}.dz", file=sys.stderr)
            failed = True
        if check:
            if not path.exists() or path.read_text() != o.text():
                print(f"differs: {path.name}", file=sys.stderr)
                failed = True
        else:
            path.write_text(o.text())
            print(f"wrote {path.relative_to(EXAMPLES.parent)}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
