"""Installs the built kernel into a private Jupyter prefix with the real installer, before any test imports a client.

Two kernelspecs: "djinn" (interrupt_mode message) and "djinn-signal" (interrupt_mode signal). Each test run gets
its own history file, so history tests see only their own cells.
"""
import os
import subprocess
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
PREFIX = tempfile.mkdtemp(prefix="djinn-kernels-")
HISTORY = os.path.join(PREFIX, "history.jsonl")

os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
os.environ["JUPYTER_PATH"] = os.path.join(PREFIX, "share", "jupyter")


# DJINN_TEST_JAVA_HOME runs the kernels on another JDK (for example Java 25) without rebuilding.
JAVA_ENV = ["--env", "JAVA_HOME=" + os.environ["DJINN_TEST_JAVA_HOME"]] if os.environ.get("DJINN_TEST_JAVA_HOME") else []


def _install(name, *extra):
    extra = extra + tuple(JAVA_ENV)
    subprocess.run(
        ["bash", os.path.join(ROOT, "install", "install.sh"), "--no-build", "--no-deps", "--prefix", PREFIX,
         "--name", name, "--env", "DJINN_HISTORY_FILE=" + HISTORY, "--jvm-opt=-Xmx2g", *extra],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


_install("djinn")
_install("djinn-signal", "--interrupt-mode", "signal")
