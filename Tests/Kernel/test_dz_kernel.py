"""The dz kernel against jupyter_kernel_test's protocol checks (every sample filled in, so
no test is skipped), plus interrupts, the output cap, rich output and aborting queued cells."""
import time
import unittest

import jupyter_kernel_test as jkt
from jupyter_client.manager import start_new_kernel

TIMEOUT = 30


class DZKernelTests(jkt.KernelTests):
    kernel_name = "dz"
    language_name = "dz"
    file_extension = ".dz"

    code_hello_world = 'print("hello, world")'
    # More than the 1 MB a cell may print: the note about the rest is on stderr.
    code_stderr = 's = "0123456789"\nfor i in range(16) { s = s + s }\nfor i in range(20) { print(s) }'
    completion_samples = [
        {"text": "expa", "matches": ["expand_dims"]},
        {"text": "x = ones(3)\nx.sha", "matches": ["shape"]},
        {"text": ":he", "matches": [":help"]},
    ]
    complete_code_samples = ["x = 1", "def f(x) {\n  return x\n}", ":vars", "print(1)"]
    incomplete_code_samples = ["def f(x) {", "x = (1 +", 'print("abc']
    invalid_code_samples = ["x = 1 +", "x = )", ":nosuchcommand"]
    code_page_something = ":help exp"
    code_generate_error = "undefined_name + 1"
    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "dot([1, 2, 3], [4, 5, 6])", "result": "32"},
        {"code": "x = ones(2, 3); x.shape", "result": "(2, 3)"},
        {"code": "x = ones(3); y = x * 2; graph(y)", "mime": "image/svg+xml"},
    ]
    code_display_data = [
        {"code": "x = ones(3); show_graph(exp(x) + x)", "mime": "image/svg+xml"},
        {"code": "plot(exp(-arange(0, 3, 0.1)))", "mime": "image/svg+xml"},
        {"code": "a = ones(2)\n:vars", "mime": "text/html"},
    ]
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "dot(*"
    code_inspect_sample = "exp"
    code_clear_output = 'print("gone")\n:clear'


class DZIopubWelcomeTests(jkt.IopubWelcomeTests):
    kernel_name = "dz"
    support_iopub_welcome = True


class Client:
    """A fresh kernel for one test, and helpers to run a cell and collect its output."""

    def __enter__(self):
        self.km, self.kc = start_new_kernel(kernel_name="dz")
        return self

    def __exit__(self, *exc):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def outputs(self, msg_id, timeout=TIMEOUT):
        """IOPub messages of the request msg_id, up to its idle status."""
        out = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=timeout)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status":
                if msg["content"]["execution_state"] == "idle":
                    return out
                continue
            out.append(msg)

    def run(self, code, timeout=TIMEOUT):
        msg_id = self.kc.execute(code)
        reply = self.kc.get_shell_msg(timeout=timeout)
        assert reply["parent_header"]["msg_id"] == msg_id
        return reply, self.outputs(msg_id)


def stdout(outputs):
    return "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")


class InterruptTests(unittest.TestCase):
    def check_interrupt(self, interrupt):
        with Client() as c:
            reply, _ = c.run("w = ones(2, 2) * 3")
            self.assertEqual(reply["content"]["status"], "ok")
            msg_id = c.kc.execute("i = 0\nwhile true { i = i + 1 }")
            time.sleep(0.5)
            started = time.monotonic()
            interrupt(c)
            reply = c.kc.get_shell_msg(timeout=TIMEOUT)
            elapsed = time.monotonic() - started
            self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
            self.assertEqual(reply["content"]["status"], "error")
            self.assertEqual(reply["content"]["ename"], "Interrupted")
            self.assertLess(elapsed, 5)
            errors = [m for m in c.outputs(msg_id) if m["msg_type"] == "error"]
            self.assertEqual(len(errors), 1)
            # The session is intact: the variables from before and the loop's counter.
            reply, outputs = c.run("w")
            self.assertEqual(reply["content"]["status"], "ok")
            result = [m for m in outputs if m["msg_type"] == "execute_result"]
            self.assertEqual(result[0]["content"]["data"]["text/plain"], "[[3. 3.]\n [3. 3.]]")
            reply, outputs = c.run("i")
            counts = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]
            self.assertGreater(float(counts[0]), 0)

    def test_interrupt_by_signal(self):
        self.check_interrupt(lambda c: c.km.interrupt_kernel())

    def test_interrupt_by_message(self):
        def by_message(c):
            msg = c.kc.session.msg("interrupt_request", {})
            c.kc.control_channel.send(msg)
            reply = c.kc.control_channel.get_msg(timeout=TIMEOUT)
            self.assertEqual(reply["msg_type"], "interrupt_reply")
        self.check_interrupt(by_message)

    def test_heartbeat_while_a_cell_runs(self):
        with Client() as c:
            msg_id = c.kc.execute("i = 0\nwhile i < 3000000 { i = i + 1 }")
            time.sleep(0.3)
            self.assertTrue(c.kc.is_alive())
            beats = 0
            hb = c.kc.hb_channel
            for _ in range(10):
                time.sleep(0.1)
                beats += hb.is_beating()
            self.assertEqual(beats, 10)
            c.km.interrupt_kernel()
            c.kc.get_shell_msg(timeout=TIMEOUT)


