#!/usr/bin/python3
"""Kernel latency benchmark: Djinn against Debian's python3-ipykernel, measured in the same run.

For each kernel, alternating, ROUNDS times: start it through jupyter_client (as Jupyter does) and time
  startup     process launch -> first kernel_info_reply
  first cell  execute "1+1" -> reply and idle, right after startup
  round trip  median of 30 executions of "1+1" (request -> execute_reply and idle on IOPub), sent back to back
              right after the first cell, or after --idle seconds (the kernel warms its compiler up when idle)
then print the medians and the Djinn/ipykernel ratios. Targets: round trip <= 15 ms, startup <= 2 s.

Usage: JUPYTER_PATH=... kernel/src/bench/kernel_latency.py [--rounds 3] [--djinn djinn] [--python python3]
"""
import argparse
import statistics
import time

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


def measure(kernel_name, runs, idle):
    km = KernelManager(kernel_name=kernel_name)
    started = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)  # a kernel_info reply, and IOPub connected (no lost first messages)
    startup = time.perf_counter() - started
    first = execute(kc, "1+1")
    time.sleep(idle)
    trips = [execute(kc, "1+1") for _ in range(runs)]
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return startup, first, statistics.median(trips)


def main():
    parser = argparse.ArgumentParser(description="Djinn vs ipykernel latency")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--djinn", default="djinn")
    parser.add_argument("--python", default="python3")
    parser.add_argument("--idle", type=float, default=0.0,
                        help="seconds to wait after the first cell, as a user reading it would (default 0)")
    args = parser.parse_args()
    results = {args.djinn: [], args.python: []}
    for round_number in range(args.rounds):
        for name in (args.djinn, args.python):
            results[name].append(measure(name, args.runs, args.idle))
            s, f, r = results[name][-1]
            print("round %d %-10s startup %6.0f ms  first cell %6.1f ms  median round trip %5.1f ms"
                  % (round_number + 1, name, s * 1000, f, r), flush=True)
    print()
    print("%-10s %14s %14s %20s" % ("kernel", "startup (ms)", "first (ms)", "round trip (ms)"))
    medians = {}
    for name, rows in results.items():
        medians[name] = [statistics.median(column) for column in zip(*rows)]
        s, f, r = medians[name]
        print("%-10s %14.0f %14.1f %20.1f" % (name, s * 1000, f, r))
    d, p = medians[args.djinn], medians[args.python]
    print()
    print("ratio djinn/ipykernel: startup %.2fx, first cell %.2fx, round trip %.2fx" % (d[0] / p[0], d[1] / p[1], d[2] / p[2]))
    print("targets: round trip <= 15 ms: %s (%.1f ms); startup <= 2 s: %s (%.2f s)"
          % ("met" if d[2] <= 15 else "MISSED", d[2], "met" if d[0] <= 2 else "MISSED", d[0]))


if __name__ == "__main__":
    main()
