"""The interp workloads of bench/workloads/interp_*.dz in CPython, at module level (names in
a dict, as a script's top level) or inside a function (fast locals), the two yardsticks of
the interpreter's speed.

Usage: interp_cpython.py WORKLOAD MODE   (WORKLOAD a-e, MODE module or function; MODE
numpy for (e) with numpy arrays, at module level)
"""
import sys
import textwrap

from protocol import clock, report

# Each body times its loop into t0/t1 and leaves its result in `check`; n as in the dz scripts.
BODIES = {
    "a": (300_000, """
        s = 0
        t0 = clock()
        for i in range(n):
            s = s + 1
        t1 = clock()
        check = s
    """),
    "b": (300_000, """
        i = 0
        t0 = clock()
        while i < n:
            i = i + 1
        t1 = clock()
        check = i
    """),
    "c": (200_000, """
        def f(x):
            return x * 2 + 1
        s = 0
        t0 = clock()
        for i in range(n):
            s = f(i)
        t1 = clock()
        check = s
    """),
    "d": (242_785, """
        def fib(k):
            if k < 2:
                return k
            return fib(k - 1) + fib(k - 2)
        t0 = clock()
        r = fib(25)
        t1 = clock()
        check = r
    """),
    # Python lists: what a CPython user writes without numpy.
    "e": (100_000, """
        import random
        random.seed(0)
        x = [random.gauss(0, 1) for _ in range(10)]
        a = [random.gauss(0, 1) for _ in range(10)]
        b = [random.gauss(0, 1) for _ in range(10)]
        t0 = clock()
        for i in range(n):
            y = [xi * ai + bi for xi, ai, bi in zip(x, a, b)]
        t1 = clock()
        check = len(y)
    """),
}


# numpy arrays for (e), the form a numpy user writes.
NUMPY_BODIES = {
    "e": (100_000, """
        import numpy as np
        np.random.seed(0)
        x, a, b = np.random.randn(10), np.random.randn(10), np.random.randn(10)
        t0 = clock()
        for i in range(n):
            y = x * a + b
        t1 = clock()
        check = float(y.sum())
    """),
}


def main(workload, mode):
    n, body = (NUMPY_BODIES if mode == "numpy" else BODIES)[workload]
    body = textwrap.dedent(body)
    if mode in ("module", "numpy"):
        scope = {"clock": clock, "n": n, "__name__": "__main__"}
        exec(compile(body, f"interp_{workload}", "exec"), scope)
    else:
        source = "def run(n):\n" + textwrap.indent(body, "    ") + "    return t0, t1, check\n"
        scope = {"clock": clock}
        exec(compile(source, f"interp_{workload}", "exec"), scope)
        t0, t1, check = scope["run"](n)
        scope.update(t0=t0, t1=t1, check=check)
    report("check", scope["check"])
    report("iters", n)
    report("per_iter", (scope["t1"] - scope["t0"]) / n)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
