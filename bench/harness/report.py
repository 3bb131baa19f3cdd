"""Turns run records into medians, the dz/peer table with its targets, and RESULTS.md."""
from collections import defaultdict
from statistics import median

from cases import PREVIOUS

IMPLS = ("dz", "numpy", "torch", "dezero")
PEERS = ("numpy", "torch", "dezero")


def derive(record, startup_rss):
    """The values the table shows, from one run's protocol lines, wall time and peak RSS."""
    m, w = record["metrics"], record["workload"]
    out = {"wall_s": record["wall"], "peak_rss_mb": record["maxrss_kb"] / 1024}
    if w == "interp" and "per_iter" in m:
        out["ns_iter"] = m["per_iter"] * 1e9
    if w in ("matmul", "conv2d", "lstm") and "per_iter" in m:
        out["per_iter_ms"] = m["per_iter"] * 1e3
    if w.startswith("chain") and {"forward", "backward", "nodes"} <= m.keys():
        nodes = m["nodes"]
        out["total_s"] = m["forward"] + m["backward"]
        out["fwd_us_op"] = m["forward"] / nodes * 1e6
        out["bwd_us_op"] = m["backward"] / nodes * 1e6
        base = m.get("rss_base_kb", startup_rss.get(record["impl"]))
        if base is not None:
            out["bytes_per_node"] = (record["maxrss_kb"] - base) * 1024 / nodes
    if w == "sine" and "train" in m:
        out["train_s"] = m["train"]
    if w == "startup":
        out["wall_ms"] = record["wall"] * 1e3
    return out


def spread(values):
    """How far the rounds disagree: (max - min) / median."""
    m = median(values)
    return (max(values) - min(values)) / m if m else 0.0


def medians(records, summary=median):
    """{(workload, variant, impl): {value: median over rounds}} of the successful runs
    (or another summary of the rounds' values)."""
    ok = [r for r in records if not r["error"]]
    # A peer prints its own baseline (rss_base_kb, after its imports); dz's is the peak RSS
    # of bench/workloads/baseline.dz, else of its startup run.
    startup_rss, script_rss = defaultdict(list), defaultdict(list)
    for r in ok:
        if r["workload"] == "startup":
            startup_rss[r["impl"]].append(r["maxrss_kb"])
        if r["workload"] == "rss_base":
            script_rss[r["impl"]].append(r["maxrss_kb"])
    startup_rss = {impl: median(v) for impl, v in startup_rss.items()}
    startup_rss.update({impl: median(v) for impl, v in script_rss.items()})
    values = defaultdict(lambda: defaultdict(list))
    for r in ok:
        for name, v in derive(r, startup_rss).items():
            values[(r["workload"], r["variant"], r["impl"])][name].append(v)
        for name in ("loss", "y_sum", "grad_sum"):
            if name in r["metrics"]:
                values[(r["workload"], r["variant"], r["impl"])]["check_" + name].append(r["metrics"][name])
    return {k: {n: summary(v) for n, v in d.items()} for k, d in values.items()}


