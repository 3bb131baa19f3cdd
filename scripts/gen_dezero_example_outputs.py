#!/usr/bin/env python3
"""Computes examples/{cnn-digits,lstm-sine,rnn-sine}.out with DeZero 0.0.13 itself.

    bench/setup_venv && bench/.venv/bin/python scripts/gen_dezero_example_outputs.py [--check]

The examples of DeZero's steps 52-60 (convolutions, RNN, LSTM, truncated backpropagation)
are transcribed statement for statement onto DeZero (its layers in float64, as dz's), so
their expected output is made independently of the Swift engine; dz's echo of a layer or
a loader is written here from the same shapes. With --check it compares instead of writing.
"""
import pathlib
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench/peers"))
sys.path.insert(0, str(ROOT / "scripts"))
from dezero_shim import dezero, F  # noqa: E402
from gen_dezero_fixtures import float64_layers  # noqa: E402
from minidezero import fmt  # noqa: E402

L = dezero.layers
float64_layers()


class Out:
    def __init__(self):
        self.lines = []

    def echo(self, v):
        self.lines.append(v if isinstance(v, str) else fmt(v))

    def pr(self, *vs):
        self.lines.append(" ".join(v if isinstance(v, str) else fmt(v) for v in vs))


def arr(*values):
    """A dz list literal of 0-d tensors: one 1-d array."""
    return fmt([np.asarray(getattr(v, "data", v), dtype=np.float64) for v in values])


def num(v):
    return fmt(float(v))


def shape(s):
    return "(" + ", ".join(map(str, s)) + (",)" if len(s) == 1 else ")")


def params_text(named):
    count = sum(p.size for _, p in named)
    return ", ".join(f"{n} {shape(p.shape)}" for n, p in named) + f"; {count} parameter{'s' if count != 1 else ''}"


class Pair(dezero.Model):
    """The tuple (a, b) given to an optimizer's setup."""
    def __init__(self, a, b):
        super().__init__()
        self.a, self.b = a, b


def conv_summary(conv):
    head = "Conv2d(out_channels=4, kernel_size=(3, 3), stride=(1, 1), pad=(1, 1)): "
    named = ([("W", conv.W.data)] if conv.W.data is not None else []) + [("b", conv.b.data)]
    return head + params_text(named) + ("" if conv.W.data is not None else " (more are made at the first call)")


def cnn_digits(o):
    np.random.seed(0)
    t = np.array([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2])
    rows = np.arange(8.0).reshape(1, 1, 8, 1) % 3
    x = np.random.rand(12, 1, 8, 8) + (rows == t.reshape(12, 1, 1, 1))
    conv = L.Conv2d(4, 3, pad=1)
    fc = L.Linear(3)
    o.echo(conv_summary(conv))
    opt = dezero.optimizers.SGD(0.5).setup(Pair(conv, fc))

    def predict(x):
        h = F.pooling(F.relu(conv(x)), 2, 2)
        return fc(F.reshape(h, (len(x), 64)))

    for i in range(40):
        y = predict(x)
        loss = F.softmax_cross_entropy(y, t)
        conv.cleargrads(); fc.cleargrads()
        loss.backward()
        opt.update()
        if i % 10 == 0:
            o.pr(arr(loss))
    o.echo(conv_summary(conv))
    o.echo(num(F.accuracy(predict(x), t).data))
    o.echo(str(np.asarray(conv.b.data, dtype=np.float64)))


def lstm_names(lstm):
    names = []
    for g in "fiou":
        names += [(f"x2{g}/W", getattr(lstm, f"x2{g}").W.data), (f"x2{g}/b", getattr(lstm, f"x2{g}").b.data)]
    for g in "fiou":
        names += [(f"h2{g}/W", getattr(lstm, f"h2{g}").W.data)]
    return names


def lstm_sine(o):
    np.random.seed(0)
    train = dezero.datasets.SinCurve(train=True)
    loader = dezero.dataloaders.SeqDataLoader(train, 30)
    o.echo(f"SeqDataLoader({len(train)} samples, batch_size=30): {loader.max_iter} batches per epoch")
    lstm = L.LSTM(10)
    fc = L.Linear(1)
    opt = dezero.optimizers.Adam().setup(Pair(lstm, fc))
    for epoch in range(3):
        lstm.reset_state()
        loss, count = 0, 0
        for x, t in loader:
            y = fc(lstm(x))
            loss = loss + F.mean_squared_error(y, t)
            count += 1
            if count % 30 == 0:
                lstm.cleargrads(); fc.cleargrads()
                loss.backward()
                loss.unchain_backward()
                opt.update()
        o.pr(num(epoch + 1), arr(loss / count))
    o.echo("LSTM(hidden_size=10): " + params_text(lstm_names(lstm)))
    test = dezero.datasets.SinCurve(train=False)
    lstm.reset_state()
    with dezero.no_grad():
        for i in range(5):
            o.pr(arr(fc(lstm(test.data[i].reshape(1, 1)))[0, 0]))


def rnn_sine(o):
    np.random.seed(0)
    train = dezero.datasets.SinCurve(train=True)
    x, t = train.data, train.label
    rnn = L.RNN(10)
    fc = L.Linear(1)
    opt = dezero.optimizers.Adam().setup(Pair(rnn, fc))
    for epoch in range(2):
        rnn.reset_state()
        loss, count, total = 0, 0, 0
        for i in range(len(x)):
            y = fc(rnn(x[i].reshape(1, 1)))
            loss = loss + F.mean_squared_error(y, t[i].reshape(1, 1))
            count += 1
            if count % 30 == 0:
                rnn.cleargrads(); fc.cleargrads()
                loss.backward()
                loss.unchain_backward()
                opt.update()
                total = total + loss.data
                loss = 0
        o.pr(num(epoch + 1), arr(total / 33))
    named = [("x2h/W", rnn.x2h.W.data), ("x2h/b", rnn.x2h.b.data), ("h2h/W", rnn.h2h.W.data)]
    o.echo("RNN(hidden_size=10): " + params_text(named))
    o.echo(shape(rnn.h2h.W.shape))


EXAMPLES = {"cnn-digits": cnn_digits, "lstm-sine": lstm_sine, "rnn-sine": rnn_sine}


def main():
    check = "--check" in sys.argv
    failed = False
    for name, f in EXAMPLES.items():
        o = Out()
        f(o)
        text = "\n".join(o.lines) + "\n"
        path = ROOT / "examples" / f"{name}.out"
        if check:
            if path.read_text() != text:
                print(f"{name}.out differs", file=sys.stderr)
                failed = True
        else:
            path.write_text(text)
            print(f"wrote examples/{name}.out")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
