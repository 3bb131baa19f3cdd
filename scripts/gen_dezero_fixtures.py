#!/usr/bin/env python3
"""Writes Tests/DZAutodiffTests/Fixtures/dezero/*.npz: DeZero 0.0.13's own outputs and
gradients for the configurations of its tests (tests/test_conv2d.py, test_deconv2d.py,
test_im2col.py, test_pooling.py, test_batchnorm.py, test_weight_decay.py), plus
leaky_relu, binary_cross_entropy, embed_id and the optimizer hooks.

    bench/setup_venv && bench/.venv/bin/python scripts/gen_dezero_fixtures.py

DeZero's tests compare against Chainer; these fixtures keep DeZero's answers instead, in
float64, so that dz's ConvolutionFixtureTests compare its values with DeZero's. Every
input is drawn from numpy's seeded generator and stored next to the results. A gradient
is DeZero's backward seeded with a random upstream gradient `gy` (stored too).
"""
import pathlib
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench/peers"))
from dezero_shim import dezero, F  # noqa: E402
from dezero import Variable  # noqa: E402

OUT = ROOT / "Tests/DZAutodiffTests/Fixtures/dezero"


def save(name, **arrays):
    OUT.mkdir(parents=True, exist_ok=True)
    np.savez(OUT / f"{name}.npz", **{k: np.asarray(v, dtype=np.float64) for k, v in sorted(arrays.items())})


def backward_with(y, rng):
    gy = rng.standard_normal(y.shape)
    y.grad = Variable(gy)
    y.backward()
    return gy


def conv2d_cases(rng):
    # test_conv2d.py: forward1-4 (forward2 has stride (3, 1), pad (2, 1)), backward on forward4's.
    configs = [
        ("conv2d_1", (1, 5, 15, 15), 8, (3, 3), (1, 1), (1, 1), False),
        ("conv2d_2", (1, 5, 15, 15), 8, (3, 3), (3, 1), (2, 1), False),
        ("conv2d_3", (1, 5, 20, 15), 3, (5, 3), (1, 1), (3, 3), False),
        ("conv2d_4", (1, 5, 20, 15), 3, (5, 3), (1, 1), (3, 3), True),
        ("conv2d_5", (2, 3, 8, 7), 4, (3, 3), (2, 2), (1, 1), True),
    ]
    for name, xs, o, k, s, p, bias in configs:
        x = Variable(rng.standard_normal(xs))
        W = Variable(rng.standard_normal((o, xs[1]) + k))
        b = Variable(rng.standard_normal(o)) if bias else None
        y = F.conv2d(x, W, b, s, p)
        gy = backward_with(y, rng)
        extra = {"b": b.data, "gb": b.grad.data} if bias else {}
        save(name, x=x.data, W=W.data, y=y.data, gy=gy, gx=x.grad.data, gW=W.grad.data,
             stride=s, pad=p, **extra)


def deconv2d_cases(rng):
    # test_deconv2d.py: x (10, 1, 5, 10), W (1, 3, 10, 10), stride 5, pad 5, with and without
    # b; a batch of 2 rather than 10 keeps the fixtures small.
    for name, bias in [("deconv2d_1", True), ("deconv2d_2", False)]:
        x = Variable(rng.uniform(0, 1, (2, 1, 5, 10)))
        W = Variable(rng.uniform(0, 1, (1, 3, 10, 10)))
        b = Variable(rng.uniform(0, 1, 3)) if bias else None
        y = F.deconv2d(x, W, b, stride=(5, 5), pad=(5, 5))
        gy = backward_with(y, rng)
        extra = {"b": b.data, "gb": b.grad.data} if bias else {}
        save(name, x=x.data, W=W.data, y=y.data, gy=gy, gx=x.grad.data, gW=W.grad.data,
             stride=(5, 5), pad=(5, 5), **extra)
    x = Variable(rng.standard_normal((2, 3, 4, 4)))
    W = Variable(rng.standard_normal((3, 2, 3, 3)))
    y = F.deconv2d(x, W, None, stride=2, pad=1, outsize=(8, 8))
    gy = backward_with(y, rng)
    save("deconv2d_3", x=x.data, W=W.data, y=y.data, gy=gy, gx=x.grad.data, gW=W.grad.data,
         stride=(2, 2), pad=(1, 1), outsize=(8, 8))


