"""Renders bench/RESULTS.md: when, where, the table, and notes."""
import report


def blas_lines(info):
    peers = info.get("peers", {})
    lines = []
    for pool in peers.get("numpy", {}).get("pools", []):
        lines.append(f"- numpy {peers['numpy'].get('version')} (and DeZero): {pool.get('internal_api')} "
                     f"{pool.get('version')} ({pool.get('prefix')}), kernel **{pool.get('architecture')}**, "
                     f"{pool.get('threading_layer')}")
    torch = peers.get("torch")
    if torch:
        lines.append(f"- torch {torch.get('version')}: {torch.get('blas')}, CPU capability "
                     f"**{torch.get('cpu_capability')}**, {torch.get('threads')} threads by default")
    lines.append(f"- dz: {info.get('dz_blas') or 'not measured'} "
                 f"(Debian libopenblas0-pthread {info.get('debian_openblas')})")
    return lines


def render(started, info, args, med, spread, failures, raw_name):
    dz_measured = any(impl == "dz" for (_, _, impl) in med)
    python_ms = med.get(("startup", "", "python"), {}).get("wall_ms")
    overrides = info.get("env_overrides") or {}
    out = [
        "# dz benchmark results",
        "",
        f"Run: {started:%Y-%m-%d %H:%M} UTC, `bench/run` ({args.rounds} rounds, round-robin; medians).",
        "",
    ]
    if not dz_measured:
        out += [f"**dz not yet measured** — {args.dz_note or 'no dz binary given'}. "
                "The dz columns, ratios and PASS/MISS fill in once `make bench` can run the "
                "workloads in bench/workloads/.", ""]
    busy = max(float(x) for x in (info.get("load_start", "0").split()[0], info.get("load_end", "0").split()[0]))
    if busy >= 1:
        out += [f"**The machine was busy** (1-minute load average up to {busy:.1f} on "
                f"{info['cores']} cores, other jobs compiling): 2-thread figures especially are "
                "inflated; see the spread table, and compare columns within this run only.", ""]
    out += [
        "## Machine",
        "",
        f"- CPU: {info['cpu']}, {info['cores']} cores, AVX-512: {'yes' if info['flags_avx512'] else 'no'}",
        f"- load average at start {info['load_start']}, at end {info.get('load_end', '?')}",
        *blas_lines(info),
        "- OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE in the environment: "
        + (", ".join(f"{k}={v}" for k, v in overrides.items()) + " (unset for the peers)" if overrides else "none"),
        "",
        "## Table",
        "",
        "Medians over the rounds; ratios are dz/peer (below 1: dz is faster or smaller). "
        "`t` is the thread count given to every BLAS (OPENBLAS_NUM_THREADS, torch.set_num_threads, "
        "DZ_NUM_THREADS). A chain iteration `y = y * x + 1` is 2 graph nodes (ops); per-op figures "
        "and bytes per node divide by that node count.",
        "",
        report.table(med),
        "",
        *([report.dtype_speedup(med), ""] if report.dtype_speedup(med) else []),
        *(["## Interpreter", "",
            "ns per iteration (medians). `dz` records the graph, as plain code does; `dz-nograd` runs the "
            "same loop inside `no_grad`. `cpython` runs it at module level (names in a dict), `cpython-fn` "
            "inside a function (fast locals); `lua` is Lua 5.4 when installed, `numpy` numpy arrays for (e). "
            "Ratios are to module-level CPython.", "",
            report.interp_table(med), ""] if report.interp_table(med) else []),
        "## Spread across rounds",
        "",
        "(max − min) / median of each figure above; large values mean a noisy machine.",
        "",
        report.spread_table(spread),
        "",
        "## Final values (should agree across implementations)",
        "",
        report.checks(med),
        "",
        "## Notes",
        "",
        "- Timings inside a workload use a monotonic clock around the measured loop only; startup "
        "is the whole process (spawn to exit) as the harness sees it.",
        "- Peak RSS is the child's ru_maxrss (wait4). Bytes per node = (peak RSS − RSS before the "
        "chain) / nodes; for dz, which cannot print its RSS, the RSS before the chain is taken as "
        "the peak RSS of `workloads/baseline.dz` (a script with OpenBLAS loaded, as the chains run).",
        f"- Bare `python -c 'import sys'` startup: {report.fmt(python_ms)} ms "
        "(the floor under the numpy, torch and DeZero startup figures).",
        "- torch's own per-op overhead dominates the scalar chain; DeZero runs on numpy, so its "
        "matmul figures track numpy's BLAS plus Python overhead.",
        "- The machine has 2 cores and may be shared with compile jobs: compare columns of one run "
        "(they are interleaved), not figures across runs.",
        f"- Raw runs: bench/out/{raw_name} (git-ignored).",
    ]
    if failures:
        out += ["", "## Failed runs", "", *[f"- {f}" for f in failures]]
    return "\n".join(out) + "\n"
