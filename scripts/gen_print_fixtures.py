#!/usr/bin/env python3
"""Generate Tests/DZTensorTests/Fixtures/printing.json: numpy's str() of float64 arrays.

Each case records the shape, the exact float64 elements in row-major order (as Python
repr strings, which round-trip exactly; 'nan', 'inf', '-inf', '-0.0' included) and
numpy's `str(np.asarray(values, dtype=np.float64).reshape(shape))` with the default
print options. The Swift tests (PrintingTests.swift) read this file; they need no Python.

Usage: python3 scripts/gen_print_fixtures.py   (from the repository root)
"""
import json
import math
import os
import struct

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                   "Tests", "DZTensorTests", "Fixtures", "printing.json")

cases = []


def add(name, a):
    a = np.asarray(a, dtype=np.float64)
    values = [repr(float(v)) for v in a.reshape(-1)]
    cases.append({"name": name, "shape": list(a.shape), "values": values, "str": str(a)})


def bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


nan, inf = float("nan"), float("inf")

# ---------------------------------------------------------------- 0-d (scalars)
scalars = [
    0.0, -0.0, 1.0, -1.0, 32.0, 0.5, 1.5, 2.5, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, -2 / 3,
    1e-5, 1e16, 1.5e16, 1e-4, 0.0001, 0.00009999999999999999, 9.999999999999999e-5,
    1e15, 9999999999999998.0, 9007199254740992.0, 9007199254740993.0, 1e17, 1e22, 1e23,
    123456789.123456789, 1234567890123456.7, 0.000123456789, 1e100, 1e300, -1e300, 1e-300,
    1.7976931348623157e308, 2.2250738585072014e-308, 2.225073858507201e-308, 5e-324, -5e-324,
    1.5e-323, nan, inf, -inf, math.pi, math.e, -math.pi * 1e10, 100.0, 1e8, 12345678.0,
    0.30000000000000004, 3.14159e-7, 6.02214076e23, 6.62607015e-34, 2.0 ** 53, 2.0 ** 64,
    2.0 ** -20, 2.0 ** -1074, 1e-7, 1.0000000000000002, 0.9999999999999999, 4.35, 0.001953125,
]
for x in scalars:
    add("scalar %r" % x, x)

rng = np.random.default_rng(12345)
for i in range(150):
    # random bit patterns (finite), all exponents
    while True:
        x = bits(int(rng.integers(0, 2 ** 63)) | (int(rng.integers(0, 2)) << 63))
        if math.isfinite(x):
            break
    add("scalar random bits %d" % i, x)
for i in range(60):
    e = int(rng.integers(-8, 20))
    x = float(rng.normal()) * 10.0 ** e
    if i % 3 == 0:
        x = round(x, int(rng.integers(0, 6)))
    add("scalar random scaled %d" % i, x)

# ---------------------------------------------------------------- 1-d hand-picked
one_d = {
    "empty": [],
    "ints": [1, 2, 3],
    "zero": [0.0],
    "negzero": [-0.0],
    "zeros mixed sign": [0.0, -0.0, 0.0],
    "negzero and one": [-0.0, 1.0],
    "halves": [1.5, 10.25],
    "neg halves": [-1.5, 10.25, -100.125],
    "sci small and big": [1e-5, 1e10],
    "sci small": [1e-5, 1.5],
    "sci zero": [0.0, 1e-5],
    "sci neg zero": [-0.0, 1e-5],
    "nan": [nan],
    "inf": [inf],
    "neginf": [-inf],
    "nonfinite": [nan, inf, -inf],
    "nan inf": [nan, inf],
    "nan and one": [nan, 1.0],
    "one and neginf": [1.0, -inf],
    "nan with decimals": [nan, 1.25, -3.5],
    "inf with sci": [inf, 1e-7, 2.5e12],
    "neginf with sci": [-inf, 1e-7, nan],
    "1e8": [1e8],
    "just below 1e8": [99999999.0],
    "1e8 minus one and one": [1e8 - 1, 1.0],
    "1e8 and one": [1e8, 1.0],
    "1e-4 boundary": [0.0001, 0.1],
    "below 1e-4": [0.00009999, 0.1],
    "ratio 1000": [1.0, 1000.0],
    "ratio above 1000": [1.0, 1000.5],
    "ratio 1001": [1.0, 1001.0],
    "extremes": [1e300, 1e-300],
    "denormal": [5e-324],
    "max": [1.7976931348623157e308],
    "max and min": [1.7976931348623157e308, -5e-324],
    "tenths": [0.1, 0.2, 0.30000000000000004],
    "thirds": [1 / 3, 2 / 3],
    "long fraction": [123456.789012345],
    "rounding": [0.123456785, 0.999999999, 9.999999999],
    "rounding carry": [9.9999999999, 0.5],
    "rounding carry sci": [9.9999999999e-9, 1.0],
    "tie": [0.001953125, 1.0],
    "big positional": [12345678.9],
    "big with fraction": [1e7 + 0.123456789],
    "pi e": [math.pi, math.e],
    "sci three digit exponent": [1e-100, 1e100, 1.0],
    "sci mixed exponent digits": [1e-5, 1e150, -2.5],
    "subnormal and precise": [5e-324, 1.23456789],
    "subnormals": [1e-310, 3.3, -2.5e-320, 1e-300, 2.2250738585072014e-308],
    "subnormal short": [5e-324, 1e-5],
    "subnormal precision 3": [1.5e-323, 1.234],
    "sci precision": [1.23456789012e-5, 1.0],
    "sci negative": [-1.5e-10, 2.0, -3e20],
    "ints with nan": [1.0, nan, 3.0],
    "large ints": [12345678.0, 1.0, -99999999.0],
}
for name, v in one_d.items():
    add(name, v)

