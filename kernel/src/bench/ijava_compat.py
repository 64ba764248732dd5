"""How many cells of existing IJava notebooks run unchanged on a Djinn kernelspec.

    JUPYTER_PATH=… /usr/bin/python3 kernel/src/bench/ijava_compat.py --kernel djinn D2L_CHECKOUT/chapter_preliminaries …

Runs every notebook given (or every .ipynb in a folder) with nbclient, errors allowed, in a copy of the notebook's own
folder tree (so %load ../utils/… finds its files), with d2l-java's CI settings DATASET_LIMIT=512 MAX_EPOCH=2, and
prints, per notebook, the code cells that ran without an error, then the total and the first line of each failure,
marked [network] when it needed a host this machine cannot reach.
"""
import argparse
import glob
import json
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient

NETWORK = re.compile(r"UnknownHostException|ConnectException|No route to host|Could not transfer artifact|SocketTimeout")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def notebooks(paths):
    for path in paths:
        if os.path.isdir(path):
            yield from sorted(glob.glob(os.path.join(path, "*.ipynb")))
        else:
            yield path


def run(path, kernel, timeout):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, kernel_name=kernel, timeout=timeout, allow_errors=True,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    started = time.time()
    try:
        client.execute()
    except Exception as e:  # a cell that timed out, a kernel that died: the cells after it count as not run
        print(f"  ! {os.path.basename(path)}: {type(e).__name__}: {str(e).splitlines()[0][:160]}", file=sys.stderr)
    cells = [c for c in notebook.cells if c.cell_type == "code" and c.source.strip()]
    ran, failures = 0, []
    for cell in cells:
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        executed = cell.get("execution_count") is not None
        if executed and not errors:
            ran += 1
        else:
            text = ANSI.sub("", "\n".join(errors[0].traceback)) if errors else "not run"
            first = next((line.strip() for line in text.splitlines() if line.strip()), "not run")
            failures.append(("[network] " if NETWORK.search(text) else "") + first[:150] + "   <- " + cell.source.strip().splitlines()[0][:60])
    return len(cells), ran, failures, time.time() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kernel", default="djinn")
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--json", help="write the per-notebook results here")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    os.environ.setdefault("DATASET_LIMIT", "512")
    os.environ.setdefault("MAX_EPOCH", "2")
    total = ran_total = network = 0
    results = []
    for path in notebooks(args.paths):
        cells, ran, failures, seconds = run(path, args.kernel, args.timeout)
        total += cells
        ran_total += ran
        network += sum(f.startswith("[network]") for f in failures)
        results.append({"notebook": path, "cells": cells, "ran": ran, "failures": failures, "seconds": round(seconds, 1)})
        print(f"{ran:3d}/{cells:3d}  {seconds:6.1f} s  {os.path.relpath(path)}", flush=True)
        for failure in failures:
            print(f"          {failure}", flush=True)
    print(f"TOTAL {ran_total}/{total} cells ran ({100 * ran_total / max(total, 1):.0f}%), "
          f"{sum(r['ran'] == r['cells'] for r in results)}/{len(results)} notebooks to the end; "
          f"{network} failing cells needed the network")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
