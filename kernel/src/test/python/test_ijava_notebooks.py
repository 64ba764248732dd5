"""IJava's notebooks run unchanged: notebooks written in IJava's (and d2l-java's) style, run through nbclient on the
installed kernel, each cell's output checked."""
import os
import shutil
import tempfile

import nbformat
from nbclient import NotebookClient

from conftest import ROOT

IJAVA = os.path.join(ROOT, "kernel", "src", "test", "ijava")


def run_ijava_notebook(name):
    with tempfile.TemporaryDirectory() as folder:
        shutil.copytree(IJAVA, folder, dirs_exist_ok=True)
        notebook = nbformat.read(os.path.join(folder, name), as_version=4)
        # as written by IJava: kernel "java"; run on Djinn without editing the file
        NotebookClient(notebook, kernel_name="djinn", timeout=600, allow_errors=True,
                       resources={"metadata": {"path": folder}}).execute()
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def text(cell):
    parts = []
    for output in cell.outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            parts.append(output.data.get("text/plain", ""))
        elif output.output_type == "error":
            parts.append("\n".join(output.traceback))
    return "\n".join(parts)


def test_an_ijava_style_notebook_runs_unchanged():
    cells = run_ijava_notebook("ijava-style.ipynb")
    errors = [i for i, cell in enumerate(cells) if any(o.output_type == "error" for o in cell.outputs)]
    assert errors == [11], [text(cells[i]) for i in errors]

    # %load without an extension finds the notebook and runs its magic cell too
    assert "Loaded 3 code cells of ijava-imports.ipynb" in text(cells[0])
    assert "Resolved" in text(cells[0])
    assert text(cells[1]) == "42 [from, utils]"
    # commons-lang3, as on IJava's class path
    assert text(cells[2]) == "{3,2,1}"

    # display returns its id (not shown as the cell's value) and updateDisplay replaces that display
    kinds = [o.output_type for o in cells[3].outputs]
    assert kinds == ["display_data"], kinds
    # nbclient applies the update to the saved output
    assert cells[3].outputs[0].data["text/plain"] == "second"
    # display(x, "text/html") shows the HTML, not the MIME type as text
    assert cells[4].outputs[0].data["text/html"] == "<b>only html</b>"
    assert cells[5].outputs[0].data["text/html"] == "<i>rendered</i>"
    # a renderer registered through IJava.getKernelInstance()
    assert cells[7].outputs[0].data["text/html"] == "<b>point 3,4</b>"

    # %%loadFromPOM of an older Tablesaw than the one the kernel bundles: not added, and said why
    pom = text(cells[8])
    assert "jars not added because the kernel bundles another version of each, which cells use" in pom, pom
    assert "tech.tablesaw:tablesaw-jsplot:0.38.1 (the kernel's 0.44.4)" in pom, pom
    # a Plotly figure: HTML that loads plotly.js from the kernelspec folder, not from a CDN
    figure = cells[9].outputs[0].data
    assert "kernelspecs/djinn/plotly.min.js" in figure["text/html"] and "cdn.plot.ly" not in figure["text/html"]
    assert figure["text/plain"].startswith("Plotly figure \"loss\"")
    # DJL's own FashionMnist builder, offline
    assert text(cells[10]) == "10000"

    # an error inside a loaded notebook names it and its cell, and says what of the cell did not run
    broken = text(cells[11])
    assert "In broken.ipynb, code cell 2:" in broken, broken
    assert "cannot find symbol" in broken
    assert "Not run after it: %env DJINN_AFTER_BROKEN_LOAD=ran" in broken
    assert text(cells[12]) == "1 false"