add("arange 10", np.arange(10))
add("arange 30 * 1.1", np.arange(30) * 1.1)
add("arange 100", np.arange(100))
add("arange 1000", np.arange(1000))
add("arange 1001", np.arange(1001))
add("arange 2000 / 7", np.arange(2000) / 7)
add("linspace 0 1 50", np.linspace(0, 1, 50))
add("linspace sci", np.linspace(1e-6, 1, 40))
add("wide negatives", -np.arange(40) * 12345.678)
add("nan ends summary", np.concatenate([[nan], np.arange(1500.0), [-inf]]))

# ---------------------------------------------------------------- n-d hand-picked
add("2x2 matmul", [[19, 22], [43, 50]])
add("2x2 floats", [[1.5, -2.25], [1e3, 0.125]])
add("2x0", np.zeros((2, 0)))
add("0x2", np.zeros((0, 2)))
add("0", np.zeros((0,)))
add("2x3x0", np.zeros((2, 3, 0)))
add("0x3x2", np.zeros((0, 3, 2)))
add("3x1", [[1], [2], [3]])
add("1x3", [[1, 2, 3]])
add("1x1", [[7.0]])
add("1x1x1", [[[1.0]]])
add("1x1x1x1", np.full((1, 1, 1, 1), -0.5))
add("eye 4", np.eye(4))
add("2x3x4", np.arange(24).reshape(2, 3, 4))
add("2x2x2x2", np.arange(16).reshape(2, 2, 2, 2) - 8.5)
add("3x3 sci", np.array([[1e-9, 1, 2], [3, 4e9, 5], [6, 7, nan]]))
add("2x2 nonfinite", [[nan, inf], [-inf, nan]])
add("2x2 negzero", [[-0.0, 0.0], [0.0, -0.0]])
add("wide 3x30", np.arange(90).reshape(3, 30) * 1.5)
add("wide 2x20 decimals", np.arange(40).reshape(2, 20) / 3)
add("wide 3d", np.arange(2 * 2 * 25).reshape(2, 2, 25) * 1000.125)
add("40x40", np.arange(1600).reshape(40, 40))
add("1001x1", np.arange(1001).reshape(1001, 1))
add("1x1001", np.arange(1001).reshape(1, 1001))
add("2x501", np.arange(1002).reshape(2, 501) / 4)
add("10x10x11", np.arange(1100).reshape(10, 10, 11) * 0.5)
add("4x4x4x4x4", np.arange(1024).reshape(4, 4, 4, 4, 4))
add("3^6", np.arange(729).reshape(3, 3, 3, 3, 3, 3))
add("7x7x7x7 sci", (np.arange(2401).reshape(7, 7, 7, 7) - 1200) * 1e-6)
add("summary with tiny hidden", np.concatenate([np.ones(3), np.full(1000, 1e-9), np.ones(3)]))
add("summary with nan hidden", np.concatenate([np.ones(3), np.full(1000, nan), np.ones(3)]))
add("5x300", np.arange(1500).reshape(5, 300) * 1e5)
add("300x5", np.arange(1500).reshape(300, 5) - 0.5)

