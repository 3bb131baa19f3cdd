"""A tiny reverse-mode autodiff on numpy float64, following DeZero (0.0.13) op for op.

Used by gen_example_outputs.py to compute the expected output of examples/*.dz
independently of the Swift engine. Only what the examples need is here. The order of
floating-point operations in every forward and backward rule is DeZero's, so results
match DeZero bit for bit (checked against DeZero itself while writing the examples).

Differences from DeZero, mirroring dz's language:
  - every constant operand is a Variable (a leaf), as every number in dz is a tensor,
    except the exponent of `**`, which stays DeZero's constant `c` of Pow(c);
  - `grad(y, *xs, create_graph)` returns gradients without touching any `.grad`.
"""

import contextlib
import weakref

import numpy as np

ENABLE_BACKPROP = True


@contextlib.contextmanager
def backprop(enabled):
    global ENABLE_BACKPROP
    old = ENABLE_BACKPROP
    ENABLE_BACKPROP = enabled
    try:
        yield
    finally:
        ENABLE_BACKPROP = old


def no_grad():
    return backprop(False)


class Variable:
    __array_priority__ = 200

    def __init__(self, data):
        # numpy's dtype of the data (dz's literals: ints int64, floats float64, bools bool)
        self.data = np.asarray(data)
        self.grad = None
        self.creator = None
        self.generation = 0

    @property
    def shape(self):
        return self.data.shape

    @property
    def ndim(self):
        return self.data.ndim

    @property
    def T(self):
        return transpose(self)

    def __len__(self):
        return len(self.data)

    def set_creator(self, f):
        self.creator = f
        self.generation = f.generation + 1

    def cleargrad(self):
        self.grad = None

    def backward(self, retain_grad=False, create_graph=False):
        """DeZero's Variable.backward."""
        if self.grad is None:
            self.grad = Variable(np.ones_like(self.data))
        funcs, seen = [], set()

        def add_func(f):
            if f not in seen:
                funcs.append(f)
                seen.add(f)
                funcs.sort(key=lambda g: g.generation)

        if self.creator is not None:
            add_func(self.creator)
        while funcs:
            f = funcs.pop()
            gys = [o().grad for o in f.outputs]
            with backprop(create_graph):
                gxs = f.backward(*gys)
                if not isinstance(gxs, tuple):
                    gxs = (gxs,)
                for x, gx in zip(f.inputs, gxs):
                    if gx is None:
                        continue
                    x.grad = gx if x.grad is None else x.grad + gx
                    if x.creator is not None:
                        add_func(x.creator)
            if not retain_grad:
                for o in f.outputs:
                    o().grad = None

    # operators
    def __add__(self, o): return add(self, o)
    def __radd__(self, o): return add(o, self)
    def __sub__(self, o): return sub(self, o)
    def __rsub__(self, o): return sub(o, self)
    def __mul__(self, o): return mul(self, o)
    def __rmul__(self, o): return mul(o, self)
    def __truediv__(self, o): return div(self, o)
    def __rtruediv__(self, o): return div(o, self)
    def __neg__(self): return neg(self)
    def __pow__(self, c): return pow_(self, c)
    def __matmul__(self, o): return matmul(self, o)


def as_variable(x):
    return x if isinstance(x, Variable) else Variable(x)


def grad(y, *xs, create_graph=False):
    """dz's grad(): run DeZero's backward on y, read the gradients of xs, then put every
    .grad it touched back as it was (so no .grad is changed)."""
    saved = {}

    def walk():
        stack, seen = [y], set()
        while stack:
            v = stack.pop()
            if id(v) in seen:
                continue
            seen.add(id(v))
            saved[id(v)] = (v, v.grad)
            if v.creator is not None:
                stack.extend(v.creator.inputs)

    walk()
    for v, _ in saved.values():
        v.grad = None
    y.backward(retain_grad=True, create_graph=create_graph)
    out = [x.grad if x.grad is not None else Variable(np.zeros_like(x.data)) for x in xs]
    for v, g in saved.values():
        v.grad = g
    return out[0] if len(out) == 1 else tuple(out)


