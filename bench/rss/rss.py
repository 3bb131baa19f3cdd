#!/usr/bin/env python3
"""dz's resident memory, read from outside (/proc/PID/status VmRSS), no builtin involved.

1. Training: runs `dz bench/rss/train.dz` (10,000 iterations of the two-layer sine
   regression) and reads VmRSS each time the script prints `iteration N` (every 1000).
   The curve should be flat after warm-up.
2. REPL :reset: drives the real REPL under a pseudo-terminal: RSS at the first prompt,
   after allocating (a 3000x3000 tensor, 72 MB, a 100,000-node graph and its backward,
   a closure), after `:reset`, and again over 5 allocate/reset cycles; then checks that the
   REPL still evaluates `1 + 1` after the last reset.

Usage: bench/rss/rss.py [PATH-TO-DZ]   (default: .build/release/dz; `make rss` builds it)
Exit status 1 if training RSS grows by more than 10 MB between iteration 1000 and 10000
or the REPL stops answering.
"""
import os, pty, re, select, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DZ = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/dz")


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def mb(kb):
    return f"{kb / 1024:7.1f} MB"


def lines(fd):
    """The lines written to a pseudo-terminal's master until the other side closes."""
    pending = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the child closed its side
            chunk = b""
        if not chunk:
            break
        pending += chunk
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            yield line.decode("utf-8", "replace").rstrip("\r")
    if pending:
        yield pending.decode("utf-8", "replace")


def training():
    print("== training: bench/rss/train.dz, VmRSS at each mark")
    start = time.time()
    # stdout is a pseudo-terminal so that dz's stdio writes each line when it is printed
    # (to a pipe it would buffer them all to the end).
    master, slave = pty.openpty()
    p = subprocess.Popen([DZ, os.path.join(ROOT, "bench/rss/train.dz")], stdout=slave)
    os.close(slave)
    curve = []
    for line in lines(master):
        m = re.match(r"iteration (\d+)", line)
        if m:
            it = int(float(m.group(1)))
            kb = rss_kb(p.pid)
            curve.append((it, kb))
            print(f"  iteration {it:6d}  {mb(kb)}  ({time.time() - start:5.1f} s)", flush=True)
        elif line.strip():
            print("  " + line.strip())
    os.close(master)
    p.wait()
    if p.returncode != 0:
        print(f"  dz exited with {p.returncode}")
        return False
    after_warmup = [kb for it, kb in curve if it >= 1000]
    growth = after_warmup[-1] - after_warmup[0]
    print(f"  growth from iteration 1000 to 10000: {growth / 1024:+.1f} MB"
          f" (min {mb(min(after_warmup))}, max {mb(max(after_warmup))})")
    return growth <= 10 * 1024


class REPL:
    def __init__(self):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ["NO_COLOR"] = "1"
            os.environ["TERM"] = "dumb"
            os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="dz-rss-")
            os.execv(DZ, [DZ])
        self.buffer = b""
        self.wait_prompt()

    def wait_prompt(self, timeout=120):
        deadline = time.time() + timeout
        while not self.buffer.rstrip(b" ").endswith(b"dz>"):
            left = deadline - time.time()
            if left <= 0:
                raise TimeoutError("no prompt; output so far: %r" % self.buffer[-300:])
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    raise EOFError("the REPL went away: %r" % self.buffer[-300:])
                if not chunk:
                    raise EOFError("the REPL went away")
                self.buffer += chunk
        out, self.buffer = self.buffer, b""
        return out.decode("utf-8", "replace")

    def send(self, line):
        os.write(self.fd, line.encode() + b"\n")
        return self.wait_prompt()

    def rss(self):
        time.sleep(0.2)
        return rss_kb(self.pid)

    def close(self):
        try:
            os.write(self.fd, b":quit\n")
        except OSError:
            pass
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return status


ALLOCATE = [
    "big = randn(3000, 3000)",
    "x = ones(3); y = x",
    "for i in range(100000) { y = y * 1.0000001 }",
    "backward(sum(y))",
    "def scale(v) { return v * big[0, 0] }",
    "z = scale(x)",
]


def repl():
    print("== REPL: VmRSS around :reset")
    r = REPL()
    base = r.rss()
    print(f"  first prompt                    {mb(base)}")
    ok = True
    for cycle in range(1, 6):
        for line in ALLOCATE:
            r.send(line)
        full = r.rss()
        out = r.send(":reset")
        if "session reset" not in out:
            print("  :reset did not answer: %r" % out)
            ok = False
        after = r.rss()
        print(f"  cycle {cycle}: allocated {mb(full)}, after :reset {mb(after)}")
    out = r.send("1 + 1")
    works = "2.0" in out
    print(f"  after the last :reset, 1 + 1 -> {'2.0' if works else repr(out)}")
    status = r.close()
    print(f"  :quit, exit status {os.waitstatus_to_exitcode(status)}")
    return ok and works


if __name__ == "__main__":
    if not os.access(DZ, os.X_OK):
        sys.exit(f"rss: {DZ} not found; build it with `swift build -c release --product dz`")
    good = training()
    good = repl() and good
    sys.exit(0 if good else 1)
