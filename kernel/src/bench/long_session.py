#!/usr/bin/python3
"""Long-session benchmark: does a kernel stay fast and small over thousands of ordinary cells?

Runs CELLS cells that cycle through what people type (a declaration, an expression, a method, a print, a small
list, a string). With --names reused the declarations cycle through 10 names, as a notebook whose cells are run
again and again does; with --names distinct (the default) every declaration has a new name, so what is alive grows
with the session; --names used is distinct with every declaration named again by the next cell (the kernel imports
into a compile only the declarations some code names, so this is the case where all of them are). At each
checkpoint it times "1+1" (median of 15, back to back) and reads the kernel process's resident memory. Prints a row
per checkpoint and the ratio of the last checkpoint's 1+1 to cell 100's.

Usage: JUPYTER_PATH=... kernel/src/bench/long_session.py [--cells 2000] [--every 100] [--names distinct|reused|used]
                                                             [--kernel djinn]
"""
import argparse
import statistics

from jupyter_client.manager import KernelManager

from kernel_latency import execute  # the same round trip: request -> execute_reply and idle on IOPub

ORDINARY = [
    "int v{n} = {i};",
    "{i} * 2 + 1",
    "String greet{n}(String n) {{ return \"hi \" + n + {i}; }}",
    "System.out.println(\"cell {i}\");",
    "var xs{n} = new ArrayList<Integer>(List.of({i}, {i}, {i}));",
    "\"text \" + {i}",
    "double d{n} = Math.sqrt({i});",
    "1+1",
]
# --names used: the cell after each declaration names it, so every declaration is referenced by some code
USED = list(ORDINARY)
USED[1] = "v{p} * 2 + 1"
USED[3] = "System.out.println(greet{p}(\"x\"));"
USED[5] = "xs{p}.size()"
USED[7] = "d{p} + 1"


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    parser = argparse.ArgumentParser(description="latency and memory over a long session")
    parser.add_argument("--cells", type=int, default=2000)
    parser.add_argument("--every", type=int, default=100)
    parser.add_argument("--kernel", default="djinn")
    parser.add_argument("--names", choices=("distinct", "reused", "used"), default="distinct")
    args = parser.parse_args()
    km = KernelManager(kernel_name=args.kernel)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    pid = km.provisioner.process.pid
    rows = []
    print("%6s %12s %10s" % ("cell", "1+1 (ms)", "RSS (MiB)"), flush=True)
    cells = USED if args.names == "used" else ORDINARY
    for i in range(1, args.cells + 1):
        execute(kc, cells[i % len(cells)].format(i=i, n=i % 10 if args.names == "reused" else i, p=i - 1))
        if i % args.every == 0:
            trip = statistics.median(execute(kc, "1+1") for _ in range(15))
            rows.append((i, trip, rss_mib(pid)))
            print("%6d %12.1f %10.0f" % rows[-1], flush=True)
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    first, last = rows[0], rows[-1]
    print("\n1+1 at cell %d / at cell %d: %.2fx; RSS %.0f -> %.0f MiB (+%.0f MiB)"
          % (last[0], first[0], last[1] / first[1], first[2], last[2], last[2] - first[2]))
    if len(rows) >= 6:
        # one checkpoint is 15 cells of a noisy machine: the median of three on each side is the steadier slope
        early = statistics.median(r[1] for r in rows[:3])
        late = statistics.median(r[1] for r in rows[-3:])
        print("1+1 at cells %d-%d / at cells %d-%d (medians of three checkpoints): %.1f / %.1f ms = %.2fx"
              % (rows[-3][0], last[0], first[0], rows[2][0], late, early, late / early))


if __name__ == "__main__":
    main()
