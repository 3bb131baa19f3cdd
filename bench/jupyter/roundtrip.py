"""The execute round trip of a Jupyter kernel: execute_request -> execute_reply, and ->
status idle on IOPub, over RUNS cells of CODE, with jupyter_client (medians and p90, ms).

    python bench/jupyter/roundtrip.py KERNEL_NAME [CODE] [RUNS]

Used to compare dz-kernel with ipykernel on one machine (bench/jupyter/README.md).
"""
import statistics
import sys
import time

from jupyter_client.manager import start_new_kernel


def measure(kernel, code, runs):
    km, kc = start_new_kernel(kernel_name=kernel)
    try:
        for _ in range(20):  # warm-up
            kc.execute_interactive(code, timeout=30, output_hook=lambda m: None)
        replies, idles = [], []
        for _ in range(runs):
            t0 = time.perf_counter()
            msg_id = kc.execute(code)
            while True:
                reply = kc.get_shell_msg(timeout=30)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            t1 = time.perf_counter()
            while True:
                msg = kc.get_iopub_msg(timeout=30)
                if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                        and msg["content"]["execution_state"] == "idle"):
                    break
            t2 = time.perf_counter()
            replies.append((t1 - t0) * 1000)
            idles.append((t2 - t0) * 1000)
        return replies, idles
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def summary(xs):
    xs = sorted(xs)
    return "median %.2f ms, p90 %.2f ms, min %.2f ms" % (statistics.median(xs), xs[int(len(xs) * 0.9)], xs[0])


if __name__ == "__main__":
    kernel = sys.argv[1]
    code = sys.argv[2] if len(sys.argv) > 2 else "1"
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    replies, idles = measure(kernel, code, runs)
    print("%s, %r, %d runs" % (kernel, code, runs))
    print("  execute_request -> execute_reply: " + summary(replies))
    print("  execute_request -> status idle:   " + summary(idles))
