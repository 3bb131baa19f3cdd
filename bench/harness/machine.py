"""Describes the machine: CPU, cores, load, and the BLAS kernel each implementation runs."""
import json
import os
import subprocess
import sys
import time

from cases import PEERS
from runner import PEER_UNSET


def _run(argv, **kwargs):
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=120, **kwargs).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def lscpu():
    fields = {}
    for line in _run(["lscpu"]).splitlines():
        name, _, value = line.partition(":")
        fields[name.strip()] = value.strip()
    return fields


def loadavg():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def wait_for_quiet(limit, patience=300):
    """Waits until the 1-minute load average is below `limit`, or `patience` seconds passed."""
    deadline = time.monotonic() + patience
    while float(loadavg().split()[0]) >= limit and time.monotonic() < deadline:
        print(f"  waiting for load < {limit} (now {loadavg()})", file=sys.stderr, flush=True)
        time.sleep(15)


def peer_blas(python):
    env = {k: v for k, v in os.environ.items() if k not in PEER_UNSET}
    text = _run([python, str(PEERS / "blas_info.py")], env=env, cwd=PEERS)
    try:
        return json.loads(text)
    except ValueError:
        return {}


def dz_blas(dz):
    """dz's own report (`dz --version`: 'BLAS: OpenBLAS, kernel SkylakeX'), or None."""
    if not dz:
        return None
    lines = [line for line in _run([dz, "--version"]).splitlines() if "BLAS" in line]
    return lines[0].strip() if lines else "unknown (dz --version printed no BLAS line)"


def debian_openblas():
    return _run(["dpkg-query", "-W", "-f=${Version}", "libopenblas0-pthread"]).strip() or "not installed"


def describe(python, dz):
    cpu = lscpu()
    return {
        "cpu": cpu.get("Model name", "?"),
        "cores": cpu.get("CPU(s)", "?"),
        "flags_avx512": "avx512f" in cpu.get("Flags", ""),
        "load_start": loadavg(),
        "env_overrides": {k: os.environ[k] for k in PEER_UNSET if k in os.environ},
        "peers": peer_blas(python),
        "dz_blas": dz_blas(dz),
        "debian_openblas": debian_openblas(),
    }
