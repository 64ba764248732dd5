#!/usr/bin/python3
"""Executes a notebook headless with the Djinn kernel, as Jupyter would, and prints what each cell showed.

Usage: install/run-notebook.py NOTEBOOK [--save OUT.ipynb] [--kernel NAME]
Exits non-zero if a cell fails that is not tagged "raises-exception".
"""
import argparse
import os
import re
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def show(cell_number, cell):
    print("[%d] %s" % (cell_number, cell.source.splitlines()[0] if cell.source else ""))
    for output in cell.get("outputs", []):
        kind = output["output_type"]
        if kind == "stream":
            sys.stdout.write("".join("    " + line + "\n" for line in output["text"].splitlines()))
        elif kind in ("execute_result", "display_data"):
            data = output["data"]
            rich = [mime for mime in data if mime != "text/plain"]
            text = data.get("text/plain", "")
            print("    => " + text.replace("\n", "\n       ") + ("   [also " + ", ".join(rich) + "]" if rich else ""))
        elif kind == "error":
            print("    !! %s: %s" % (output["ename"], ANSI.sub("", output["evalue"])))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook")
    parser.add_argument("--save", help="write the executed notebook here")
    parser.add_argument("--kernel", default="djinn")
    args = parser.parse_args()
    notebook = nbformat.read(args.notebook, as_version=4)
    # cells run in the notebook's folder, as in Jupyter: files they write land beside it
    folder = os.path.dirname(os.path.abspath(args.notebook))
    client = NotebookClient(notebook, kernel_name=args.kernel, timeout=600, allow_errors=False,
                            resources={"metadata": {"path": folder}})
    try:
        client.execute()
    except CellExecutionError as error:
        print(ANSI.sub("", str(error)), file=sys.stderr)
        return 1
    finally:
        code_cells = [c for c in notebook.cells if c.cell_type == "code"]
        for number, cell in enumerate(code_cells, 1):
            show(number, cell)
        if args.save:
            nbformat.write(notebook, args.save)
    return 0


if __name__ == "__main__":
    sys.exit(main())
