#!/usr/bin/env python3
"""Writes Tests/DZTensorTests/Fixtures/tanh.json: correctly rounded tanh values.

Each case is [x, tanh(x)] as float.hex() strings, tanh computed by mpmath at 60 digits and
rounded once to the nearest double. The inputs are the special points of VectorTanh's
method (region and reduction boundaries, where tanh crosses 1/2, where it rounds to 1),
their neighbours, and seeded log-uniform inputs in [2^-40, 2^5] of both signs. The tests
check VectorTanh against them on every platform (the Float80 reference only exists on
x86). Needs mpmath (bench/.venv has it, through sympy). Run from the repository root:

    bench/.venv/bin/python scripts/gen_tanh_fixtures.py
"""
import json
import math
import os
import random

import mpmath as mp

mp.mp.dps = 60
OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "DZTensorTests", "Fixtures", "tanh.json")

centers = [2.0**-28, 2.0**-27, 0.5, 1.0, float(mp.log(3) / 2), 18.37, 19.06, 22.0]
centers += [float((j + mp.mpf(1) / 2) * mp.log(2) / 2) for j in range(8)]  # k changes here
inputs = []
for c in centers:
    x = c
    for _ in range(4):
        x = math.nextafter(x, 0)
    for _ in range(9):
        inputs.append(x)
        x = math.nextafter(x, math.inf)
rng = random.Random(20240607)
for _ in range(1200):
    x = 2.0 ** rng.uniform(-40, 5)
    inputs.append(x if rng.random() < 0.5 else -x)

cases = [[x.hex(), float(mp.tanh(mp.mpf(x))).hex()] for x in inputs]
with open(OUT, "w") as f:
    json.dump({"mpmath_version": mp.__version__, "cases": cases}, f, separators=(",", ":"))
    f.write("\n")
print(f"{len(cases)} cases -> {os.path.normpath(OUT)}")
