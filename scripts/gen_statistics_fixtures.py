#!/usr/bin/env python3
"""Generate Tests/DZLanguageTests/StatisticsFixtures.swift: numpy's results for
std var prod cumsum sign floor ceil where outer norm.

Each case is a dz program (inputs written as literals that round-trip exactly, then one
call) with numpy's result of the same call: its shape and elements as Python repr strings
('nan', 'inf' included). StatisticsFixtureTests.swift runs every program through the
interpreter and compares; the Swift tests need no Python.

Usage: python3 scripts/gen_statistics_fixtures.py   (from the repository root)
"""
import math
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                   "Tests", "DZLanguageTests", "StatisticsFixtures.swift")

np.seterr(divide="ignore")  # norm(ord=-1) of a vector with a zero, as numpy computes it
rng = np.random.RandomState(16)
cases = []


def literal(a):
    """A dz literal for the float64 array a (nested lists, exact reprs)."""
    a = np.asarray(a, dtype=np.float64)

    def number(v):
        v = float(v)
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)

    def rec(x):
        if x.ndim == 0:
            return number(x)
        return "[" + ", ".join(rec(row) for row in x) + "]"

    if a.ndim > 0 and a.size == 0:
        return "zeros(" + ", ".join(str(d) for d in a.shape) + ")"
    return rec(a)


def add(call, result, **inputs):
    """`call` is dz code using the input names; `result` numpy's value of it."""
    setup = "; ".join(f"{name} = {literal(value)}" for name, value in inputs.items())
    r = np.asarray(result, dtype=np.float64)
    values = [repr(float(v)) for v in r.reshape(-1)]
    cases.append((setup + "; " + call, list(r.shape), values))


v5 = rng.randn(5)
m34 = rng.randn(3, 4)
t234 = rng.randn(2, 3, 4)
for name, f in (("std", np.std), ("var", np.var)):
    add(f"{name}(a)", f(v5), a=v5)
    add(f"{name}(a)", f(m34), a=m34)
    add(f"{name}(a, axis=0)", f(m34, axis=0), a=m34)
    add(f"{name}(a, axis=-1, keepdims=true)", f(m34, axis=-1, keepdims=True), a=m34)
    add(f"{name}(a, axis=(0, 2))", f(t234, axis=(0, 2)), a=t234)
    add(f"{name}(a, axis=1, ddof=1)", f(t234, axis=1, ddof=1), a=t234)
    add(f"{name}(a, ddof=1)", f(v5, ddof=1), a=v5)
    add(f"{name}(a)", f(np.float64(2.5)), a=np.float64(2.5))
    add(f"{name}(a, axis=())", f(m34, axis=()), a=m34)
    add(f"a.{name}(axis=1)", f(m34, axis=1), a=m34)

withzeros = np.array([[1.5, 0.0, -2.0], [0.0, 0.0, 3.0], [2.0, -0.5, 4.0]])
add("prod(a)", np.prod(v5), a=v5)
add("prod(a, axis=0)", np.prod(m34, axis=0), a=m34)
add("prod(a, axis=1, keepdims=true)", np.prod(m34, axis=1, keepdims=True), a=m34)
add("prod(a, axis=(0, 2))", np.prod(t234, axis=(0, 2)), a=t234)
add("prod(a, axis=1)", np.prod(withzeros, axis=1), a=withzeros)
add("prod(a)", np.prod(withzeros), a=withzeros)
add("prod(a)", np.prod(np.zeros(0)), a=np.zeros(0))
add("prod(a, axis=0)", np.prod(np.zeros((0, 3)), axis=0), a=np.zeros((0, 3)))
add("a.prod(axis=-1)", np.prod(t234, axis=-1), a=t234)

add("cumsum(a)", np.cumsum(m34), a=m34)
add("cumsum(a, axis=0)", np.cumsum(m34, axis=0), a=m34)
add("cumsum(a, axis=-1)", np.cumsum(t234, axis=-1), a=t234)
add("cumsum(a, axis=1)", np.cumsum(t234, axis=1), a=t234)
add("cumsum(a)", np.cumsum(np.float64(3.0)), a=np.float64(3.0))
add("a.cumsum(axis=0)", np.cumsum(v5, axis=0), a=v5)

