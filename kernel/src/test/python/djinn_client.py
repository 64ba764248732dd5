"""Small helpers over jupyter_client for driving the Djinn kernel in tests."""
import time
from datetime import datetime
from queue import Empty

from jupyter_client.manager import start_new_kernel

TIMEOUT = 60


def start(kernel_name="djinn", **kwargs):
    """Starts a kernel the way Jupyter does (from its kernelspec) and waits until it answers."""
    return start_new_kernel(kernel_name=kernel_name, startup_timeout=TIMEOUT, **kwargs)


def run(kc, code, timeout=TIMEOUT, **kwargs):
    """Executes code; returns (reply, outputs) where outputs are (sent time, msg_type, content) up to idle."""
    msg_id = kc.execute(code, **kwargs)
    outputs = collect_outputs(kc, msg_id, timeout)
    reply = wait_reply(kc, msg_id, timeout)
    return reply, outputs


def wait_reply(kc, msg_id, timeout=TIMEOUT):
    deadline = time.time() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def collect_outputs(kc, msg_id, timeout=TIMEOUT):
    outputs = []
    deadline = time.time() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            return outputs
        if kind not in ("status", "execute_input"):
            outputs.append((sent_at(msg), kind, msg["content"]))


def sent_at(msg):
    """When the kernel sent a message, from its header's ISO 8601 date (seconds since the epoch, to the microsecond)."""
    date = msg["header"]["date"]
    return (date if hasattr(date, "timestamp") else datetime.fromisoformat(date)).timestamp()


def stdout_of(outputs):
    return "".join(c["text"] for _, kind, c in outputs if kind == "stream" and c["name"] == "stdout")


def stderr_of(outputs):
    return "".join(c["text"] for _, kind, c in outputs if kind == "stream" and c["name"] == "stderr")


def drain_iopub(kc):
    while True:
        try:
            kc.get_iopub_msg(timeout=0.2)
        except Empty:
            return