class Function:
    def __call__(self, *inputs):
        inputs = [as_variable(x) for x in inputs]
        ys = self.forward(*[x.data for x in inputs])
        if not isinstance(ys, tuple):
            ys = (ys,)
        outputs = [Variable(y) for y in ys]
        if ENABLE_BACKPROP:
            self.generation = max(x.generation for x in inputs)
            for o in outputs:
                o.set_creator(self)
            self.inputs = inputs
            self.outputs = [weakref.ref(o) for o in outputs]
        return outputs if len(outputs) > 1 else outputs[0]


# ---- core.py ----

class Add(Function):
    def forward(self, x0, x1):
        self.s0, self.s1 = x0.shape, x1.shape
        return x0 + x1

    def backward(self, gy):
        gx0, gx1 = gy, gy
        if self.s0 != self.s1:
            gx0, gx1 = sum_to(gx0, self.s0), sum_to(gx1, self.s1)
        return gx0, gx1


class Mul(Function):
    def forward(self, x0, x1):
        return x0 * x1

    def backward(self, gy):
        x0, x1 = self.inputs
        gx0, gx1 = gy * x1, gy * x0
        if x0.shape != x1.shape:
            gx0, gx1 = sum_to(gx0, x0.shape), sum_to(gx1, x1.shape)
        return gx0, gx1


class Neg(Function):
    def forward(self, x):
        return -x

    def backward(self, gy):
        return -gy


class Sub(Function):
    def forward(self, x0, x1):
        self.s0, self.s1 = x0.shape, x1.shape
        return x0 - x1

    def backward(self, gy):
        gx0, gx1 = gy, -gy
        if self.s0 != self.s1:
            gx0, gx1 = sum_to(gx0, self.s0), sum_to(gx1, self.s1)
        return gx0, gx1


class Div(Function):
    def forward(self, x0, x1):
        return x0 / x1

    def backward(self, gy):
        x0, x1 = self.inputs
        gx0 = gy / x1
        gx1 = gy * (-x0 / x1 ** 2)
        if x0.shape != x1.shape:
            gx0, gx1 = sum_to(gx0, x0.shape), sum_to(gx1, x1.shape)
        return gx0, gx1


class Pow(Function):
    def __init__(self, c):
        self.c = c

    def forward(self, x):
        return x ** self.c

    def backward(self, gy):
        x, = self.inputs
        c = self.c
        return c * x ** (c - 1) * gy


def add(a, b): return Add()(a, b)
def sub(a, b): return Sub()(a, b)
def mul(a, b): return Mul()(a, b)
def div(a, b): return Div()(a, b)
def neg(a): return Neg()(a)
def pow_(x, c): return Pow(float(c))(x)


# ---- functions.py ----

class Sin(Function):
    def forward(self, x): return np.sin(x)
    def backward(self, gy): return gy * cos(self.inputs[0])


class Cos(Function):
    def forward(self, x): return np.cos(x)
    def backward(self, gy): return gy * -sin(self.inputs[0])


class Exp(Function):
    def forward(self, x): return np.exp(x)
    def backward(self, gy): return gy * self.outputs[0]()


class Log(Function):
    def forward(self, x): return np.log(x)
    def backward(self, gy): return gy / self.inputs[0]


class Sigmoid(Function):
    def forward(self, x):
        return np.tanh(x * 0.5) * 0.5 + 0.5

    def backward(self, gy):
        y = self.outputs[0]()
        return gy * y * (1 - y)


def sin(x): return Sin()(x)
def cos(x): return Cos()(x)
def exp(x): return Exp()(x)
def log(x): return Log()(x)
def sigmoid(x): return Sigmoid()(x)


class Reshape(Function):
    def __init__(self, shape): self.shape = shape
    def forward(self, x):
        self.x_shape = x.shape
        return x.reshape(self.shape)
    def backward(self, gy): return reshape(gy, self.x_shape)


def reshape(x, shape):
    if as_variable(x).shape == tuple(shape):
        return as_variable(x)
    return Reshape(tuple(shape))(x)


class Transpose(Function):
    def forward(self, x): return np.transpose(x)
    def backward(self, gy): return transpose(gy)


def transpose(x): return Transpose()(x)


def _sum_to(x, shape):
    ndim = len(shape)
    lead = x.ndim - ndim
    lead_axis = tuple(range(lead))
    axis = tuple(i + lead for i, sx in enumerate(shape) if sx == 1)
    y = x.sum(lead_axis + axis, keepdims=True)
    if lead > 0:
        y = y.squeeze(lead_axis)
    return y


