"""What to run: every workload, for dz and each peer, as a command line (threads per case)."""
import shutil
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent
PEERS = BENCH / "peers"
WORKLOADS = BENCH / "workloads"
REPO = BENCH.parent

# Matrix sizes of the matmul workload and iterations per size (each run ~0.1-1 s).
MATMUL_ITERS = {64: 2000, 256: 100, 1024: 5}
MATMUL_THREADS = (1, 2)
CHAIN_ITERS = {"scalar": 100_000, "array": 2_000}
SINE_ITERS = 1_000
# DeZero steps 52-60: conv2d forward+backward on (32, 3, 32, 32) with 16 3x3 filters, pad 1,
# and a 2-layer LSTM step (batch 32, input 16, hidden 64).
CONV2D_ITERS = 20
LSTM_ITERS = 50

# The interpreter workloads (bench/workloads/interp_*.dz): (a) accumulation, (b) while with a
# comparison, (c) a function call per iteration, (d) fib(25), (e) a (10,)-array elementwise loop.
INTERP = ("a", "b", "c", "d", "e")
LUA = "lua5.4"

# What each run must print (the line protocol, see bench/README.md) to count as a result.
REQUIRED = {
    "matmul": ("per_iter",),
    "chain_scalar": ("forward", "backward", "nodes"),
    "chain_array": ("forward", "backward", "nodes"),
    "sine": ("train",),
    "conv2d": ("per_iter",),
    "lstm": ("per_iter",),
    "interp": ("per_iter",),
    "startup": (),
    "rss_base": (),
}


# The column of a second dz binary (an earlier commit's), run beside dz with --dz-previous.
PREVIOUS = "dz-prev"


@dataclass(frozen=True)
class Case:
    workload: str          # matmul, chain_scalar, chain_array, sine, conv2d, lstm, interp, startup
    variant: str           # e.g. "n=256 t=1"; "" when the workload has one form
    impl: str              # dz, numpy, torch, dezero (and python for bare startup)
    argv: tuple
    threads: int | None = None
    cwd: Path = PEERS

    @property
    def key(self):
        return (self.workload, self.variant)

    @property
    def is_dz(self):
        return self.impl.startswith("dz")


def peer(python, workload, variant, impl, script, *args, threads=None):
    return Case(workload, variant, impl, (python, str(PEERS / script), *map(str, args)), threads)


def dz_script(dz, workload, variant, name, threads=None):
    return Case(workload, variant, "dz", (dz, str(WORKLOADS / name)), threads, cwd=REPO)


def build(python, dz=None, only=None, previous=None):
    """All cases, grouped by (workload, variant), in a stable order; with `previous` (a dz
    binary of an earlier commit) each dz case again with that binary, as impl dz-prev."""
    cases = []
    for n, iters in MATMUL_ITERS.items():
        for t in MATMUL_THREADS:
            v = f"n={n} t={t}"
            if dz:
                cases.append(dz_script(dz, "matmul", v, f"matmul_{n}.dz", threads=t))
            for impl in ("numpy", "torch", "dezero"):
                cases.append(peer(python, "matmul", v, impl, f"matmul_{impl}.py", n, iters, threads=t))
    # float32 beside float64 at n=1024, one thread (sgemm against dgemm): numpy and torch
    # in float32 too; DeZero has no dtype of its own (its float32 is numpy's).
    v = "n=1024 float32 t=1"
    if dz:
        cases.append(dz_script(dz, "matmul", v, "matmul_1024_float32.dz", threads=1))
    for impl in ("numpy", "torch"):
        cases.append(peer(python, "matmul", v, impl, f"matmul_{impl}.py", 1024, MATMUL_ITERS[1024], "float32", threads=1))
    if dz:
        # dz's memory baseline for bytes per node: a script with OpenBLAS loaded (scripts
        # load it in the background from the start), as the chains run; `dz -e 1` is lighter.
        cases.append(dz_script(dz, "rss_base", "", "baseline.dz"))
    for shape, iters in CHAIN_ITERS.items():
        w = f"chain_{shape}"
        if dz:
            cases.append(dz_script(dz, w, "", f"{w}.dz"))
        for impl in ("torch", "dezero"):
            cases.append(peer(python, w, "", impl, f"chain_{impl}.py", shape, iters))
    if dz:
        cases.append(dz_script(dz, "sine", "", "sine.dz"))
    for impl in ("numpy", "torch", "dezero"):
        cases.append(peer(python, "sine", "", impl, f"sine_{impl}.py", SINE_ITERS))
    # One thread each: torch's default pool oversubscribes a shared 2-core machine (a
    # 2-layer LSTM step went from 2 ms to 80 ms under load), and dz's small products gain little.
    for w, iters in (("conv2d", CONV2D_ITERS), ("lstm", LSTM_ITERS)):
        if dz:
            cases.append(dz_script(dz, w, "", f"{w}.dz", threads=1))
        for impl in ("torch", "dezero"):
            cases.append(peer(python, w, "", impl, f"{w}_{impl}.py", iters, threads=1))
    # The interpreter against CPython (module level and in a function) and Lua 5.4 when
    # installed; dz both recording (as plain code does) and inside no_grad.
    lua = shutil.which(LUA)
    for w in INTERP:
        if dz:
            cases.append(dz_script(dz, "interp", w, f"interp_{w}_rec.dz"))
            if w != "e":
                cases.append(Case("interp", w, "dz-nograd", (dz, str(WORKLOADS / f"interp_{w}_nograd.dz")), cwd=REPO))
        for mode, impl in (("module", "cpython"), ("function", "cpython-fn")):
            cases.append(peer(python, "interp", w, impl, "interp_cpython.py", w, mode))
        if w == "e":
            cases.append(peer(python, "interp", w, "numpy", "interp_cpython.py", w, "numpy"))
        elif lua:
            cases.append(Case("interp", w, "lua", (lua, str(PEERS / "interp.lua"), w)))
    if dz:
        cases.append(Case("startup", "", "dz", (dz, "-e", "1"), cwd=REPO))
    for impl, module in (("python", "sys"), ("numpy", "numpy"), ("torch", "torch"), ("dezero", "dezero_shim")):
        cases.append(Case("startup", "", impl, (python, "-c", f"import {module}")))
    if previous:
        cases = [c2 for c in cases for c2 in
                 ((c, Case(c.workload, c.variant, PREVIOUS + c.impl[2:], (previous, *c.argv[1:]), c.threads, c.cwd))
                  if c.is_dz else (c,))]
    if only:
        wanted = set(only) | ({"rss_base"} if any(w.startswith("chain") for w in only) else set())
        cases = [c for c in cases if c.workload in wanted]
    return cases
