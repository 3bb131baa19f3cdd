#!/usr/bin/env python3
"""Writes Tests/DZTensorTests/Fixtures/rng.json: numpy's legacy global generator outputs.

Each case seeds np.random with `seed`, then runs `calls` in order; every call records its
shape and its values (doubles as float.hex() strings, so the Swift tests compare bit for
bit). Permutation values are integers. Run from the repository root:

    python3 scripts/gen_rng_fixtures.py
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "DZTensorTests", "Fixtures", "rng.json")

SEEDS = [0, 1, 42, 2**32 - 1, 12345]

# Each program: list of (kind, argument). kind is "rand" / "randn" (argument: shape list)
# or "permutation" (argument: n).
PROGRAMS = {
    "rand_only": [("rand", [5]), ("rand", [2, 3]), ("rand", [])],
    "randn_only": [("randn", [7]), ("randn", [2, 2]), ("randn", [])],
    # randn(3) leaves a cached gaussian; rand(2) must not consume it; randn(1) returns it.
    "interleaved": [("randn", [3]), ("rand", [2]), ("randn", [1]), ("randn", [2, 2]),
                    ("rand", [1]), ("randn", [3, 1, 2])],
    "permutations": [("permutation", 0), ("permutation", 1), ("permutation", 2),
                     ("permutation", 5), ("permutation", 10), ("permutation", 33),
                     ("permutation", 100)],
    # A cached gaussian survives a permutation; empty shapes draw nothing.
    "mixed": [("randn", [1]), ("permutation", 7), ("randn", [1]), ("rand", [0]),
              ("randn", [0, 3]), ("rand", [3])],
    # Long enough to cross several MT19937 twists (624 words each).
    "long": [("rand", [700]), ("randn", [701])],
}


def run(kind, arg):
    if kind == "rand":
        a = np.asarray(np.random.rand(*arg), dtype=np.float64)
        return {"kind": kind, "shape": list(arg), "values": [float(x).hex() for x in a.ravel()]}
    if kind == "randn":
        a = np.asarray(np.random.randn(*arg), dtype=np.float64)
        return {"kind": kind, "shape": list(arg), "values": [float(x).hex() for x in a.ravel()]}
    if kind == "permutation":
        p = np.random.permutation(arg)
        return {"kind": kind, "n": arg, "values": [int(x) for x in p]}
    raise ValueError(kind)


def main():
    cases = []
    for seed in SEEDS:
        for name, program in PROGRAMS.items():
            if name == "long" and seed not in (0, 2**32 - 1):
                continue
            np.random.seed(seed)
            cases.append({"name": name, "seed": seed, "calls": [run(k, a) for k, a in program]})
    # Reseeding resets the cached gaussian: randn(1), seed again, randn(2).
    np.random.seed(7)
    first = run("randn", [1])
    np.random.seed(7)
    second = run("randn", [2])
    cases.append({"name": "reseed_resets_gauss", "seed": 7, "calls": [first],
                  "reseed_then": [second]})
    with open(OUT, "w") as f:
        # One case per line: small, and diffs stay readable.
        f.write('{"numpy_version": %s, "cases": [\n' % json.dumps(np.__version__))
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
        f.write("\n]}\n")
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
