"""The line protocol every workload speaks: one `NAME VALUE` line per measurement.

Timings are in seconds (time.perf_counter, a monotonic clock); counts are plain numbers.
The harness reads these lines from stdout and ignores anything else.
"""
import os
import resource
import time

clock = time.perf_counter


def report(name, value):
    print(f"{name} {float(value)!r}", flush=True)


def rss_kb():
    """This process's peak resident set size so far, in KiB (Linux ru_maxrss)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def threads():
    """The thread count the harness asked for (BENCH_THREADS), or None for the default."""
    text = os.environ.get("BENCH_THREADS")
    return int(text) if text else None


def report_per_iteration(step, iters):
    """Runs `step()` once to warm up (thread pools, page faults), then `iters` times, and
    reports the iteration count and the mean seconds per iteration."""
    step()
    t0 = clock()
    for _ in range(iters):
        step()
    t1 = clock()
    report("iters", iters)
    report("per_iter", (t1 - t0) / iters)
