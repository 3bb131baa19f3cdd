"""The benchmark harness: runs dz and its peers round-robin, then prints and records the medians.

Usage: main.py [--dz PATH] [--dz-previous PATH] [--dz-note TEXT] [--rounds N] [--only W1,W2] [--no-results]
               [--quiet-load LOAD]
       main.py --replay bench/out/runs-<time>.jsonl [--dz-note TEXT]   (re-render, no runs)
Raw runs go to bench/out/runs-<time>.jsonl; the table to stdout and bench/RESULTS.md.
"""
import argparse
import datetime
import json
import sys
from collections import defaultdict
from pathlib import Path

import cases as case_list
import machine
import report
import results_md
import runner
from cases import BENCH, REQUIRED


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dz", help="the dz binary (omit to measure the peers only)")
    p.add_argument("--dz-previous", help="a dz binary of an earlier commit, run beside --dz (column dz-prev)")
    p.add_argument("--dz-note", default="", help="why dz is absent, for RESULTS.md")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--only", help="comma-separated workloads: matmul,chain_scalar,chain_array,sine,conv2d,lstm,interp,startup")
    p.add_argument("--no-results", action="store_true", help="do not rewrite bench/RESULTS.md")
    p.add_argument("--replay", help="render from a raw runs file instead of running")
    p.add_argument("--quiet-load", type=float, metavar="LOAD",
                   help="before each round, wait (up to 5 min) for the 1-minute load average to fall below LOAD")
    return p.parse_args()


def rotate(group, k):
    k %= len(group)
    return group[k:] + group[:k]


def run_round(rnd, groups, broken, log):
    """One round: every case once, the implementations of one workload back to back."""
    records = []
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
                      "impl": case.impl, "threads": case.threads, "load": machine.loadavg(), **result}
            records.append(record)
            log.write(json.dumps(record) + "\n")
            log.flush()
            status = result["error"] or f"{result['wall']:.3f}s"
            print(f"  {case.workload:13} {case.variant:12} {case.impl:7} {status}", file=sys.stderr)
    return records


def measure(args):
    only = set(args.only.split(",")) if args.only else None
    python = sys.executable
    groups = defaultdict(list)
    for c in case_list.build(python, args.dz, only, args.dz_previous):
        groups[c.key].append(c)
    info = machine.describe(python, args.dz)
    started = datetime.datetime.now(datetime.timezone.utc)
    info["started"] = started.isoformat()
    out_dir = BENCH / "out"
    out_dir.mkdir(exist_ok=True)
    raw = out_dir / f"runs-{started:%Y%m%dT%H%M%SZ}.jsonl"
    records, broken = [], {}
    with raw.open("w") as log:
        log.write(json.dumps({"machine": info}) + "\n")
        for rnd in range(1, args.rounds + 1):
            if args.quiet_load:
                machine.wait_for_quiet(args.quiet_load)
            print(f"round {rnd}/{args.rounds} (load {machine.loadavg()})", file=sys.stderr, flush=True)
            records += run_round(rnd, groups, broken, log)
        info["load_end"] = machine.loadavg()
        log.write(json.dumps({"machine": info}) + "\n")
    return info, records, raw


def replay(path):
    info, records = {}, []
    for line in Path(path).read_text().splitlines():
        item = json.loads(line)
        if "machine" in item:
            info = item["machine"]
        else:
            records.append(item)
    return info, records, Path(path)


def main():
    args = parse_args()
    info, records, raw = replay(args.replay) if args.replay else measure(args)
    args.rounds = max((r["round"] for r in records), default=0)
    started = (datetime.datetime.fromisoformat(info["started"]) if "started" in info else
               datetime.datetime.strptime(raw.stem[5:], "%Y%m%dT%H%M%SZ"))
    med = report.medians(records)
    spread = report.medians(records, summary=report.spread)
    failures = sorted({f"{r['impl']} {r['workload']} {r['variant']}".strip() + f": {r['error']}"
                       for r in records if r["error"]})
    if report.table(med):
        print(report.table(med))
    if report.dtype_speedup(med):
        print("\n" + report.dtype_speedup(med))
    if report.interp_table(med):
        print("\ninterpreter, ns per iteration:\n" + report.interp_table(med))
    if failures:
        print("\nfailed runs:\n  " + "\n  ".join(failures))
    if not args.no_results:
        text = results_md.render(started, info, args, med, spread, failures, raw.name)
        (BENCH / "RESULTS.md").write_text(text)
        print(f"\nwrote bench/RESULTS.md (raw runs: bench/out/{raw.name})")


if __name__ == "__main__":
    main()
