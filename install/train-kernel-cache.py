#!/usr/bin/python3
"""Runs a representative Djinn session in a kernel that records the classes it loads, for the start-up cache.

The installer calls it after writing the kernelspec: the kernel starts with DJINN_CACHE_RECORD set (the launcher then
passes -XX:AOTMode=record on Java 25+, -XX:ArchiveClassesAtExit on 17-24), runs cells a notebook runs (Java, the DSL
training on made-up numbers, a chart, a table, errors, magics, completion, inspection) and shuts down cleanly, which
writes the record. Usage: train-kernel-cache.py KERNEL_NAME RECORD_FILE (JUPYTER_PATH must find the kernel).
"""
import os
import signal
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

CELLS = [
    "1+1",
    "int n = 3;\nn * 2",
    'String s = "text";\ns.length()',
    "import java.util.concurrent.*;",
    "class Point { int x = 1; }\nnew Point().x",
    "double square(double v) { return v * v; }\nsquare(3)",
    "var list = new ArrayList<Integer>(List.of(3, 1, 2));\nCollections.sort(list);\nlist",
    "var random = new Random(1);\nfloat[][] x = new float[256][8];\nint[] y = new int[256];\n"
    "for (int i = 0; i < 256; i++) { y[i] = i % 2; for (int j = 0; j < 8; j++) x[i][j] = random.nextFloat() + y[i]; }",
    "var net = model().dense(16).relu().dense(2);",
    "var h = net.train(data(x, y), epochs(2));",
    "h",
    "net.summary()",
    "net.evaluate(data(x, y))",
    "%time 1+1",
    "%who",
    'Table.create("t").addColumns(DoubleColumn.create("a", 1, 2, 3))',
    'int broken = "x";',
    'Integer.parseInt("x")',
    'System.out.println("hello");\nSystem.err.println("warning");',
    "for (int i = 0; i < 3; i++) {\n    System.out.print(i);\n}",
]


def main():
    name, record = sys.argv[1], sys.argv[2]
    manager = KernelManager(kernel_name=name)
    history = tempfile.NamedTemporaryFile(prefix="djinn-cache-training-", suffix=".jsonl", delete=False).name
    # the session's cells stay out of the user's history
    manager.start_kernel(env={**os.environ, "DJINN_CACHE_RECORD": record, "DJINN_HISTORY_FILE": history})
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        for cell in CELLS + ["1+1", "n + 1", "var z = 2;", "z * n", "Math.max(z, n)"] * 6:
            client.execute_interactive(cell, timeout=300, output_hook=lambda message: None)
        for code in ("Math.ma", "list.si", "net.tr"):
            client.complete(code, reply=True, timeout=60)
        client.inspect("Math.max", reply=True, timeout=60)
        client.is_complete("for (int i = 0;")
        client.get_shell_msg(timeout=60)
    finally:
        client.stop_channels()
        # a clean shutdown: the JVM writes the record as it exits, which can take a few seconds
        manager.request_shutdown()
        deadline = time.time() + 120
        while manager.is_alive() and time.time() < deadline:
            time.sleep(0.2)
        if manager.is_alive():
            # what keeps it: the JVM prints its threads' stacks to this log on SIGQUIT, then it is killed
            print("the kernel had not exited 120 s after its shutdown request; its threads:", file=sys.stderr, flush=True)
            manager.signal_kernel(signal.SIGQUIT)
            time.sleep(3)
        manager.shutdown_kernel(now=True)
        os.unlink(history)
    if not os.path.isfile(record) or os.path.getsize(record) == 0:
        raise SystemExit("the kernel wrote no record to " + record)


if __name__ == "__main__":
    main()