class ExecuteTests(unittest.TestCase):
    def test_echo_order_and_result(self):
        with Client() as c:
            reply, outputs = c.run('1\nprint("a")\n2')
            self.assertEqual(reply["content"]["status"], "ok")
            # The first echo is text in place; the last is the cell's result.
            self.assertEqual(stdout(outputs), "1\na\n")
            results = [m for m in outputs if m["msg_type"] == "execute_result"]
            self.assertEqual(results[0]["content"]["data"]["text/plain"], "2")
            self.assertEqual(results[0]["content"]["execution_count"], reply["content"]["execution_count"])

    def test_error_traceback_is_the_rendered_diagnostic(self):
        with Client() as c:
            reply, outputs = c.run("x = ones(2)\ny = x @ ones(3)")
            self.assertEqual(reply["content"]["status"], "error")
            error = [m for m in outputs if m["msg_type"] == "error"][0]["content"]
            text = "\n".join(error["traceback"])
            self.assertIn("<cell 1>:2:", text)
            self.assertIn("x @ ones(3)", text)
            self.assertEqual(error["ename"], reply["content"]["ename"])

    def test_cells_queued_after_an_error_are_aborted(self):
        with Client() as c:
            ids = [c.kc.execute(code) for code in ["nope", "a = 1", "a = 2"]]
            statuses = []
            for _ in ids:
                reply = c.kc.get_shell_msg(timeout=TIMEOUT)
                statuses.append(reply["content"]["status"])
            self.assertEqual(statuses, ["error", "aborted", "aborted"])
            reply, outputs = c.run("a = 5\na")
            self.assertEqual(reply["content"]["status"], "ok")

    def test_output_is_capped_with_a_note(self):
        with Client() as c:
            reply, outputs = c.run('s = "0123456789"\nfor i in range(16) { s = s + s }\nfor i in range(40) { print(s) }')
            self.assertEqual(reply["content"]["status"], "ok")
            self.assertEqual(len(stdout(outputs).encode()), 1_000_000)
            notes = [m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr"]
            self.assertEqual(len(notes), 1)
            self.assertIn("[output truncated: %d bytes of text not shown" % (40 * 655361 - 1_000_000), notes[0])
            # Batched: far fewer messages than prints.
            self.assertLess(len(outputs), 40)

    def test_progress_is_one_display_updated_in_place(self):
        with Client() as c:
            reply, outputs = c.run("for i in progress(range(5)) { set_progress(i / 10) }")
            self.assertEqual(reply["content"]["status"], "ok")
            displays = [m for m in outputs if m["msg_type"] == "display_data"]
            updates = [m for m in outputs if m["msg_type"] == "update_display_data"]
            self.assertEqual(len(displays), 1)
            self.assertGreaterEqual(len(updates), 1)
            display_id = displays[0]["content"]["transient"]["display_id"]
            self.assertTrue(all(u["content"]["transient"]["display_id"] == display_id for u in updates))
            self.assertIn("5/5", updates[-1]["content"]["data"]["text/plain"])
            self.assertIn("<progress", updates[-1]["content"]["data"]["text/html"])

    def test_complete_counts_code_points(self):
        with Client() as c:
            code = 's = "é 𝐚"; expa'
            msg_id = c.kc.complete(code, cursor_pos=len(code))
            reply = c.kc.get_shell_msg(timeout=TIMEOUT)
            self.assertEqual(reply["content"]["matches"], ["expand_dims"])
            self.assertEqual(reply["content"]["cursor_start"], len(code) - 4)
            self.assertEqual(reply["content"]["cursor_end"], len(code))

    def test_kernel_info_language(self):
        with Client() as c:
            c.kc.kernel_info()
            reply = c.kc.get_shell_msg(timeout=TIMEOUT)
            info = reply["content"]["language_info"]
            self.assertEqual((info["name"], info["file_extension"], info["mimetype"]), ("dz", ".dz", "text/x-dz"))
            self.assertEqual(reply["content"]["protocol_version"], "5.3")


class ParentDeathTests(unittest.TestCase):
    def test_kernel_exits_when_its_parent_dies(self):
        import os, subprocess, sys, json, signal
        from jupyter_client.connect import write_connection_file
        from jupyter_client.kernelspec import KernelSpecManager
        spec = KernelSpecManager().get_kernel_spec("dz")
        fname, _ = write_connection_file()
        # A parent that starts the kernel with JPY_PARENT_PID set to itself, then is killed.
        script = ("import os, subprocess, sys, time\n"
                  "env = dict(os.environ, JPY_PARENT_PID=str(os.getpid()))\n"
                  "p = subprocess.Popen([sys.argv[1], sys.argv[2]], env=env)\n"
                  "print(p.pid, flush=True)\n"
                  "time.sleep(60)\n")
        parent = subprocess.Popen([sys.executable, "-c", script, spec.argv[0], fname], stdout=subprocess.PIPE, text=True)
        kernel_pid = int(parent.stdout.readline())
        time.sleep(0.5)
        os.kill(kernel_pid, 0)  # running
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 5
        gone = False
        while time.monotonic() < deadline:
            try:
                os.kill(kernel_pid, 0)
            except ProcessLookupError:
                gone = True
                break
            time.sleep(0.1)
        self.assertTrue(gone, "the kernel outlived its parent")
        os.unlink(fname)


class ShutdownTests(unittest.TestCase):
    def test_shutdown_ends_the_process_even_during_a_cell(self):
        import os
        for code in (None, "while true { 1 }"):
            km, kc = start_new_kernel(kernel_name="dz")
            pid = km.provisioner.process.pid
            if code:
                kc.execute(code)
                time.sleep(0.3)
            # A shutdown_request on control: the reply, then the process ends by itself.
            msg = kc.session.msg("shutdown_request", {"restart": False})
            kc.control_channel.send(msg)
            reply = kc.control_channel.get_msg(timeout=TIMEOUT)
            self.assertEqual(reply["content"], {"status": "ok", "restart": False})
            deadline = time.monotonic() + 3
            while time.monotonic() < deadline and km.is_alive():
                time.sleep(0.05)
            self.assertFalse(km.is_alive())
            kc.stop_channels()
            km.shutdown_kernel(now=True)