def im2col_cases(rng):
    # test_im2col.py: arange(9) as (1, 1, 3, 3), kernel 3, stride 3, pad 0.
    x = Variable(np.arange(9.0).reshape(1, 1, 3, 3))
    y = F.im2col(x, 3, 3, 0, to_matrix=True)
    save("im2col_1", x=x.data, y=y.data)
    for name, to_matrix in [("im2col_2", True), ("im2col_3", False)]:
        x = Variable(rng.standard_normal((2, 3, 7, 6)))
        y = F.im2col(x, (3, 2), (2, 1), 1, to_matrix=to_matrix)
        gy = backward_with(y, rng)
        save(name, x=x.data, y=y.data, gy=gy, gx=x.grad.data, kernel=(3, 2), stride=(2, 1), pad=(1, 1))
    # TestCol2in: (1, 9) into (1, 1, 3, 3) with kernel 3, stride 3.
    c = Variable(rng.random((1, 9)))
    y = F.col2im(c, (1, 1, 3, 3), 3, 3, 0, to_matrix=True)
    gy = backward_with(y, rng)
    save("col2im_1", x=c.data, y=y.data, gy=gy, gx=c.grad.data)


def pooling_cases(rng):
    # test_pooling.py: (1, 5, 16, 16) and (1, 5, 15, 15), kernel 2, stride 2, pad 0; and a padded one.
    configs = [("pooling_1", (1, 5, 16, 16), 2, 2, 0), ("pooling_2", (1, 5, 15, 15), 2, 2, 0),
               ("pooling_3", (2, 2, 7, 7), 3, 2, 1)]
    for name, xs, k, s, p in configs:
        for fname, f in [("pooling", F.pooling), ("average_pooling", F.average_pooling)]:
            x = Variable(rng.standard_normal(xs) * 100)
            y = f(x, k, s, p)
            gy = backward_with(y, rng)
            save(name.replace("pooling", fname), x=x.data, y=y.data, gy=gy, gx=x.grad.data,
                 kernel=(k, k), stride=(s, s), pad=(p, p))


def batchnorm_cases(rng):
    # test_batchnorm.py's get_params: x, gamma, beta, mean, abs(var), in float64 (the 4-d
    # case with a batch of 4 rather than 20).
    def params(*shape):
        C = shape[1]
        return (rng.standard_normal(shape), rng.standard_normal(C), rng.standard_normal(C),
                rng.standard_normal(C), np.abs(rng.standard_normal(C)))
    for name, shape in [("batchnorm_1", (8, 3)), ("batchnorm_2", (4, 10, 5, 5)), ("batchnorm_3", (1, 10)), ("batchnorm_4", (8, 1))]:
        x, gamma, beta, mean, var = params(*shape)
        mean0, var0 = mean.copy(), var.copy()
        # Test mode (TestFixedBatchNorm): the running statistics normalize.
        with dezero.test_mode():
            yt = F.batch_nrom(x, gamma, beta, mean.copy(), var.copy())
        # Training: batch statistics; the running ones are updated in place.
        xv, gv, bv = Variable(x), Variable(gamma), Variable(beta)
        y = F.batch_nrom(xv, gv, bv, mean, var)
        gy = backward_with(y, rng)
        save(name, x=x, gamma=gamma, beta=beta, mean=mean0, var=var0, y_test=yt.data,
             y=y.data, gy=gy, gx=xv.grad.data, ggamma=gv.grad.data, gbeta=bv.grad.data,
             mean_after=mean, var_after=var)
    # test_forward5: a BatchNorm layer over 10 batches of (20, 10); its running statistics.
    layer = dezero.layers.BatchNorm()
    xs = [rng.standard_normal((20, 10)) for _ in range(10)]
    ys = [layer(x).data for x in xs]
    with dezero.test_mode():
        yt = layer(xs[-1]).data
    save("batchnorm_layer", xs=np.stack(xs), ys=np.stack(ys), y_test=yt,
         avg_mean=layer.avg_mean.data, avg_var=layer.avg_var.data)


def small_function_cases(rng):
    x = Variable(rng.standard_normal((4, 5)))
    y = F.leaky_relu(x)
    gy = backward_with(y, rng)
    x2 = Variable(x.data.copy())
    y2 = F.leaky_relu(x2, 0.05)
    gy2 = backward_with(y2, rng)
    save("leaky_relu", x=x.data, y=y.data, gy=gy, gx=x.grad.data, y_005=y2.data, gy_005=gy2, gx_005=x2.grad.data)

    p = Variable(np.concatenate([rng.uniform(0.01, 0.99, 6), [0.0, 1.0]]).reshape(8, 1))
    t = (rng.random(8) > 0.5).astype(np.float64)
    y = F.binary_cross_entropy(p, t)
    y.backward()
    save("binary_cross_entropy", p=p.data, t=t, y=y.data, gp=p.grad.data)

    W = Variable(rng.standard_normal((6, 3)))
    ids = np.array([[1, 5, 1], [0, 2, 1]])
    y = F.embed_id(ids, W)
    gy = backward_with(y, rng)
    save("embed_id", W=W.data, ids=ids, y=y.data, gy=gy, gW=W.grad.data)