# (label, workload, variant, value, unit, targets); a target is (peer, max ratio dz/peer) or
# (None, max absolute dz value[, "<" when the bound is strict]).
ROWS = [
    *[(f"matmul fwd+bwd n={n} t={t}", "matmul", f"n={n} t={t}", "per_iter_ms", "ms/iter",
       [("numpy", 1.1)] if n >= 256 else []) for n in (64, 256, 1024) for t in (1, 2)],
    ("matmul fwd+bwd n=1024 float32 t=1", "matmul", "n=1024 float32 t=1", "per_iter_ms", "ms/iter", [("numpy", 1.1)]),
    ("chain scalar 100k, fwd+bwd", "chain_scalar", "", "total_s", "s", [("torch", 1 / 5), ("dezero", 1 / 10)]),
    ("chain scalar, forward per op", "chain_scalar", "", "fwd_us_op", "µs/op", []),
    ("chain scalar, backward per op", "chain_scalar", "", "bwd_us_op", "µs/op", []),
    ("chain 100x100 2k, fwd+bwd", "chain_array", "", "total_s", "s", [("torch", 1.0)]),
    ("chain 100x100, forward per op", "chain_array", "", "fwd_us_op", "µs/op", []),
    ("chain 100x100, backward per op", "chain_array", "", "bwd_us_op", "µs/op", []),
    ("sine regression 1k SGD steps", "sine", "", "train_s", "s", [("torch", 1 / 4), ("numpy", 1.0)]),
    ("conv2d fwd+bwd (32,3,32,32), 16 3x3, pad 1", "conv2d", "", "per_iter_ms", "ms/iter", [("dezero", 1 / 3), ("torch", 2.0)]),
    ("2-layer LSTM step fwd+bwd (32x16, hidden 64)", "lstm", "", "per_iter_ms", "ms/iter", [("dezero", 1 / 3), ("torch", 2.0)]),
    ("startup (whole process)", "startup", "", "wall_ms", "ms", [(None, 10.0, "<")]),
    ("peak RSS, chain scalar", "chain_scalar", "", "peak_rss_mb", "MiB", []),
    ("bytes per graph node, chain scalar", "chain_scalar", "", "bytes_per_node", "B/node", [(None, 250.0)]),
    ("peak RSS, sine regression", "sine", "", "peak_rss_mb", "MiB", []),
]


def fmt(v):
    if v is None:
        return "—"
    a = abs(v)
    if a >= 100:
        return f"{v:.0f}"
    if a >= 10:
        return f"{v:.1f}"
    if a >= 1:
        return f"{v:.2f}"
    return f"{v:.3g}"


def describe_target(target):
    peer, limit = target[:2]
    if peer is None:
        return f"{target[2] if len(target) > 2 else '≤'} {fmt(limit)}"
    return f"≤ {limit:.3g}× {peer}" if limit >= 1 else f"≥ {1 / limit:.3g}× faster than {peer}"


def judge(target, dz, row_values):
    peer, limit = target[:2]
    if peer is None:
        strict = len(target) > 2 and target[2] == "<"
        return "PASS" if (dz < limit if strict else dz <= limit) else "MISS"
    other = row_values.get(peer)
    if other is None:
        return f"{peer} n/a"
    return f"{peer} " + ("PASS" if dz / other <= limit else "MISS")


def columns(med):
    """The implementations shown: IMPLS, and dz-prev (an earlier dz) when it ran."""
    return (*IMPLS, PREVIOUS) if any(k[2] == PREVIOUS for k in med) else IMPLS


def table(med):
    impls = columns(med)
    peers = (*PEERS, PREVIOUS) if PREVIOUS in impls else PEERS
    head = ["measure", "unit", *impls, *(f"dz/{p}" for p in peers), "target", "status"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, w, v, name, unit, targets in ROWS:
        vals = {impl: med.get((w, v, impl), {}).get(name) for impl in impls}
        if all(x is None for x in vals.values()):
            continue
        dz = vals["dz"]
        ratios = [f"{dz / vals[p]:.3g}×" if dz is not None and vals[p] else "—" for p in peers]
        target = "; ".join(describe_target(t) for t in targets) or ""
        status = "; ".join(judge(t, dz, vals) for t in targets) if dz is not None else "dz n/a"
        status = status if targets else ""
        cells = [label, unit, *(fmt(vals[i]) for i in impls), *ratios, target, status]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) if len(lines) > 2 else ""


FLOAT32_SPEEDUP_TARGET = 1.8


def dtype_speedup(med):
    """dz's float32 matmul throughput over its float64 one (n=1024, one thread), per impl
    that ran both, with dz's target; "" when the float32 case did not run."""
    parts = []
    for impl in columns(med):
        f64 = med.get(("matmul", "n=1024 t=1", impl), {}).get("per_iter_ms")
        f32 = med.get(("matmul", "n=1024 float32 t=1", impl), {}).get("per_iter_ms")
        if f64 and f32:
            parts.append(f"{impl} {f64 / f32:.2f}×")
    if not parts:
        return ""
    dz = med.get(("matmul", "n=1024 t=1", "dz"), {}).get("per_iter_ms"), med.get(("matmul", "n=1024 float32 t=1", "dz"), {}).get("per_iter_ms")
    status = ("PASS" if dz[0] / dz[1] >= FLOAT32_SPEEDUP_TARGET else "MISS") if all(dz) else "dz n/a"
    return (f"float32 matmul throughput over float64 (n=1024, t=1): {', '.join(parts)}; "
            f"target for dz ≥ {FLOAT32_SPEEDUP_TARGET}×: {status}")


