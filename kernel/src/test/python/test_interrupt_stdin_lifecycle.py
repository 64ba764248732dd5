"""Interrupts (message and SIGINT) of busy loops, sleeps and blocking reads; stdin; restart; shutdown."""
import multiprocessing
import os
import signal
import time

import pytest

from djinn_client import collect_outputs, run, start, wait_reply

RUNAWAY_CELLS = {
    "busy loop": "long spins = 0; while (true) { spins++; }",
    "sleep": "Thread.sleep(600_000);",
    "blocking read": "String answer = readLine(\"never answered: \");",
    "System.in read": "int b = System.in.read();",
    "shell command": "!sleep 600",
    "bash script": "%%bash\nsleep 600 | cat\necho not reached",
}


@pytest.fixture(scope="module", params=["message", "signal"])
def kernel(request):
    km, kc = start("djinn" if request.param == "message" else "djinn-signal")
    yield km, kc, request.param
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def interrupt(km, mode):
    if mode == "message":
        km.interrupt_kernel()  # sends interrupt_request on the control channel
    else:
        km.signal_kernel(signal.SIGINT)


@pytest.mark.parametrize("case", list(RUNAWAY_CELLS))
def test_an_interrupt_stops_the_cell_and_keeps_variables(kernel, case):
    km, kc, mode = kernel
    run(kc, "int keptAcrossInterrupt = 99;")
    msg_id = kc.execute(RUNAWAY_CELLS[case], allow_stdin=True)
    time.sleep(1.0)
    if case in ("blocking read", "System.in read"):
        request = kc.get_stdin_msg(timeout=10)
        assert request["msg_type"] == "input_request"
    started = time.time()
    interrupt(km, mode)
    reply = wait_reply(kc, msg_id, timeout=20)
    collect_outputs(kc, msg_id)
    assert time.time() - started < 10
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "Interrupted"
    assert km.is_alive()
    _, outputs = run(kc, "keptAcrossInterrupt + 1")
    assert [c for _, k, c in outputs if k == "execute_result"][0]["data"]["text/plain"] == "100"


def test_stdin_reads_go_through_input_request(kernel):
    km, kc, _ = kernel
    msg_id = kc.execute("String name = readLine(\"Name: \");\nString secret = readPassword(\"Secret: \");\n"
                        "var in = new java.util.Scanner(System.in); int n = in.nextInt();\nname + \"/\" + secret + \"/\" + (n * 2)",
                        allow_stdin=True)
    prompts = []
    for answer in ["Ada", "s3cret", "21"]:
        request = kc.get_stdin_msg(timeout=20)
        prompts.append((request["content"]["prompt"], request["content"]["password"]))
        kc.input(answer)
    reply = wait_reply(kc, msg_id)
    outputs = collect_outputs(kc, msg_id)
    assert reply["content"]["status"] == "ok"
    assert prompts == [("Name: ", False), ("Secret: ", True), ("", False)]
    assert [c for _, k, c in outputs if k == "execute_result"][0]["data"]["text/plain"] == "Ada/s3cret/42"


def test_reading_input_without_stdin_is_a_clear_error(kernel):
    _, kc, _ = kernel
    reply, _ = run(kc, "readLine(\"? \")", allow_stdin=False)
    assert reply["content"]["ename"] == "InputNotAllowedException"
    assert "allow_stdin=false" in reply["content"]["evalue"]
    reply, _ = run(kc, "new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine()", allow_stdin=False)
    assert reply["content"]["ename"] == "InputNotAllowedException"


def test_restart_gives_a_fresh_kernel():
    km, kc = start()
    try:
        run(kc, "int beforeRestart = 1;")
        old_pid = km.provisioner.process.pid
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=60)
        assert km.provisioner.process.pid != old_pid
        reply, _ = run(kc, "beforeRestart")
        assert reply["content"]["ename"] == "CompileError"
        _, outputs = run(kc, "1 + 1")
        assert [c for _, k, c in outputs if k == "execute_result"][0]["data"]["text/plain"] == "2"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_shutdown_request_ends_the_process():
    km, kc = start()
    process = km.provisioner.process
    kc.shutdown()  # jupyter_client sends it on the control channel
    reply = kc.get_control_msg(timeout=20)
    assert reply["msg_type"] == "shutdown_reply"
    assert reply["content"] == {"status": "ok", "restart": False}
    assert process.wait(timeout=20) == 0
    kc.stop_channels()
    km.cleanup_resources()