def hook_cases(rng):
    # test_weight_decay.py: Linear(2 -> 3, nobias) with W = ones, SGD, WeightDecay(0.4).
    rate = 0.4
    x = rng.random((10, 2))
    t = np.zeros(10).astype(int)
    layer = dezero.layers.Linear(in_size=2, out_size=3, nobias=True)
    layer.W.data = np.ones_like(layer.W.data)
    opt = dezero.optimizers.SGD().setup(layer)
    opt.add_hook(dezero.optimizers.WeightDecay(rate=rate))
    layer.cleargrads()
    F.softmax_cross_entropy(layer(x), t).backward()
    opt.update()
    W_decay = layer.W.data.copy()
    # ClipGrad(0.05) on the same step.
    layer.W.data = np.ones_like(layer.W.data) + np.arange(6).reshape(2, 3) * 0.1
    W_start = layer.W.data.copy()
    opt.hooks.clear()
    opt.add_hook(dezero.optimizers.ClipGrad(0.05))
    layer.cleargrads()
    F.softmax_cross_entropy(layer(x), t).backward()
    grad = layer.W.grad.data.copy()
    opt.update()
    save("hooks", x=x, t=t, rate=rate, W_decay=W_decay, W_start=W_start, grad=grad, W_clip=layer.W.data)


def float64_layers():
    """DeZero's layers default to float32 weights; dz computes in float64, so the layer
    fixtures are made with dtype=float64 (the same draws, not rounded to float32)."""
    L = dezero.layers
    L.Linear.__init__.__defaults__ = (False, np.float64, None)
    L.Conv2d.__init__.__defaults__ = (1, 0, False, np.float64, None)
    L.Deconv2d.__init__.__defaults__ = (1, 0, False, np.float64, None)


def layer_cases(rng):
    # Layers draw from numpy's global generator (np.random.seed, as dz's seed); inputs come
    # from `rng`, so they do not disturb those draws.
    L = dezero.layers
    float64_layers()
    x = rng.standard_normal((2, 3, 5, 5))
    np.random.seed(0)
    conv = L.Conv2d(4, 3, stride=1, pad=1)
    y = conv(x)
    save("layer_conv2d", x=x, W=conv.W.data, b=conv.b.data, y=y.data)
    x = rng.standard_normal((2, 3, 3, 3))
    np.random.seed(1)
    deconv = L.Deconv2d(2, (3, 2), stride=2, pad=1)
    y = deconv(x)
    save("layer_deconv2d", x=x, W=deconv.W.data, y=y.data)
    np.random.seed(2)
    embed = L.EmbedID(5, 3)
    ids = np.array([4, 0, 4])
    save("layer_embed_id", W=embed.W.data, ids=ids, y=embed(ids).data)
    for name, make, shape in [("layer_rnn", lambda: L.RNN(4), (2, 3)), ("layer_lstm", lambda: L.LSTM(3), (2, 2))]:
        np.random.seed(3)
        layer = make()
        xs = rng.standard_normal((3,) + shape)
        ys = [layer(x) for x in xs]
        loss = F.sum(ys[-1] * ys[-1])
        layer.cleargrads()
        loss.backward()
        params = {k: v for k, v in _named(layer).items()}
        grads = {"grad_" + k.replace("/", "_"): p.grad.data for k, p in params.items()}
        layer.reset_state()
        after_reset = layer(xs[0]).data
        save(name, xs=xs, ys=np.stack([y.data for y in ys]), after_reset=after_reset,
             **{k.replace("/", "_"): p.data for k, p in params.items()}, **grads)


def vgg16_case(rng):
    # VGG16 on one 32x32 image in test mode (no dropout): every weight drawn after seed(0)
    # in DeZero's order (at the first call, layer by layer); only the scores are stored.
    float64_layers()
    x = rng.standard_normal((1, 3, 32, 32))
    np.random.seed(0)
    model = dezero.models.VGG16()
    with dezero.test_mode():
        y = model(x)
    save("model_vgg16", x=x, y=y.data)


def _named(layer):
    out = {}
    layer._flatten_params(out)
    return out


def main():
    rng = np.random.default_rng(20260601)
    conv2d_cases(rng)
    deconv2d_cases(rng)
    im2col_cases(rng)
    pooling_cases(rng)
    batchnorm_cases(rng)
    small_function_cases(rng)
    hook_cases(rng)
    layer_cases(rng)
    vgg16_case(rng)
    print(f"wrote {len(list(OUT.glob('*.npz')))} fixtures to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
