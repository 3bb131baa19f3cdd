"""The benchmark harness: runs dz and its peers round-robin, then prints and records the medians.

Usage: main.py [--dz PATH] [--dz-note TEXT] [--rounds N] [--only W1,W2] [--no-results]
Raw runs go to bench/out/runs-<time>.jsonl; the table to stdout and bench/RESULTS.md.
"""
import argparse
import datetime
import json
import sys
from collections import defaultdict

import cases as case_list
import machine
import report
import results_md
import runner
from cases import BENCH, REQUIRED


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dz", help="the dz binary (omit to measure the peers only)")
    p.add_argument("--dz-note", default="", help="why dz is absent, for RESULTS.md")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--only", help="comma-separated workloads: matmul,chain_scalar,chain_array,sine,startup")
    p.add_argument("--no-results", action="store_true", help="do not rewrite bench/RESULTS.md")
    return p.parse_args()


def rotate(group, k):
    k %= len(group)
    return group[k:] + group[:k]


def main():
    args = parse_args()
    only = set(args.only.split(",")) if args.only else None
    python = sys.executable
    all_cases = case_list.build(python, args.dz, only)
    groups = defaultdict(list)
    for c in all_cases:
        groups[c.key].append(c)
    info = machine.describe(python, args.dz)
    started = datetime.datetime.now(datetime.timezone.utc)
    out_dir = BENCH / "out"
    out_dir.mkdir(exist_ok=True)
    raw = out_dir / f"runs-{started:%Y%m%dT%H%M%SZ}.jsonl"
    records, broken = [], {}
    with raw.open("w") as log:
        log.write(json.dumps({"machine": info}) + "\n")
        for rnd in range(1, args.rounds + 1):
            print(f"round {rnd}/{args.rounds}", file=sys.stderr, flush=True)
            for group in groups.values():
                for case in rotate(group, rnd - 1):  # alternate who goes first
                    if case in broken:
                        continue
                    result = runner.run(case)
                    missing = [n for n in REQUIRED[case.workload] if n not in result["metrics"]]
                    if not result["error"] and missing:
                        result["error"] = "printed no " + ", ".join(missing)
                    if result["error"] and case.is_dz:
                        broken[case] = result["error"]  # dz lacks it for now: skip its later rounds
                    record = {"round": rnd, "workload": case.workload, "variant": case.variant,
                              "impl": case.impl, "threads": case.threads, **result}
                    records.append(record)
                    log.write(json.dumps(record) + "\n")
                    log.flush()
                    status = result["error"] or f"{result['wall']:.3f}s"
                    print(f"  {case.workload:13} {case.variant:12} {case.impl:7} {status}", file=sys.stderr)
    info["load_end"] = machine.loadavg()
    med = report.medians(records)
    failures = sorted({f"{r['impl']} {r['workload']} {r['variant']}".strip() + f": {r['error']}"
                       for r in records if r["error"]})
    print(report.table(med))
    if failures:
        print("\nfailed runs:\n  " + "\n  ".join(failures))
    if not args.no_results:
        text = results_md.render(started, info, args, med, failures, raw.name)
        (BENCH / "RESULTS.md").write_text(text)
        print(f"\nwrote bench/RESULTS.md (raw runs: bench/out/{raw.name})")


if __name__ == "__main__":
    main()