def test_interrupting_training_stops_at_a_batch_and_keeps_the_model(kernel):
    km, kc, mode = kernel
    run(kc, "var data = fashionMnist().limit(20000, 1000);\nvar net = model().dense(32).relu().dense(10);")
    msg_id = kc.execute("var h = net.train(data, epochs(50));")
    time.sleep(4.0)
    interrupt(km, mode)
    reply = wait_reply(kc, msg_id, timeout=20)
    collect_outputs(kc, msg_id)
    assert reply["content"]["ename"] == "Interrupted"
    _, outputs = run(kc, "h.isInterrupted() + \" \" + h.interruption().startsWith(\"interrupted at epoch \")")
    assert [c for _, k, c in outputs if k == "execute_result"][0]["data"]["text/plain"] == "true true"
    _, outputs = run(kc, "net.evaluate(data.test()).accuracy() > 0.5")
    assert [c for _, k, c in outputs if k == "execute_result"][0]["data"]["text/plain"] == "true"


def history_kept(kc):
    _, outputs = run(kc, "h == null ? \"lost\" : h.interruption()")
    return [c for _, k, c in outputs if k == "execute_result"][0]["data"]["text/plain"].strip('"')


def test_training_that_wraps_up_slowly_after_an_interrupt_is_not_stopped_by_force(kernel):
    """The polite path's last steps (final display, History chart) may take seconds on a loaded machine: a forced
    stop then loses the History. Here the wrap-up is made slow on purpose (2.5 s, past the 1 s grace of plain code)."""
    km, kc, mode = kernel
    run(kc, "var slowData = fashionMnist().limit(4000, 500);\nvar slowNet = model().dense(16).relu().dense(10);\n"
            "dev.djinn.dsl.train.History h = null;")
    msg_id = kc.execute("h = slowNet.train(slowData, epochs(50), progress(new dev.djinn.dsl.train.ProgressListener() {\n"
                        "  public void onEnd(dev.djinn.dsl.train.History done) {\n"
                        "    long t = System.nanoTime(); while (System.nanoTime() - t < 2_500_000_000L) { }\n"
                        "  }\n}));")
    time.sleep(2.0)
    interrupt(km, mode)
    reply = wait_reply(kc, msg_id, timeout=60)
    collect_outputs(kc, msg_id)
    assert reply["content"]["ename"] == "Interrupted"
    assert history_kept(kc).startswith('interrupted at epoch ')


def _burn():
    while True:
        pass


def test_interrupting_training_on_a_loaded_machine_ends_cleanly_every_time(kernel):
    """A busy process per core, and training interrupted again and again at varying moments (inside epochs, at
    their ends): every time the training loop ends itself, the History is kept and the weights stay usable."""
    km, kc, mode = kernel
    run(kc, "var loadData = fashionMnist().limit(6000, 500);\ndev.djinn.dsl.train.History h = null;")
    burners = [multiprocessing.Process(target=_burn, daemon=True) for _ in range(os.cpu_count() or 2)]
    for burner in burners:
        burner.start()
    try:
        for wait in (0.4, 1.3, 2.2, 0.8, 3.1):
            run(kc, "h = null; var loadNet = model().dense(32).relu().dense(10);")
            msg_id = kc.execute("h = loadNet.train(loadData, epochs(50));")
            time.sleep(wait)
            interrupt(km, mode)
            reply = wait_reply(kc, msg_id, timeout=60)
            collect_outputs(kc, msg_id)
            assert reply["content"]["ename"] == "Interrupted"
            assert history_kept(kc).startswith('interrupted at epoch '), f"after {wait} s"
    finally:
        for burner in burners:
            burner.terminate()
    _, outputs = run(kc, "loadNet.evaluate(loadData.test()).accuracy() >= 0")
    assert [c for _, k, c in outputs if k == "execute_result"][0]["data"]["text/plain"] == "true"


def test_the_kernel_exits_when_the_process_that_started_it_dies():
    """Jupyter passes JPY_PARENT_PID: a killed front end must not leave an orphaned kernel running."""
    import signal
    import subprocess
    import sys
    starter = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "sys.path.insert(0, %r)\n"
         "from djinn_client import start, run\n"
         "km, kc = start()\n"
         "_, outputs = run(kc, 'ProcessHandle.current().pid()')\n"
         "print([c for _, k, c in outputs if k == 'execute_result'][0]['data']['text/plain'], flush=True)\n"
         "time.sleep(600)\n" % os.path.dirname(os.path.abspath(__file__))],
        stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    kernel_pid = int(starter.stdout.readline().strip())
    os.kill(starter.pid, signal.SIGKILL)
    starter.wait()
    deadline = time.time() + 15
    while time.time() < deadline:
        try:
            os.kill(kernel_pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.kill(kernel_pid, signal.SIGKILL)
    raise AssertionError("the kernel outlived the process that started it")