# ---------------------------------------------------------------- random arrays
shapes = [(1,), (2,), (5,), (7,), (12,), (25,), (3, 3), (2, 5), (4, 7), (6, 2), (1, 9),
          (2, 3, 4), (3, 1, 5), (2, 2, 2, 2), (1, 3, 1, 4), (2, 3, 2, 3), (2, 1, 2, 1, 2)]
def random_floats(seed, shape, scale_exponents=(-12, 14), max_decimals=10):
    """A float64 array of `shape` drawn by kind `seed % 8` (normal, wide uniform, rounded,
    integral, mixed magnitudes, positive, short decimals, Cauchy), every fifth seed with
    nan/inf/-0.0 planted. The kind is returned too."""
    r = np.random.default_rng(seed)
    kind = seed % 8
    if kind == 0:
        a = r.normal(size=shape)
    elif kind == 1:
        a = r.uniform(-1, 1, size=shape) * 10.0 ** int(r.integers(*scale_exponents))
    elif kind == 2:
        a = np.round(r.normal(size=shape) * 10.0 ** int(r.integers(0, 6)), int(r.integers(0, 5)))
    elif kind == 3:
        a = r.integers(-1000, 1000, size=shape).astype(np.float64)
    elif kind == 4:
        # mixed magnitudes: each element scaled separately
        a = r.normal(size=shape) * 10.0 ** r.integers(-6, 9, size=shape)
    elif kind == 5:
        a = r.uniform(0, 1, size=shape) * 10.0 ** int(r.integers(-3, 9))
    elif kind == 6:
        a = np.round(r.uniform(-1, 1, size=shape), int(r.integers(1, max_decimals)))
    else:
        a = r.standard_cauchy(size=shape)
    a = np.asarray(a, dtype=np.float64)
    if seed % 5 == 0 and a.size > 1:
        flat = a.reshape(-1)
        specials = [nan, inf, -inf, -0.0, 0.0]
        for _ in range(int(r.integers(1, 3))):
            flat[int(r.integers(0, flat.size))] = specials[int(r.integers(0, len(specials)))]
    return a, kind


for seed in range(320):
    a, kind = random_floats(seed, shapes[seed % len(shapes)])
    add("random seed %d kind %d" % (seed, kind), a)

# larger random arrays: wrapping and summarization
big_shapes = [(80,), (15, 12), (4, 5, 6), (1200,), (35, 35), (11, 10, 10), (3, 3, 3, 40)]
for seed in range(1000, 1014):
    r = np.random.default_rng(seed)
    shape = big_shapes[seed % len(big_shapes)]
    kind = seed % 3
    if kind == 0:
        a = np.round(r.normal(size=shape) * 100, 2)
    elif kind == 1:
        a = r.normal(size=shape) * 10.0 ** int(r.integers(-7, 10))
    else:
        a = r.integers(-99999, 99999, size=shape).astype(np.float64)
    add("random big seed %d kind %d" % (seed, kind), a)

# ---------------------------------------------------------------- int64, bool, float32
def add_typed(name, a):
    """A case of another dtype: `dtype` names it, `values` are exact doubles (float32 values
    are exact in float64) and int64 cases also carry `ints`, the exact integers."""
    a = np.asarray(a)
    case = {"name": name, "dtype": str(a.dtype), "shape": list(a.shape),
            "values": [repr(float(v)) for v in a.reshape(-1)], "str": str(a)}
    if a.dtype == np.int64:
        case["ints"] = [str(int(v)) for v in a.reshape(-1)]
    cases.append(case)


i64 = np.int64
for v in [0, -5, 7, 2**62, -2**63, 2**63 - 1, 2**53 + 1, -1000000]:
    add_typed("int64 scalar %d" % v, np.array(v, dtype=i64))
