"""Notebooks run as Jupyter runs them: nbclient and nbconvert through the installed kernelspec."""
import os
import subprocess
import sys
import tempfile

import nbformat

from conftest import ROOT

HELLO = os.path.join(ROOT, "notebooks", "00-hello-djinn.ipynb")


def test_the_hello_notebook_runs_headless_and_prints_each_cell():
    result = subprocess.run([sys.executable, os.path.join(ROOT, "install", "run-notebook.py"), HELLO],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "=> [1, 4, 9, 16, 25]" in result.stdout
    assert "epoch 3 done" in result.stdout
    assert "[image 120×40]   [also image/png]" in result.stdout
    assert "!! IndexOutOfBoundsException: Index 10 out of bounds for length 5" in result.stdout


def test_nbconvert_executes_to_html_with_the_images_embedded():
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(["jupyter", "nbconvert", "--to", "html", "--execute", "--allow-errors",
                        "--output-dir", out, HELLO], check=True, capture_output=True, timeout=300)
        with open(os.path.join(out, "00-hello-djinn.html")) as f:
            html = f.read()
    assert "data:image/png;base64," in html
    assert "<b>bold</b> and <i>italic</i> from Java" in html


def test_a_notebook_with_an_unexpected_error_fails_the_run():
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("int x = 1;"), nbformat.v4.new_code_cell("x / 0")]
    with tempfile.NamedTemporaryFile("w", suffix=".ipynb", delete=False) as f:
        nbformat.write(notebook, f)
    try:
        result = subprocess.run([sys.executable, os.path.join(ROOT, "install", "run-notebook.py"), f.name],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 1
        assert "ArithmeticException" in result.stderr
    finally:
        os.unlink(f.name)
