"""Magics and rich display through the running kernel: %gpu, %plot, %tensor, the live training display."""
import base64
import os
import re
import struct
import subprocess
import sys
import tempfile
import time

import nbformat
import pytest

from djinn_client import collect_outputs, run, start, stdout_of, wait_reply


@pytest.fixture(scope="module")
def kernel():
    km, kc = start()
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def png_size(data):
    """Width and height of a base64 PNG, from its IHDR chunk; fails when it is not a PNG."""
    raw = base64.b64decode(data)
    assert raw[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", raw[16:24])


def result_of(outputs):
    results = [c for _, kind, c in outputs if kind == "execute_result"]
    assert results, outputs
    return results[0]["data"]


def test_lsmagic_lists_the_magics_and_unknown_ones_are_usage_errors(kernel):
    _, kc = kernel
    _, outputs = run(kc, "%lsmagic")
    listing = result_of(outputs)["text/plain"]
    for magic in ("%gpu", "%plot", "%tensor", "%time %%time", "%timeit %%timeit", "%who %vars", "%load", "%classpath %jars", "%maven", "%env"):
        assert magic in listing
    reply, _ = run(kc, "%plott h")
    assert reply["content"]["ename"] == "UsageError"
    assert reply["content"]["evalue"] == "There is no magic %plott. Did you mean %plot? %lsmagic lists them all."
    _, outputs = run(kc, "%time?")
    assert "Usage: %time statement-or-expression" in result_of(outputs)["text/plain"]


def test_gpu_says_what_the_engine_sees(kernel):
    _, kc = kernel
    _, outputs = run(kc, "%gpu")
    data = result_of(outputs)
    assert data["text/plain"].startswith("PyTorch 2.7.1 (CPU build)")
    assert "No GPU is visible: PyTorch's CPU-only natives are installed" in data["text/plain"]
    assert "<table>" in data["text/html"]
    reply, _ = run(kc, "%gpu 1")
    assert reply["content"]["ename"] == "UsageError"
    assert "gpu(1) does not exist" in reply["content"]["evalue"]


def test_training_shows_one_live_display_updated_in_place_then_plot_and_tensor(kernel):
    _, kc = kernel
    run(kc, "var data = fashionMnist().limit(8000, 1000);\nvar net = model().dense(64).relu().dense(10);")
    started = time.time()
    reply, outputs = run(kc, "var h = net.train(data, epochs(4));", timeout=120)
    seconds = time.time() - started
    assert reply["content"]["status"] == "ok"
    displays = [c for _, kind, c in outputs if kind == "display_data"]
    updates = [c for _, kind, c in outputs if kind == "update_display_data"]
    assert len(displays) == 1, "one display for the whole run"
    display_id = displays[0]["transient"]["display_id"]
    assert all(u["transient"]["display_id"] == display_id for u in updates)
    assert len(updates) <= 5 * seconds + 2, f"{len(updates)} updates in {seconds:.1f} s floods IOPub"
    assert len(updates) >= 2, "the display moves during training"
    final = updates[-1]["data"]
    assert final["text/plain"].startswith("Training done: 4 epochs")
    assert "data:image/png;base64," in final["text/html"], "the History chart at the end"
    # a progress frame of some epoch: this small model trains an epoch in about 0.1 s, so which epochs the five
    # updates a second land in is the machine's business
    assert re.search(r"Epoch [1-4]/4 \[", displays[0]["data"]["text/plain"] + "".join(u["data"]["text/plain"] for u in updates))

    _, outputs = run(kc, "%plot h")
    data = result_of(outputs)
    assert png_size(data["image/png"]) == (1120, 380), "loss and accuracy side by side"
    assert data["text/plain"].startswith("loss\n")

    _, outputs = run(kc, "NDArray batch = data.train().features(NDManager.newBaseManager()).get(\"0:20\");\n"
                         "%tensor batch")
    data = result_of(outputs)
    width, height = png_size(data["image/png"])
    assert (width, height) == (8 * (28 * 3 + 4), 2 * (28 * 3 + 4)), "the first 16 images, eight a row"
    assert data["text/plain"].startswith("batch  shape (20, 28, 28)  float32  cpu()")
    assert "images 1–16 of 20" in data["text/plain"]

    _, outputs = run(kc, "net.evaluate(data.test())")
    data = result_of(outputs)
    assert "image/png" in data and "<b>accuracy" in data["text/html"], "report and confusion matrix"


def test_interrupting_training_shows_where_it_stopped(kernel):
    km, kc = kernel
    run(kc, "var big = fashionMnist().limit(30000, 1000);\nvar slow = model().dense(64).relu().dense(10);")
    msg_id = kc.execute("var hi = slow.train(big, epochs(50));")
    time.sleep(4.0)
    km.interrupt_kernel()
    reply = wait_reply(kc, msg_id, timeout=30)
    outputs = collect_outputs(kc, msg_id)
    assert reply["content"]["ename"] == "Interrupted"
    updates = [c for _, kind, c in outputs if kind == "update_display_data"]
    assert updates[-1]["data"]["text/plain"].startswith("Training interrupted at epoch ")
    assert ", batch " in updates[-1]["data"]["text/plain"].splitlines()[0]


def test_time_and_timeit_report_as_ipython_does(kernel):
    _, kc = kernel
    _, outputs = run(kc, "%time Thread.sleep(50)")
    assert stdout_of(outputs).startswith("CPU time: ")
    _, outputs = run(kc, "%%timeit -n 100 -r 3\nMath.sqrt(2.0);")
    assert " per loop (mean ± std. dev. of 3 runs, 100 loops each; best " in result_of(outputs)["text/plain"]


def test_a_saved_notebook_shows_the_final_training_state_after_nbconvert():
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("var net = model().dense(32).relu().dense(10);\n"
                                                "var h = net.train(fashionMnist().limit(3000, 500), epochs(2));")]
    notebook.metadata["kernelspec"] = {"name": "djinn", "display_name": "Djinn", "language": "java"}
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "train.ipynb")
        nbformat.write(notebook, path)
        subprocess.run(["jupyter", "nbconvert", "--to", "notebook", "--execute", "--inplace", path],
                       check=True, capture_output=True, timeout=300)
        executed = nbformat.read(path, as_version=4)
    outputs = [o for o in executed.cells[0].outputs if o.output_type == "display_data"]
    assert len(outputs) == 1, "the live display is one output"
    assert outputs[0].data["text/plain"].startswith("Training done: 2 epochs")
    assert "data:image/png;base64," in outputs[0].data["text/html"]


