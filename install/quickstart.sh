#!/usr/bin/env bash
# The first command on a fresh machine: installs what is missing (Debian packages, Jupyter among them, when run as
# root), builds Djinn, installs the Jupyter kernel for this user, places the data sets (djinn data), and runs the main
# job headless: the quickstart notebook, printed cell by cell, ending with its test accuracy.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
export PYDEVD_DISABLE_FILE_VALIDATION=1

bash "$ROOT/install/ensure-packages.sh" openjdk-17-jdk-headless maven jupyter-client jupyter-notebook python3-nbclient \
  jupyter-nbconvert fontconfig fonts-dejavu-core dataset-fashion-mnist python3-sklearn fortunes
command -v npm >/dev/null 2>&1 || bash "$ROOT/install/ensure-packages.sh" npm

bash "$ROOT/install/install.sh" --user "$@"
jupyter kernelspec list
echo
"$ROOT/install/target/djinn/bin/djinn" data
"$ROOT/install/target/djinn/bin/djinn" data fortunes
echo
echo "quickstart: running notebooks/01-quickstart.ipynb headless with the Djinn kernel"
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
/usr/bin/python3 "$ROOT/install/run-notebook.py" "$ROOT/notebooks/01-quickstart.ipynb" | tee "$LOG"
echo
echo "quickstart: $(grep -oE 'test accuracy [0-9]+\.[0-9]+' "$LOG" | head -1) (notebooks/01-quickstart.ipynb; open it with: jupyter notebook notebooks/)"
