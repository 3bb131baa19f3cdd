"""Heartbeat round trips while a cell keeps a core busy, and the time from an interrupt
(signal or message) to the interrupted cell's execute_reply (ms).

    python bench/jupyter/latency.py [KERNEL]
"""
import statistics
import sys
import time

import zmq
from jupyter_client.manager import start_new_kernel

kernel = sys.argv[1] if len(sys.argv) > 1 else "dz"
busy = "i = 0\nwhile true { i = i + 1 }" if kernel == "dz" else "while True: pass"
km, kc = start_new_kernel(kernel_name=kernel)
try:
    ctx = zmq.Context.instance()
    hb = ctx.socket(zmq.REQ)
    hb.connect("tcp://%s:%d" % (km.ip, km.hb_port))
    kc.execute(busy)
    time.sleep(0.5)
    beats = []
    for _ in range(50):
        t = time.perf_counter()
        hb.send(b"ping")
        hb.recv()
        beats.append((time.perf_counter() - t) * 1000)
        time.sleep(0.02)
    print("%s heartbeat while a cell spins: median %.2f ms, max %.2f ms" % (kernel, statistics.median(beats), max(beats)))
    for how in ("signal", "message"):
        t = time.perf_counter()
        if how == "signal":
            km.interrupt_kernel()
        else:
            kc.control_channel.send(kc.session.msg("interrupt_request", {}))
        while kc.get_shell_msg(timeout=10)["msg_type"] != "execute_reply":
            pass
        print("%s interrupt by %s -> execute_reply: %.2f ms" % (kernel, how, (time.perf_counter() - t) * 1000))
        kc.execute(busy)
        time.sleep(0.5)
    km.interrupt_kernel()
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