def test_cell_code_runs_with_its_own_class_loader_as_the_context_loader(kernel):
    """Libraries look for ServiceLoader providers and resources through the context class loader: in a cell it is
    the loader that sees %maven and %classpath jars (the JVM's application loader does not)."""
    _, kc = kernel
    _, outputs = run(kc, "Thread.currentThread().getContextClassLoader() == new Object(){}.getClass().getClassLoader()")
    assert result_of(outputs)["text/plain"] == "true"


def test_ipythons_shell_file_and_display_magics(kernel, tmp_path):
    km, kc = kernel
    _, outputs = run(kc, "int n = 2;\n!echo shell says $((1 + 1))\nn + 1")
    assert "shell says 2\n" in "".join(c["text"] for _, k, c in outputs if k == "stream")
    assert [c for _, k, c in outputs if k == "execute_result"][0]["data"]["text/plain"] == "3"
    reply, outputs = run(kc, "%%bash -s hello\necho \"$1 from bash\"\nexit 3")
    assert "hello from bash\n" in "".join(c["text"] for _, k, c in outputs if k == "stream")
    assert reply["content"]["status"] == "error" and "exited with status 3" in reply["content"]["evalue"]
    target = tmp_path / "Hello.java"
    _, outputs = run(kc, "%%%%writefile %s\npublic class Hello { public static String hi() { return \"hi\"; } }" % target)
    assert "Writing %s\n" % target in "".join(c["text"] for _, k, c in outputs if k == "stream")
    _, outputs = run(kc, "%%load %s\nHello.hi()" % target)
    assert [c for _, k, c in outputs if k == "execute_result"][0]["data"]["text/plain"] == "hi"
    _, outputs = run(kc, "%%html\n<b>bold</b>")
    assert [k for _, k, c in outputs if k in ("display_data", "execute_result")] == ["display_data"], "no Out[n], as in IPython"
    assert [c for _, k, c in outputs if k == "display_data"][0]["data"]["text/html"] == "<b>bold</b>"
    _, outputs = run(kc, "%pwd")
    assert [c for _, k, c in outputs if k == "execute_result"][0]["data"]["text/plain"].startswith("/")


def test_history_shows_this_sessions_inputs_and_whos_the_variables(kernel):
    _, kc = kernel
    reply, _ = run(kc, "int histA = 41;\nhistA++;")
    count = reply["content"]["execution_count"]
    run(kc, "String histWord = \"history\";")
    _, outputs = run(kc, "%%history -n %d-%d" % (count, count + 1))
    assert stdout_of(outputs) == "%d: int histA = 41;\n%s  histA++;\n%d: String histWord = \"history\";\n" % (
        count, " " * len(str(count)), count + 1)
    _, outputs = run(kc, "%history -g histWord")
    assert re.fullmatch(r"(\d+/\d+: .*\n)*\d+/%d: String histWord = \"history\";\n" % (count + 1), stdout_of(outputs))
    reply, outputs = run(kc, "%history 5-2")
    assert reply["content"]["status"] == "error" and "ends before it starts" in reply["content"]["evalue"]
    _, outputs = run(kc, "%whos int")
    assert re.search(r"histA\s+int\s+42", result_of(outputs)["text/plain"])
