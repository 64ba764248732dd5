"""Notebooks run as Jupyter runs them: nbclient and nbconvert through the installed kernelspec."""
import os
import re
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


TUTORIALS = os.path.join(ROOT, "notebooks")


def execute(name):
    """Runs a tutorial as Jupyter would (nbclient, the installed kernelspec), short version (DJINN_QUICK), no errors."""
    os.environ["DJINN_QUICK"] = "1"
    notebook = nbformat.read(os.path.join(TUTORIALS, name), as_version=4)
    with tempfile.TemporaryDirectory() as folder:
        from nbclient import NotebookClient
        NotebookClient(notebook, kernel_name="djinn", timeout=600, allow_errors=False,
                       resources={"metadata": {"path": folder}}).execute()
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def texts(cells):
    """The cells' text outputs. Consecutive stream messages are joined as the notebook shows them: one printf's
    pieces may be flushed as separate messages, so a line can span two of them."""
    out = []
    for cell in cells:
        previous = None
        for output in cell.outputs:
            if output.output_type == "stream":
                if previous is not None and previous.output_type == "stream" and previous.name == output.name:
                    out[-1] += output.text
                else:
                    out.append(output.text)
            elif output.output_type in ("execute_result", "display_data"):
                out.append(output.data.get("text/plain", ""))
            previous = output
    return "\n".join(out)


def mimes(cell):
    return {mime for output in cell.outputs if output.output_type in ("execute_result", "display_data") for mime in output.data}


def test_the_quickstart_trains_evaluates_predicts_and_saves():
    cells = execute("01-quickstart.ipynb")
    text = texts(cells)
    accuracy = float(text.split("test accuracy ")[1].split()[0])
    assert accuracy > 0.85, text
    assert "image/png" in mimes(cells[1]), "the digits are shown"
    assert "Training done: 5 epochs" in text
    assert "image/png" in mimes(cells[4]), "%plot history"
    assert "image/png" in mimes(cells[5]), "the confusion matrix"
    assert texts(cells[-1:]).strip() == "true", "the loaded model evaluates the same"


def test_the_tensors_and_magics_tutorial_shows_its_pictures():
    cells = execute("02-tensors-and-magics.ipynb")
    text = texts(cells)
    assert "No GPU is visible" in text or "gpu(0)" in text
    assert "⚠ 1 NaN and 1 infinite value" in text
    assert " per loop (mean ± std. dev. of 5 runs" in text
    assert sum("image/png" in mimes(cell) for cell in cells) >= 5


def test_the_cnn_tutorial_trains_with_augmentation_and_shows_the_worst_images():
    cells = execute("03-cnn.ipynb")
    text = texts(cells)
    accuracy = float(text.split("test accuracy ")[1].split()[0])
    assert accuracy > 0.6, text
    assert "Training done" in text
    assert "captioned with their labels" in texts(cells[-1:])
    assert "image/png" in mimes(cells[-1])


def test_the_tabular_tutorial_classifies_iris_and_fits_diabetes():
    cells = execute("04-tabular.ipynb")
    text = texts(cells)
    accuracies = [float(part.split()[0]) for part in text.split("accuracy ")[1:] if part.split()[0][0].isdigit()]
    assert max(accuracies) >= 0.9, text
    r2 = float(text.split(" r2 ")[1].split()[0])
    assert r2 > 0.3, text
    assert "sex (one-hot: sex 1, sex 2)" in text


def test_the_deploy_tutorial_serves_answers_and_refuses_bad_input():
    cells = execute("05-deploy.ipynb")
    text = texts(cells)
    assert '200 {"predictions":[{"label":' in text
    assert '400  {"error":"Example 0 has 3 numbers but the model takes 784 per example."}' in text
    assert "stopped: ConnectException" in text
    assert "200 of 200 answered 200" in text
    passes = int(text.split("djinn_batch_size_count ")[1].split()[0])
    assert 1 <= passes < 201, text  # 201 examples: requests sent together shared forward passes
    assert '"requestsInFlight":0' in text


def test_nbconvert_renders_the_quickstart_to_html_with_its_images():
    os.environ["DJINN_QUICK"] = "1"
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(["jupyter", "nbconvert", "--to", "html", "--execute", "--output-dir", out,
                        os.path.join(TUTORIALS, "01-quickstart.ipynb")], check=True, capture_output=True, timeout=600,
                       cwd=out)
        with open(os.path.join(out, "01-quickstart.html")) as f:
            html = f.read()
    assert html.count("data:image/png;base64,") >= 4


def test_the_text_tutorial_fine_tunes_minilm_and_compares_five_classifiers():
    cells = execute("06-text.ipynb")
    text = texts(cells)
    assert "text data: " in text and "4 classes [computers, politics, science, songs-poems]" in text
    assert "[CLS] beam me up , scott ##y !" in text
    assert "texts were longer than 64 tokens and were cut" in text
    assert "frozenEncoder(all-minilm-l6-v2) (frozen)" in text and "frozen 22,565,376" in text
    assert "bert(all-minilm-l6-v2)" in text and "22,565,376" in text
    rows = {}
    for line in text.splitlines():
        for name in ("majority class", "bag of words + logistic", "transformer from scratch", "frozen MiniLM + head", "fine-tuned MiniLM"):
            if line.startswith(name + " "):
                rows[name] = float(line.split()[-1])
    assert len(rows) == 5, text
    assert all(0 < accuracy <= 1 for accuracy in rows.values()), rows
    assert rows["frozen MiniLM + head"] > rows["majority class"], rows
    assert "same answer after loading: true" in text
    served = text.replace(" ", "")
    assert '{"predictions":[{' in served and '"class":"' in served


def test_the_spark_tutorial_scores_images_and_a_csv_as_net_evaluate_does():
    cells = execute("07-spark.ipynb")
    out = texts(cells)
    assert "Djinn's Spark bridge added (djinn-spark-" in out
    assert "… and " in out and "more (%classpath lists every added jar)" in out
    accuracy = re.search(r"accuracy from Spark ([\d.]+), from net.evaluate ([\d.]+)", out)
    assert accuracy and accuracy.group(1) == accuracy.group(2) and float(accuracy.group(1)) > 0.7, out
    assert "50,000 rows, " in out
    spark = re.search(r"Spark: 50,000 rows scored in [\d.]+ s \([\d,]+ rows/s\), mean absolute error ([\d.]+)", out)
    jvm = re.search(r"net.evaluate on the same CSV: mean absolute error ([\d.]+)", out)
    assert spark and jvm and spark.group(1) == jvm.group(1), out
    assert "|label|prediction|probability|" in out