INTERP_LABELS = {
    "a": "(a) `s = s + 1` in a for loop",
    "b": "(b) `while i < n { i = i + 1 }`",
    "c": "(c) `def f(x) = x * 2 + 1` called per iteration",
    "d": "(d) fib(25), per call",
    "e": "(e) `y = x * a + b` on (10,) arrays",
}
INTERP_IMPLS = ("dz", "dz-nograd", "cpython", "cpython-fn", "lua", "numpy", PREVIOUS, PREVIOUS + "-nograd")
# Issue 17's targets against module-level CPython: (impl, workload, max ratio).
INTERP_TARGETS = [("dz-nograd", "a", 0.5), ("dz-nograd", "c", 0.5), ("dz-nograd", "d", 1.0), ("dz", "a", 3.0)]


def interp_table(med, spreads=None):
    """ns per iteration of the interpreter workloads, dz (recording and in no_grad) beside
    CPython (module level and in a function), Lua 5.4 and numpy where they ran; peak RSS;
    the ratios to module-level CPython and issue 17's targets. "" when none ran."""
    rows = [w for w in INTERP_LABELS if any((("interp", w, i) in med) for i in INTERP_IMPLS)]
    if not rows:
        return ""
    impls = [i for i in INTERP_IMPLS if any(("interp", w, i) in med for w in rows)]
    head = ["workload", *impls, "dz/cpython", "dz-nograd/cpython", "peak RSS dz / dz-nograd / cpython (MiB)", "targets"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for w in rows:
        ns = {i: med.get(("interp", w, i), {}).get("ns_iter") for i in impls}
        rss = [med.get(("interp", w, i), {}).get("peak_rss_mb") for i in ("dz", "dz-nograd", "cpython")]
        base = ns.get("cpython")
        ratio = lambda i: f"{ns[i] / base:.2f}×" if ns.get(i) and base else "—"
        marks = []
        for impl, tw, limit in INTERP_TARGETS:
            if tw == w:
                status = ("PASS" if ns[impl] / base <= limit else "MISS") if ns.get(impl) and base else "n/a"
                marks.append(f"{impl} ≤ {limit:g}× cpython: {status}")
        cells = [INTERP_LABELS[w], *(fmt(ns[i]) for i in impls), ratio("dz"), ratio("dz-nograd"),
                 " / ".join(fmt(r) for r in rss), "; ".join(marks)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def spread_table(spreads):
    """The spread of each table row, per implementation, in percent of its median."""
    impls = columns(spreads)
    lines = ["| measure | " + " | ".join(impls) + " |", "|---|" + "---|" * len(impls)]
    for label, w, v, name, _, _ in ROWS:
        vals = [spreads.get((w, v, i), {}).get(name) for i in impls]
        if any(x is not None for x in vals):
            lines.append(f"| {label} | " + " | ".join("—" if x is None else f"{100 * x:.0f}%" for x in vals) + " |")
    return "\n".join(lines)


def checks(med):
    """The final values each implementation computed; they should agree across columns."""
    lines = ["| workload | value | " + " | ".join(IMPLS) + " |", "|---|---|" + "---|" * len(IMPLS)]
    for w in ("chain_scalar", "chain_array", "sine"):
        for name in ("loss", "y_sum", "grad_sum"):
            vals = [med.get((w, "", i), {}).get("check_" + name) for i in IMPLS]
            if any(x is not None for x in vals):
                cells = [f"{x:.12g}" if x is not None else "—" for x in vals]
                lines.append(f"| {w} | {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