def _reshape_sum_backward(gy, x_shape, axis, keepdims):
    ndim = len(x_shape)
    tupled_axis = axis
    if axis is None:
        tupled_axis = None
    elif not isinstance(axis, tuple):
        tupled_axis = (axis,)
    if not (ndim == 0 or tupled_axis is None or keepdims):
        actual_axis = [a if a >= 0 else a + ndim for a in tupled_axis]
        shape = list(gy.shape)
        for a in sorted(actual_axis):
            shape.insert(a, 1)
    else:
        shape = gy.shape
    return reshape(gy, shape)


class Sum(Function):
    def __init__(self, axis, keepdims):
        self.axis, self.keepdims = axis, keepdims

    def forward(self, x):
        self.x_shape = x.shape
        return x.sum(axis=self.axis, keepdims=self.keepdims)

    def backward(self, gy):
        gy = _reshape_sum_backward(gy, self.x_shape, self.axis, self.keepdims)
        return broadcast_to(gy, self.x_shape)


def sum_(x, axis=None, keepdims=False): return Sum(axis, keepdims)(x)


class BroadcastTo(Function):
    def __init__(self, shape): self.shape = shape
    def forward(self, x):
        self.x_shape = x.shape
        return np.broadcast_to(x, self.shape)
    def backward(self, gy): return sum_to(gy, self.x_shape)


def broadcast_to(x, shape):
    if as_variable(x).shape == shape:
        return as_variable(x)
    return BroadcastTo(shape)(x)


class SumTo(Function):
    def __init__(self, shape): self.shape = shape
    def forward(self, x):
        self.x_shape = x.shape
        return _sum_to(x, self.shape)
    def backward(self, gy): return broadcast_to(gy, self.x_shape)


def sum_to(x, shape):
    if as_variable(x).shape == shape:
        return as_variable(x)
    return SumTo(shape)(x)


class MatMul(Function):
    def forward(self, x, W): return x.dot(W)

    def backward(self, gy):
        x, W = self.inputs
        return matmul(gy, W.T), matmul(x.T, gy)


def matmul(x, W): return MatMul()(x, W)


def dot(a, b):
    """numpy dot; only used forward (1-d and 2-d) in the examples."""
    return MatMul()(a, b)


class Linear(Function):
    def forward(self, x, W, b):
        y = x.dot(W)
        if b is not None:
            y += b
        return y

    def backward(self, gy):
        x, W, b = self.inputs
        gb = sum_to(gy, b.shape)
        gx = matmul(gy, W.T)
        gW = matmul(x.T, gy)
        return gx, gW, gb


def linear(x, W, b): return Linear()(x, W, b)


class MeanSquaredError(Function):
    def forward(self, x0, x1):
        diff = x0 - x1
        return (diff ** 2).sum() / len(diff)

    def backward(self, gy):
        x0, x1 = self.inputs
        diff = x0 - x1
        gy = broadcast_to(gy, diff.shape)
        gx0 = gy * diff * (2. / len(diff))
        gx1 = -gx0
        return gx0, gx1


def mean_squared_error(a, b): return MeanSquaredError()(a, b)


class Softmax(Function):
    def __init__(self, axis=1): self.axis = axis

    def forward(self, x):
        y = x - x.max(axis=self.axis, keepdims=True)
        y = np.exp(y)
        y /= y.sum(axis=self.axis, keepdims=True)
        return y

    def backward(self, gy):
        y = self.outputs[0]()
        gx = y * gy
        sumdx = sum_(gx, axis=self.axis, keepdims=True)
        gx = gx - y * sumdx
        return gx


def softmax(x, axis=-1): return Softmax(axis)(x)


def _logsumexp(x, axis=1):
    m = x.max(axis=axis, keepdims=True)
    y = x - m
    np.exp(y, out=y)
    s = y.sum(axis=axis, keepdims=True)
    np.log(s, out=s)
    m += s
    return m


class SoftmaxCrossEntropy(Function):
    def forward(self, x, t):
        N = x.shape[0]
        log_z = _logsumexp(x, axis=1)
        log_p = x - log_z
        log_p = log_p[np.arange(N), t.ravel().astype(int)]
        return -log_p.sum() / np.float32(N)

    def backward(self, gy):
        x, t = self.inputs
        N, C = x.shape
        gy = gy * (1 / N)
        y = softmax(x, axis=1)
        t_onehot = np.eye(C)[t.data.astype(int)]
        y = (y - t_onehot) * gy
        return y, None


