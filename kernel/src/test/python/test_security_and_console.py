"""Badly signed or malformed messages are rejected and logged; the installed kernelspec works in jupyter console."""
import json
import os
import subprocess
import tempfile
import time
import uuid

import zmq
from jupyter_client.manager import KernelManager

from djinn_client import collect_outputs, run, start, wait_reply


def _raw_shell_socket(km):
    info = km.get_connection_info()
    socket = zmq.Context.instance().socket(zmq.DEALER)
    socket.connect("%s://%s:%d" % (info["transport"], info["ip"], info["shell_port"]))
    return socket


def _header(msg_type):
    return json.dumps({"msg_id": uuid.uuid4().hex, "username": "mallory", "session": uuid.uuid4().hex,
                       "msg_type": msg_type, "version": "5.3", "date": "2026-01-01T00:00:00.000000Z"}).encode()


def test_badly_signed_and_malformed_messages_are_rejected_and_the_kernel_keeps_serving():
    log = tempfile.NamedTemporaryFile(prefix="djinn-kernel-", suffix=".log", delete=False)
    km = KernelManager(kernel_name="djinn")
    km.start_kernel(stderr=log)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    try:
        socket = _raw_shell_socket(km)
        evil = json.dumps({"code": "System.out.println(\"pwned\")", "silent": False, "store_history": True,
                           "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}).encode()
        # a forged signature
        socket.send_multipart([b"<IDS|MSG>", b"0" * 64, _header("execute_request"), b"{}", b"{}", evil])
        # a signature over nothing, and content that is not JSON
        socket.send_multipart([b"<IDS|MSG>", b"", _header("execute_request"), b"{}", b"{}", b"not json"])
        # too few frames
        socket.send_multipart([b"<IDS|MSG>", b"deadbeef"])
        time.sleep(1.0)
        assert socket.poll(500) == 0, "the kernel must not answer forged requests"

        reply, outputs = run(kc, "40 + 2")
        assert reply["content"]["status"] == "ok"
        assert [c for _, k, c in outputs if k == "execute_result"][0]["data"]["text/plain"] == "42"
        assert reply["content"]["execution_count"] == 1, "the forged request must not have run"
        log.flush()
        with open(log.name) as f:
            logged = f.read()
        assert "Rejected a message on the shell channel" in logged
        assert "invalid signature" in logged
        socket.close(linger=0)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        os.unlink(log.name)


def test_a_malformed_message_on_stdin_is_dropped_and_the_real_answer_arrives():
    km, kc = start()
    try:
        msg_id = kc.execute('String answer = readLine("Name: ");\nanswer', allow_stdin=True)
        kc.get_stdin_msg(timeout=20)
        info = km.get_connection_info()
        socket = zmq.Context.instance().socket(zmq.DEALER)
        socket.connect("%s://%s:%d" % (info["transport"], info["ip"], info["stdin_port"]))
        socket.send_multipart([b"<IDS|MSG>", b"0" * 64, _header("input_reply"), b"{}", b"{}", b'{"value": "forged"}'])
        # two frames where six are due: read frame by frame, it would swallow the real answer that follows
        socket.send_multipart([b"<IDS|MSG>", b"deadbeef"])
        time.sleep(0.5)
        kc.input("Ada")
        reply = wait_reply(kc, msg_id)
        outputs = collect_outputs(kc, msg_id)
        assert reply["content"]["status"] == "ok"
        assert [c for _, k, c in outputs if k == "execute_result"][0]["data"]["text/plain"] == "Ada"
        socket.close(linger=0)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_jupyter_console_runs_cells_with_the_installed_kernelspec():
    cells = "int x = 20;\nx * 2 + 2\nSystem.out.println(\"hello from djinn\");\nexit\n"
    console = subprocess.run(["jupyter", "console", "--kernel", "djinn", "--simple-prompt"],
                             input=cells, capture_output=True, text=True, timeout=120)
    assert "Out[2]: 42" in console.stdout
    assert "hello from djinn" in console.stdout
    assert console.returncode == 0