add_typed("int64 small", np.array([1, 2, 3], dtype=i64))
add_typed("int64 widths", np.array([-1, 10, -100, 1000], dtype=i64))
add_typed("int64 matrix", np.array([[19, 22], [43, 50]], dtype=i64))
add_typed("int64 3d", np.arange(24, dtype=i64).reshape(2, 3, 4) - 12)
add_typed("int64 extremes", np.array([-2**63, 2**63 - 1, 0], dtype=i64))
add_typed("int64 wrap", np.arange(40, dtype=i64) * 1000003)
add_typed("int64 summarized", np.arange(2000, dtype=i64))
add_typed("int64 summarized 2d", np.arange(3000, dtype=i64).reshape(30, 100))
add_typed("int64 empty", np.zeros((0,), dtype=i64))
add_typed("int64 empty 2x0", np.zeros((2, 0), dtype=i64))
add_typed("bool scalar True", np.array(True))
add_typed("bool scalar False", np.array(False))
add_typed("bool vector", np.array([True, False, True]))
add_typed("bool matrix", np.array([[True, False], [False, False]]))
add_typed("bool all false", np.zeros(4, dtype=bool))
add_typed("bool wrap", np.arange(30) % 3 == 0)
add_typed("bool summarized", np.arange(1500) % 2 == 0)
add_typed("bool 3d", (np.arange(12) % 5 == 1).reshape(2, 2, 3))
add_typed("bool empty", np.zeros((0,), dtype=bool))
f32 = np.float32
for v in [0.0, -0.0, 0.1, 1 / 3, 1.0, 32.0, 0.5, 1e-4, 9.999e-5, 1e-5, 123456.7, 999999.9, 1e6, 1.5e6,
          16777216.0, 16777217.0, 3.4028235e38, 1e-45, 1.17549435e-38, float("nan"), float("inf"), float("-inf"),
          0.84147096, 2.7182817, -7.25]:
    add_typed("float32 scalar %r" % v, np.array(v, dtype=f32))
add_typed("float32 tenths", np.array([0.1, 0.2, 0.3], dtype=f32))
add_typed("float32 integers", np.array([1, 2, 3], dtype=f32))
add_typed("float32 thirds", (np.arange(6, dtype=f32).reshape(2, 3) + 1) / f32(3))
add_typed("float32 sci small", np.array([1e-10, 1.0, 0.5], dtype=f32))
add_typed("float32 sci large", np.array([1e8, 1.0, 2.5], dtype=f32))
add_typed("float32 specials", np.array([np.nan, np.inf, -np.inf, -0.0, 1.5], dtype=f32))
# Random cases of each dtype, as many as float64's (560 each, the last 16 large enough to
# wrap lines and be summarized).
for seed in range(3000, 3560):
    shape = big_shapes[seed % len(big_shapes)] if seed >= 3544 else shapes[seed % len(shapes)]
    # float32's range: magnitudes up to 1e38, at most 7 decimals.
    a, kind = random_floats(seed, shape, scale_exponents=(-40, 38), max_decimals=8)
    with np.errstate(over="ignore"):
        add_typed("float32 random seed %d kind %d" % (seed, kind), a.astype(f32))
for seed in range(4000, 4560):
    r = np.random.default_rng(seed)
    big = seed >= 4544
    shape = big_shapes[seed % len(big_shapes)] if big else shapes[seed % len(shapes)]
    kind = seed % 6
    if kind == 0:
        a = r.integers(-10, 10, size=shape)
    elif kind == 1:
        a = r.integers(0, 10 ** int(r.integers(1, 19)), size=shape)
    elif kind == 2:
        a = r.integers(-10 ** int(r.integers(1, 19)), 10 ** int(r.integers(1, 19)), size=shape)
    elif kind == 3:
        a = r.integers(-2**63, 2**63 - 1, size=shape, endpoint=True)
    elif kind == 4:
        a = (r.integers(-5, 5, size=shape) * 10 ** r.integers(0, 12, size=shape))
    else:
        a = r.integers(-1000, 1, size=shape)
    add_typed("int64 random seed %d kind %d" % (seed, kind), np.asarray(a, dtype=i64))
for seed in range(5000, 5560):
    r = np.random.default_rng(seed)
    big = seed >= 5544
    shape = big_shapes[seed % len(big_shapes)] if big else shapes[seed % len(shapes)]
    add_typed("bool random seed %d" % seed, r.uniform(size=shape) < r.uniform())

assert all(np.get_printoptions()[k] == v for k, v in
           dict(precision=8, threshold=1000, edgeitems=3, linewidth=75, suppress=False,
                floatmode="maxprec", sign="-", legacy=False).items())

with open(OUT, "w") as f:
    json.dump({"numpy_version": np.__version__, "cases": cases}, f, indent=0)
    f.write("\n")
print("wrote %d cases to %s (%d bytes)" % (len(cases), os.path.normpath(OUT), os.path.getsize(OUT)))