def softmax_cross_entropy(x, t): return SoftmaxCrossEntropy()(x, t)


# ---- dz printing ----

def fmt(v):
    """dz's str of a value: numpy str() of a float64 array; tuples with integral
    elements as integers."""
    if isinstance(v, Variable):
        return str(v.data)
    if isinstance(v, str):  # print shows strings bare
        return v
    if isinstance(v, tuple):
        parts = [fmt(e) for e in v]
        if len(parts) == 1:
            return "(" + parts[0] + ",)"
        return "(" + ", ".join(parts) + ")"
    if isinstance(v, (bool, np.bool_)):
        return str(bool(v))
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        return str(np.asarray(v))
    if isinstance(v, list):  # a dz list literal of tensors: one array
        return str(np.array([x.data if isinstance(x, Variable) else x for x in v], dtype=np.float64))
    raise TypeError(type(v))


# ---- layers.py, models.py, optimizers.py, datasets.py, dataloaders.py ----
#
# Float64 throughout (DeZero's layers default to float32); get_spiral rounds x to float32
# as DeZero's does, and every random draw comes from numpy's global generator in
# DeZero's order, as dz's session generator does.

def accuracy(y, t):
    pred = y.data.argmax(axis=1).reshape(t.shape)
    return Variable((pred == t.data).mean())


class LinearLayer:
    """DeZero's layers.Linear (named apart from the Linear function above)."""
    def __init__(self, out_size, nobias=False, in_size=None):
        self.in_size, self.out_size = in_size, out_size
        self.W = None
        if in_size is not None:
            self._init_W()
        self.b = None if nobias else Variable(np.zeros(out_size))

    def _init_W(self):
        I, O = self.in_size, self.out_size
        self.W = Variable(np.random.randn(I, O) * np.sqrt(1 / I))

    def __call__(self, x):
        x = as_variable(x)
        if self.W is None:
            self.in_size = x.shape[1]
            self._init_W()
        return linear(x, self.W, self.b)

    def params(self):
        return [p for p in (self.W, self.b) if p is not None]


class MLP:
    def __init__(self, sizes, activation=None):
        self.activation = activation or sigmoid
        self.layers = [LinearLayer(s) for s in sizes]

    def __call__(self, x):
        for l in self.layers[:-1]:
            x = self.activation(l(x))
        return self.layers[-1](x)

    def params(self):
        return [p for l in self.layers for p in l.params()]

    def cleargrads(self):
        for p in self.params():
            p.cleargrad()


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def setup(self, target):
        self.target = target
        return self

    def update(self):
        for p in self.target.params():
            if p.grad is not None:
                p.data -= self.lr * p.grad.data


def get_spiral(train=True):
    np.random.seed(1984 if train else 2020)
    num_data, num_class, input_dim = 100, 3, 2
    data_size = num_class * num_data
    x = np.zeros((data_size, input_dim), dtype=np.float32)
    t = np.zeros(data_size, dtype=np.int64)
    for j in range(num_class):
        for i in range(num_data):
            rate = i / num_data
            radius = 1.0 * rate
            theta = j * 4.0 + 4.0 * rate + np.random.randn() * 0.2
            ix = num_data * j + i
            x[ix] = np.array([radius * np.sin(theta), radius * np.cos(theta)]).flatten()
            t[ix] = j
    indices = np.random.permutation(num_data * num_class)
    return x[indices].astype(np.float64), t[indices]


class DataLoader:
    def __init__(self, x, t, batch_size, shuffle=True):
        self.x, self.t = x, t
        self.batch_size, self.shuffle = batch_size, shuffle
        self.data_size = len(x)
        self.max_iter = -(-self.data_size // batch_size)
        self.reset()

    def reset(self):
        self.iteration = 0
        self.index = np.random.permutation(self.data_size) if self.shuffle else np.arange(self.data_size)

    def __iter__(self):
        return self

    def __next__(self):
        if self.iteration >= self.max_iter:
            self.reset()
            raise StopIteration
        i, b = self.iteration, self.batch_size
        idx = self.index[i * b:(i + 1) * b]
        self.iteration += 1
        return Variable(self.x[idx]), Variable(self.t[idx])
