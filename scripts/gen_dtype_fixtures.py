#!/usr/bin/env python3
"""Writes Tests/DZTensorTests/Fixtures/dtype-arithmetic.json: numpy 2.4's result dtype and
values for every dtype pair x binary operation x (0-d or n-d operands), every unary function
x dtype, and the reductions, for DZTensor's arithmetic (DTypeArithmeticTests.swift).

dz's rule for a 0-d operand against an n-d one is numpy's rule for a Python scalar (NEP 50),
so such cases are computed here with the 0-d operand as a Python number; two 0-d or two n-d
operands are numpy arrays. Where numpy's result is a dtype dz does not have, the case holds
dz's documented choice (docs/language.md, Dtypes): float16 results are float64 and int8
results int64, computed in those dtypes. `error` marks what numpy refuses.

Run: python3 scripts/gen_dtype_fixtures.py"""
import json
import pathlib
import warnings

import numpy as np

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/DZTensorTests/Fixtures/dtype-arithmetic.json"
DTYPES = ["float64", "float32", "int64", "bool"]
ND = {"float64": [1.5, -2.25, 0.0, 7.0, -0.5, 3.0], "float32": [1.5, -2.25, 0.0, 7.0, -0.5, 3.0],
      "int64": [3, -7, 0, 5, -2, 9], "bool": [True, False, True, True, False, False]}
ZERO_D = {"float64": 2.5, "float32": 2.5, "int64": 3, "bool": True}
# Exponents: non-negative integers (integer ** negative integer is numpy's error, kept below).
POW_ND = {"float64": [2.0, 0.5, 3.0, 1.0, 0.0, -1.0], "float32": [2.0, 0.5, 3.0, 1.0, 0.0, -1.0],
          "int64": [2, 0, 1, 3, 2, 1], "bool": [True, False, True, False, True, True]}
BINARY = {"add": np.add, "subtract": np.subtract, "multiply": np.multiply, "true_divide": np.true_divide,
          "floor_divide": np.floor_divide, "mod": np.mod, "power": np.power, "maximum": np.maximum,
          "minimum": np.minimum, "equal": np.equal, "not_equal": np.not_equal, "less": np.less,
          "less_equal": np.less_equal, "greater": np.greater, "greater_equal": np.greater_equal}
UNARY = {"negative": np.negative, "abs": np.abs, "exp": np.exp, "log": np.log, "sqrt": np.sqrt,
         "sin": np.sin, "cos": np.cos, "tanh": np.tanh, "sign": np.sign}
# Computed by libm-like loops whose last bit numpy's SIMD code may choose differently.
ONE_ULP = {"exp", "log", "sin", "cos", "tanh", "power", "true_divide_f32"}


def enc(a):
    a = np.asarray(a)
    if a.dtype == np.int64:
        values = [str(int(v)) for v in a.reshape(-1)]
    elif a.dtype == np.bool_:
        values = ["1" if v else "0" for v in a.reshape(-1)]
    else:
        values = [repr(float(v)) for v in a.reshape(-1)]
    return {"dtype": str(a.dtype), "shape": list(a.shape), "values": values}


def dz_result(result, compute_as):
    """numpy's result, or dz's documented choice for a dtype dz lacks."""
    if result.dtype == np.float16:
        return compute_as(np.float64)
    if result.dtype == np.int8:
        return compute_as(np.int64)
    assert str(result.dtype) in DTYPES, result.dtype
    return result


def operand(dtype, zero_d, values=ND):
    if zero_d:
        return np.array(ZERO_D[dtype], dtype=dtype)
    return np.array(values[dtype], dtype=dtype).reshape(2, 3)


def main():
    warnings.simplefilter("ignore")
    np.seterr(all="ignore")
    binary, unary, reductions = [], [], []
    for name, f in BINARY.items():
        for da in DTYPES:
            for db in DTYPES:
                for za, zb in ((False, False), (False, True), (True, False), (True, True)):
                    a = operand(da, za)
                    b = operand(db, zb, POW_ND if name == "power" else ND)
                    # A 0-d operand against an n-d one promotes as a Python scalar.
                    # dz's one choice beyond numpy: a 0-d operand of a higher kind than the
                    # n-d one (float32 0-d, bool n-d) keeps its own dtype, as PyTorch's rule
                    # does, where numpy would take a Python float as float64.
                    kind = {"bool": 0, "int64": 1, "float32": 2, "float64": 2}
                    pa = (a[()] if kind[da] > kind[db] else a.item()) if za and not zb else a
                    pb = (b[()] if kind[db] > kind[da] else b.item()) if zb and not za else b
                    case = {"op": name, "a": enc(a), "b": enc(b)}
                    try:
                        r = np.asarray(f(pa, pb))
                        r = dz_result(r, lambda t: np.asarray(f(np.asarray(pa).astype(t) if not isinstance(pa, (bool, int, float)) else pa,
                                                              np.asarray(pb).astype(t) if not isinstance(pb, (bool, int, float)) else pb)).astype(t))
                        case["result"] = enc(r)
                    except (TypeError, ValueError) as e:
                        case["error"] = str(e)
                    binary.append(case)
        # integer ** negative integer is numpy's error
    for d in ("int64",):
        a, b = operand(d, False), np.array([2, -1, 0, 1, 2, 3], dtype=np.int64).reshape(2, 3)
        binary.append({"op": "power", "a": enc(a), "b": enc(b), "error": "Integers to negative integer powers are not allowed."})
    for name, f in UNARY.items():
        for d in DTYPES:
            for z in (False, True):
                a = operand(d, z)
                case = {"op": name, "a": enc(a)}
                try:
                    r = np.asarray(f(a))
                    r = dz_result(r, lambda t: np.asarray(f(a.astype(t))))
                    case["result"] = enc(r)
                except TypeError as e:
                    case["error"] = str(e)
                unary.append(case)
    rng = np.random.default_rng(15)
    arrays = [operand(d, False) for d in DTYPES]
    arrays.append((rng.normal(size=(5, 100)) * 100).astype(np.float32))
    arrays.append(rng.integers(-10**12, 10**12, size=(7, 30)))
    for a in arrays:
        for name, f in {"sum": np.sum, "mean": np.mean, "max": np.max, "min": np.min, "prod": np.prod,
                        "argmax": np.argmax, "argmin": np.argmin, "cumsum": np.cumsum}.items():
            for axis in (None, 0, 1):
                if name in ("cumsum", "prod") and a.size > 6:
                    continue
                r = np.asarray(f(a, axis=axis))
                reductions.append({"op": name, "axis": axis, "a": enc(a), "result": enc(r)})
    OUT.write_text(json.dumps({"numpy_version": np.__version__, "one_ulp": sorted(ONE_ULP),
                               "binary": binary, "unary": unary, "reductions": reductions}) + "\n")
    errors = sum("error" in c for c in binary + unary)
    print(f"wrote {len(binary)} binary, {len(unary)} unary, {len(reductions)} reduction cases ({errors} errors) to {OUT}")


if __name__ == "__main__":
    main()
