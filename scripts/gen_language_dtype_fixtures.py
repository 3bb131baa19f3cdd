#!/usr/bin/env python3
"""Writes Tests/DZLanguageTests/Fixtures/dtype-programs.tsv: dz programs about dtypes
(literals, counters, promotion, `//`, `%`, casts, creation with dtype=, masks and the
other index forms, gradients) and, for each, what the same computation prints in numpy
2.4: the str() of its value, computed here by numpy, never typed by hand. A program
numpy refuses is expected to fail (`!error`).

Each case is (dz program, Python code). The Python code is an expression evaluated with
`np` and `A = np.array` (dz's literals are numpy arrays), or statements that call
`out(value)` for every line dz prints.

Run: python3 scripts/gen_language_dtype_fixtures.py (numpy 2.4)."""
import pathlib
import warnings

import numpy as np

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/DZLanguageTests/Fixtures/dtype-programs.tsv"
A = np.array

CASES = [
    # Literals are np.array(literal).
    ("2", "A(2)"), ("2.0", "A(2.0)"), ("-7", "A(-7)"), ("1e-3", "A(1e-3)"),
    ("[1, 2, 3]", "A([1, 2, 3])"), ("[1, 2.5]", "A([1, 2.5])"), ("[true, false]", "A([True, False])"),
    ("[true, 1]", "A([True, 1])"), ("[[1, 2], [3, 4]]", "A([[1, 2], [3, 4]])"),
    ("x = 2; x.dtype", "A(2).dtype"), ("[1.5].dtype", "A([1.5]).dtype"), ("[true].dtype", "A([True]).dtype"),
    ("true", "A(True)"), ("false", "A(False)"),
    # Sizes and counters are int64.
    ("len([1, 2, 3])", "A(len([1, 2, 3]))"), ("size(ones(2, 3))", "A(np.ones((2, 3)).size)"),
    ("ndim(ones(2, 3))", "A(np.ones((2, 3)).ndim)"), ("ones(2, 3).shape", "np.ones((2, 3)).shape"),
    ("ones(2, 3).shape[0]", "A(np.ones((2, 3)).shape[0])"),
    ("for i in range(3) { print(i) }", "for i in range(3): out(A(i))"),
    ("for i, v in enumerate([5, 6]) { print(i, v) }", "for i, v in enumerate(A([5, 6])): out(f'{A(i)} {v}')"),
    # Comparisons and logic give bool.
    ("3 > 2", "A(3) > A(2)"), ("[1, 2, 3] > 2", "A([1, 2, 3]) > A(2)"), ("[1.0, 2.0] == [1, 3]", "A([1.0, 2.0]) == A([1, 3])"),
    ("not true", "A(not True)"), ("true and false", "A(True and False)"), ("1 and 2", "A(bool(1 and 2))"),
    ("0 or 0.0", "A(bool(0 or 0.0))"), ("(3 > 2).dtype", "(A(3) > A(2)).dtype"),
    # Arithmetic with numpy's promotion (NEP 50 for a 0-d operand against an n-d one).
    ("1 + 2", "A(1) + A(2)"), ("1 + 2.0", "A(1) + A(2.0)"), ("7 / 2", "A(7) / A(2)"), ("1 / 0", "A(1) / A(0)"),
    ("-1 / 0", "A(-1) / A(0)"), ("7 // 2", "A(7) // A(2)"), ("-7 // 2", "A(-7) // A(2)"), ("7.5 // 2", "A(7.5) // A(2)"),
    ("-7.5 // 2", "A(-7.5) // A(2)"), ("[7, -7, 0] // 2", "A([7, -7, 0]) // A(2)"), ("[7.0, -7.0] // -2", "A([7.0, -7.0]) // A(-2)"),
    ("7 % 3", "A(7) % A(3)"), ("7 % -3", "A(7) % A(-3)"), ("-7 % 3", "A(-7) % A(3)"), ("-7.5 % 2", "A(-7.5) % A(2)"),
    ("[5, -5] % 3", "A([5, -5]) % A(3)"), ("2 ** 10", "A(2) ** A(10)"), ("2 ** 0.5", "A(2) ** A(0.5)"), ("2.0 ** -1", "A(2.0) ** A(-1)"),
    ("[1, 2, 3] ** 2", "A([1, 2, 3]) ** A(2)"), ("2 ** -1", "A(2) ** A(-1)"), ("[1, 2] ** -1", "A([1, 2]) ** A(-1)"),
    ("[1, 2] * 0.5", "A([1, 2]) * 0.5"), ("[1, 2] + [0.5, 1]", "A([1, 2]) + A([0.5, 1])"), ("2 * 0.5", "A(2) * A(0.5)"),
    ("-[1, 2]", "-A([1, 2])"), ("9223372036854775807 + 1", "A(9223372036854775807) + A(1)"),
    ("[9223372036854775807] * 2", "A([9223372036854775807]) * 2"),
    ("true + true", "A(True) + A(True)"), ("[true, false] * [true, true]", "A([True, False]) * A([True, True])"),
    ("[true, false] + 1", "A([True, False]) + 1"), ("[true, false] - [true, true]", "A([True, False]) - A([True, True])"),
    ("x = ones(2, dtype=float32); (x - 0.1 * x).dtype", "x = np.ones(2, dtype=np.float32); out((x - 0.1 * x).dtype)"),
    ("x = ones(2, dtype=float32); (x * 2).dtype", "x = np.ones(2, dtype=np.float32); out((x * 2).dtype)"),
    ("x = ones(2, dtype=float32); (x + ones(2)).dtype", "x = np.ones(2, dtype=np.float32); out((x + np.ones(2)).dtype)"),
    ("x = ones(2, dtype=float32); (x + [1, 2]).dtype", "x = np.ones(2, dtype=np.float32); out((x + A([1, 2])).dtype)"),
    ("x = ones(2, dtype=float32); x / 3", "np.ones(2, dtype=np.float32) / 3"),
    ("x = ones((), dtype=float32); (x + 1.5).dtype", "(np.ones((), dtype=np.float32) + A(1.5)).dtype"),
    ("[1, 2].astype(float32) / 3", "A([1, 2]).astype(np.float32) / 3"),
    ("exp([0, 1])", "np.exp(A([0, 1]))"), ("sqrt([4, 2])", "np.sqrt(A([4, 2]))"), ("sqrt(full(2, 2.0, dtype=float32))", "np.sqrt(np.full(2, 2.0, dtype=np.float32))"),
    ("abs([-3, 2])", "np.abs(A([-3, 2]))"), ("maximum([1, 5], [4, 2])", "np.maximum(A([1, 5]), A([4, 2]))"),
    # Reductions.
    ("sum([1, 2, 3])", "np.sum(A([1, 2, 3]))"), ("sum([true, true, false])", "np.sum(A([True, True, False]))"),
    ("mean([1, 2])", "np.mean(A([1, 2]))"), ("max([1, 5, 2])", "np.max(A([1, 5, 2]))"), ("min([true, false])", "np.min(A([True, False]))"),
    ("argmax([1, 5, 2])", "np.argmax(A([1, 5, 2]))"), ("argmax([[1, 5], [7, 2]], axis=1)", "np.argmax(A([[1, 5], [7, 2]]), axis=1)"),
    ("sum(ones(3, dtype=float32)).dtype", "np.sum(np.ones(3, dtype=np.float32)).dtype"),
    ("sum([[1, 2], [3, 4]], axis=0)", "np.sum(A([[1, 2], [3, 4]]), axis=0)"),
    # Matrix products.
    ("dot([1, 2, 3], [4, 5, 6])", "np.dot(A([1, 2, 3]), A([4, 5, 6]))"),
    ("[[1, 2], [3, 4]] @ [[5, 6], [7, 8]]", "A([[1, 2], [3, 4]]) @ A([[5, 6], [7, 8]])"),
    ("[[true, false], [false, false]] @ [[true, true], [false, true]]", "A([[True, False], [False, False]]) @ A([[True, True], [False, True]])"),
    ("[[1, 2]] @ [[0.5], [0.25]]", "A([[1, 2]]) @ A([[0.5], [0.25]])"),
    ("(ones((2, 2), dtype=float32) @ ones((2, 2), dtype=float32)).dtype", "(np.ones((2, 2), np.float32) @ np.ones((2, 2), np.float32)).dtype"),
    # Creation with dtype=.
    ("zeros(2, dtype=int64)", "np.zeros(2, dtype=np.int64)"), ("ones(2, 2, dtype=bool)", "np.ones((2, 2), dtype=bool)"),
    ("ones(3, dtype=\"float32\") / 3", "np.ones(3, dtype=np.float32) / 3"), ("full(2, 7)", "np.full(2, 7)"),
    ("full(2, 0.5)", "np.full(2, 0.5)"), ("full((2, 2), true)", "np.full((2, 2), True)"), ("full(2, 7, dtype=float32)", "np.full(2, 7, dtype=np.float32)"),
    ("eye(2, dtype=int64)", "np.eye(2, dtype=np.int64)"), ("arange(5)", "np.arange(5)"), ("arange(1, 10, 3)", "np.arange(1, 10, 3)"),
    ("arange(10, 1, -3)", "np.arange(10, 1, -3)"), ("arange(0.0, 1.0, 0.25)", "np.arange(0.0, 1.0, 0.25)"), ("arange(5).dtype", "np.arange(5).dtype"),
    ("arange(3, dtype=float32)", "np.arange(3, dtype=np.float32)"), ("linspace(0, 1, 3, dtype=float32)", "np.linspace(0, 1, 3, dtype=np.float32)"),
    ("zeros_like([1, 2])", "np.zeros_like(A([1, 2]))"), ("ones_like([true])", "np.ones_like(A([True]))"),
    ("zeros_like([1, 2], dtype=float64)", "np.zeros_like(A([1, 2]), dtype=np.float64)"),
    # Conversions.
    ("int(2.7)", "A(int(2.7))"), ("int(-2.7)", "A(int(-2.7))"), ("int(\"42\")", "A(int('42'))"), ("int(true)", "A(int(True))"),
    ("float(3)", "A(float(3))"), ("float(\"2.5\")", "A(float('2.5'))"), ("int(nan)", "int(float('nan'))"),
    ("astype([1.5, -2.7], int64)", "A([1.5, -2.7]).astype(np.int64)"), ("astype([0, 2], bool)", "A([0, 2]).astype(bool)"),
    ("[0.1, 0.2].astype(float32)", "A([0.1, 0.2]).astype(np.float32)"), ("astype([1, 2], \"float64\")", "A([1, 2]).astype('float64')"),
    ("int64(2.7)", "np.int64(2.7)"), ("float32(0.1)", "np.float32(0.1)"), ("bool([0, 2])", "np.bool_(A([0, 2]))"),
    ("float32", "np.dtype(np.float32)"), ("float32 == \"float32\"", "A(np.dtype(np.float32) == 'float32')"),
    ("[1.5].dtype == float64", "A(A([1.5]).dtype == np.float64)"), ("float32.itemsize", "A(np.dtype(np.float32).itemsize)"),
    # Indexing: masks, several integer arrays, `...` and `none`.
    ("x = [3.0, -1.0, 2.0]; x[x > 0]", "x = A([3.0, -1.0, 2.0]); out(x[x > 0])"),
    ("x = [3.0, -1.0, 2.0]; x[[true, false, true]]", "A([3.0, -1.0, 2.0])[A([True, False, True])]"),
    ("m = [[1, 2], [3, 4]]; m[m > 1]", "m = A([[1, 2], [3, 4]]); out(m[m > 1])"),
    ("m = [[1, 2], [3, 4]]; m[[true, false]]", "A([[1, 2], [3, 4]])[A([True, False])]"),
    ("m = [[1, 2], [3, 4]]; m[:, [false, true]]", "A([[1, 2], [3, 4]])[:, A([False, True])]"),
    ("m = [[1, 2], [3, 4]]; m[[0, 1], [1, 0]]", "A([[1, 2], [3, 4]])[A([0, 1]), A([1, 0])]"),
    ("m = arange(12).reshape(3, 4); m[arange(3), [0, 2, 3]]", "np.arange(12).reshape(3, 4)[np.arange(3), A([0, 2, 3])]"),
    ("m = arange(12).reshape(3, 4); m[[[0], [2]], [1, 3]]", "np.arange(12).reshape(3, 4)[A([[0], [2]]), A([1, 3])]"),
    ("m = arange(24).reshape(2, 3, 4); m[[0, 1], :, [1, 2]]", "np.arange(24).reshape(2, 3, 4)[A([0, 1]), :, A([1, 2])]"),
    ("m = arange(24).reshape(2, 3, 4); m[..., 1]", "np.arange(24).reshape(2, 3, 4)[..., 1]"),
    ("m = arange(24).reshape(2, 3, 4); m[0, ..., 2]", "np.arange(24).reshape(2, 3, 4)[0, ..., 2]"),
    ("m = arange(6).reshape(2, 3); m[none].shape", "np.arange(6).reshape(2, 3)[None].shape"),
    ("m = arange(6).reshape(2, 3); m[:, none, 1]", "np.arange(6).reshape(2, 3)[:, None, 1]"),
    ("m = arange(6).reshape(2, 3); m[..., none].shape", "np.arange(6).reshape(2, 3)[..., None].shape"),
    ("x = [3.0, -1.0, 2.0]; x[[true, false]]", "A([3.0, -1.0, 2.0])[A([True, False])]"),
    ("x = [3.0, -1.0, 2.0]; x[[0.0, 1.0]]", "A([3.0, -1.0, 2.0])[A([0.0, 1.0])]"),
    # Gradients in numpy's arithmetic.
    ("x = 2; backward(x ** 3); x.grad", "A(3 * 2 ** 2)"),
    ("x = full(2, 1.5, dtype=float32); backward(sum(x * x)); x.grad", "2 * np.full(2, 1.5, dtype=np.float32)"),
    ("x = full(2, 1.5, dtype=float32); backward(sum(x * x)); x.grad.dtype", "(2 * np.full(2, 1.5, dtype=np.float32)).dtype"),
    ("x = [1.0, 2.0]; y = astype(x, float32); backward(sum(y * y)); x.grad.dtype", "np.dtype(np.float64)"),
    ("x = [3.0, -1.0, 2.0]; backward(sum(x[x > 0] * 2)); x.grad", "g = np.zeros(3); g[A([3.0, -1.0, 2.0]) > 0] += 2; out(g)"),
    ("x = [1.0, 2.0, 3.0]; backward(sum(x[[0, 0, 2]])); x.grad", "g = np.zeros(3); np.add.at(g, A([0, 0, 2]), 1.0); out(g)"),
    ("x = ones(2, 3); backward(sum(x[[0, 1], [2, 2]])); x.grad", "g = np.zeros((2, 3)); np.add.at(g, (A([0, 1]), A([2, 2])), 1.0); out(g)"),
    ("x = ones(2, 3); backward(sum(x[..., 1])); x.grad", "g = np.zeros((2, 3)); g[..., 1] += 1.0; out(g)"),
    ("x = ones(2, 3); backward(sum(x[none] * 3)); x.grad", "out(np.full((2, 3), 3.0))"),
]


def run(py):
    """What dz should print for one case: str() of each printed value, or !error."""
    lines = []

    def out(v):
        lines.append(str(v))

    ns = {"np": np, "A": A, "out": out}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            try:
                code = compile(py, "<case>", "eval")
            except SyntaxError:
                exec(compile(py, "<case>", "exec"), ns)
            else:
                value = eval(code, ns)
                if value is not None:  # a lone out(...) call printed already
                    lines.append(str(value))
        except Exception:
            return "!error"
    return "\n".join(lines)


def escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def main():
    rows = ["# dz program\tnumpy 2.4's output (scripts/gen_language_dtype_fixtures.py; numpy " + np.__version__ + ")"]
    for dz, py in CASES:
        rows.append(escape(dz) + "\t" + escape(run(py)))
    OUT.write_text("\n".join(rows) + "\n")
    print(f"wrote {len(CASES)} cases to {OUT}")


if __name__ == "__main__":
    main()