specials = np.array([-2.5, -1.5, -0.5, -0.0, 0.0, 0.5, 1.5, 2.5, 1e300, -7.0, math.inf, -math.inf, math.nan])
add("sign(a)", np.sign(specials), a=specials)
add("floor(a)", np.floor(specials), a=specials)
add("ceil(a)", np.ceil(specials), a=specials)
add("sign(a)", np.sign(m34), a=m34)
add("sign(a)", np.sign(np.float64(-3.0)), a=np.float64(-3.0))
add("floor(a * 3)", np.floor(m34 * 3), a=m34)
add("floor(a)", np.floor(np.float64(-0.25)), a=np.float64(-0.25))
add("ceil(a * 3)", np.ceil(m34 * 3), a=m34)
add("ceil(a)", np.ceil(np.float64(-0.25)), a=np.float64(-0.25))

c31 = np.array([[1.0], [0.0], [1.0]])
x4 = rng.randn(4)
add("where(c, a, b)", np.where(c31, x4, 7.5), c=c31, a=x4, b=np.float64(7.5))
add("where(a > 0, a, 0)", np.where(m34 > 0, m34, 0), a=m34)
add("where(c, a, b)", np.where(np.array([1.0, 0.0, 2.0, 0.0]) != 0, m34, x4), c=np.array([1.0, 0.0, 2.0, 0.0]), a=m34, b=x4)

add("outer(a, b)", np.outer(v5, x4), a=v5, b=x4)
add("outer(a, b)", np.outer(m34, v5), a=m34, b=v5)
add("outer(a, b)", np.outer(np.float64(2.0), x4), a=np.float64(2.0), b=x4)

vz = np.array([3.0, -4.0, 0.0, 1.5, -0.5])
for ordtext, ordval in (("none", None), ("2", 2), ("1", 1), ("inf", math.inf), ("-inf", -math.inf), ("0", 0), ("3", 3), ("0.5", 0.5), ("-1", -1)):
    add(f"norm(a, ord={ordtext})", np.linalg.norm(vz, ord=ordval), a=vz)
add("norm(a)", np.linalg.norm(m34), a=m34)
add("norm(a)", np.linalg.norm(t234), a=t234)
add("norm(a, keepdims=true)", np.linalg.norm(t234, keepdims=True), a=t234)
add("norm(a, axis=1)", np.linalg.norm(m34, axis=1), a=m34)
add("norm(a, axis=0, keepdims=true)", np.linalg.norm(m34, axis=0, keepdims=True), a=m34)
add("norm(a, ord=1, axis=-1)", np.linalg.norm(t234, ord=1, axis=-1), a=t234)
add("norm(a, ord=inf, axis=0)", np.linalg.norm(m34, ord=math.inf, axis=0), a=m34)
add("norm(a, ord=3, axis=1)", np.linalg.norm(m34, ord=3, axis=1), a=m34)
for ordtext, ordval in (("\"fro\"", "fro"), ("1", 1), ("-1", -1), ("inf", math.inf), ("-inf", -math.inf)):
    add(f"norm(a, ord={ordtext})", np.linalg.norm(m34, ord=ordval), a=m34)
    add(f"norm(a, ord={ordtext}, axis=(2, 0))", np.linalg.norm(t234, ord=ordval, axis=(2, 0)), a=t234)
    add(f"norm(a, ord={ordtext}, axis=(0, 1), keepdims=true)", np.linalg.norm(t234, ord=ordval, axis=(0, 1), keepdims=True), a=t234)
add("norm(a, axis=(1, 2))", np.linalg.norm(t234, axis=(1, 2)), a=t234)
add("norm(a)", np.linalg.norm(np.zeros(3)), a=np.zeros(3))
add("norm(a)", np.linalg.norm(np.float64(-2.0)), a=np.float64(-2.0))

with open(OUT, "w") as f:
    f.write("// Generated by scripts/gen_statistics_fixtures.py with numpy " + np.__version__ + "; do not edit.\n")
    f.write("// Each case: a dz program, and numpy's shape and elements of the same call.\n\n")
    f.write("let statisticsFixtures: [(code: String, shape: [Int], values: [String])] = [\n")
    for code, shape, values in cases:
        code_lit = code.replace("\\", "\\\\").replace('"', '\\"')
        f.write(f'    ("{code_lit}", {shape}, [' + ", ".join(f'"{v}"' for v in values) + "]),\n")
    f.write("]\n")
print(f"wrote {len(cases)} cases to {os.path.relpath(OUT)}")
