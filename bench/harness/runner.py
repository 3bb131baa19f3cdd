"""Runs one case as a child process: its protocol lines, wall time and peak RSS (wait4)."""
import os
import re
import subprocess
import tempfile
import threading
import time

# Set by the harness for matmul's 1- and 2-thread settings.
THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "DZ_NUM_THREADS", "BENCH_THREADS")
# Kernel overrides meant for dz's Debian OpenBLAS; the peers' own BLAS must choose for itself.
PEER_UNSET = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")

LINE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s+(.*)$")
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?inf|nan")


def parse(stdout):
    """`NAME VALUE` lines -> {NAME: float}. VALUE's first number counts, so a value printed
    as e.g. `variable(0.5)` or `0.5 s` still reads as 0.5. Other lines are ignored."""
    metrics = {}
    for line in stdout.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        n = NUMBER.search(m.group(2))
        if n:
            metrics[m.group(1)] = float(n.group(0))
    return metrics


def environment(case):
    env = dict(os.environ)
    env.pop("BENCH_THREADS", None)
    if not case.is_dz:
        for name in PEER_UNSET:
            env.pop(name, None)
    if case.threads:
        for name in THREAD_VARS:
            env[name] = str(case.threads)
    return env


def run(case, timeout=600):
    """Returns {rc, wall, maxrss_kb, metrics, error}."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(case.argv, cwd=case.cwd, env=environment(case),
                                stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace")
    error = None
    if proc.returncode != 0:
        tail = [line for line in stderr.strip().splitlines() if line.strip()][-1:] or ["(no stderr)"]
        error = f"exit {proc.returncode}: {tail[0][:200]}"
    return {"rc": proc.returncode, "wall": wall, "maxrss_kb": usage.ru_maxrss,
            "metrics": parse(stdout), "error": error}
