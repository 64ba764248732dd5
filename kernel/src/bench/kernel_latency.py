#!/usr/bin/python3
"""Kernel latency benchmark: Djinn against Debian's python3-ipykernel, measured in the same run.

For each kernel, alternating, ROUNDS times: start it through jupyter_client (as Jupyter does) and time
  startup     process launch -> first kernel_info_reply
  first cell  execute "1+1" -> reply and idle, right after startup (or --first-after seconds later)
  round trip  median of 30 executions of "1+1" (request -> execute_reply and idle on IOPub), sent back to back
              right after the first cell, or after --idle seconds (the kernel warms its compiler up when idle)
  cells 2, 10, 100  single "1+1" latencies in a run of 100 back-to-back cells
then print the medians and the Djinn/ipykernel ratios, the Java each kernel runs on and whether it starts with the
start-up cache install.sh trains. Targets (issue 15): first cell <= 100 ms, round trip <= 9 ms, startup <= ipykernel's.

Usage: JUPYTER_PATH=... kernel/src/bench/kernel_latency.py [--rounds 3] [--djinn djinn] [--python python3]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import time

os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # ipykernel's debugger note on frozen modules

from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402 (after the environment is set)
from jupyter_client.manager import KernelManager


def execute(kc, code):
    started = time.perf_counter()
    msg_id = kc.execute(code)
    while kc.get_shell_msg(timeout=60)["parent_header"].get("msg_id") != msg_id:
        pass
    while True:
        msg = kc.get_iopub_msg(timeout=60)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return (time.perf_counter() - started) * 1000


def measure(kernel_name, runs, idle, first_after):
    km = KernelManager(kernel_name=kernel_name)
    started = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)  # a kernel_info reply, and IOPub connected (no lost first messages)
    startup = time.perf_counter() - started
    time.sleep(first_after)
    first = execute(kc, "1+1")
    time.sleep(idle)
    cells = [first] + [execute(kc, "1+1") for _ in range(max(runs, 99))]
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return startup, first, statistics.median(cells[1:runs + 1]), cells[1], cells[9], cells[99]


def describe(kernel_name):
    """The Java a Djinn kernelspec runs on and its start-up cache; the Python for others."""
    spec = KernelSpecManager().get_kernel_spec(kernel_name)
    env = spec.env or {}
    if "DJINN_JVM_OPTS" not in env:
        return "%s: %s" % (kernel_name, " ".join(spec.argv[:1]))
    java = os.path.join(env["JAVA_HOME"], "bin", "java") if env.get("JAVA_HOME") else shutil.which("java")
    version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    cache = env.get("DJINN_CACHE")
    used = "start-up cache %s" % cache if cache and os.path.isfile(cache) else "no start-up cache"
    return "%s: %s (%s), %s" % (kernel_name, version, java, used)


def main():
    parser = argparse.ArgumentParser(description="Djinn vs ipykernel latency")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--djinn", default="djinn")
    parser.add_argument("--python", default="python3")
    parser.add_argument("--idle", type=float, default=0.0,
                        help="seconds to wait after the first cell, as a user reading it would (default 0)")
    parser.add_argument("--first-after", type=float, default=0.0,
                        help="seconds between kernel_info and the first cell, as a person typing it (default 0: Run All)")
    args = parser.parse_args()
    for name in (args.djinn, args.python):
        print(describe(name))
    results = {args.djinn: [], args.python: []}
    for round_number in range(args.rounds):
        for name in (args.djinn, args.python):
            results[name].append(measure(name, args.runs, args.idle, args.first_after))
            s, f, r, c2, c10, c100 = results[name][-1]
            print("round %d %-10s startup %6.0f ms  first cell %6.1f ms  median round trip %5.1f ms  cell 2 %5.1f  cell 10 %5.1f  cell 100 %5.1f"
                  % (round_number + 1, name, s * 1000, f, r, c2, c10, c100), flush=True)
    print()
    print("| kernel | startup ms | cell 1 ms | cell 2 ms | cell 10 ms | cell 100 ms | 1+1 median of cells 2-%d ms |" % (args.runs + 1))
    print("|---|---|---|---|---|---|---|")
    medians = {}
    for name, rows in results.items():
        medians[name] = [statistics.median(column) for column in zip(*rows)]
        s, f, r, c2, c10, c100 = medians[name]
        print("| %s | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f |" % (name, s * 1000, f, c2, c10, c100, r))
    d, p = medians[args.djinn], medians[args.python]
    print()
    print("ratio djinn/ipykernel: startup %.2fx, first cell %.2fx, round trip %.2fx" % (d[0] / p[0], d[1] / p[1], d[2] / p[2]))
    print("targets: first cell <= 100 ms: %s (%.1f ms); round trip <= 9 ms: %s (%.1f ms); startup <= ipykernel's: %s (%.2f vs %.2f s)"
          % ("met" if d[1] <= 100 else "MISSED", d[1], "met" if d[2] <= 9 else "MISSED", d[2],
             "met" if d[0] <= p[0] else "MISSED", d[0], p[0]))


if __name__ == "__main__":
    main()
