#!/usr/bin/env bash
# The first command on a fresh machine: installs what is missing (Debian packages when run as root), builds Djinn,
# installs the Jupyter kernel for this user, and runs the main job headless: the hello notebook, printed cell by cell.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
export PYDEVD_DISABLE_FILE_VALIDATION=1

bash "$ROOT/install/ensure-packages.sh" openjdk-17-jdk-headless maven jupyter-client python3-nbclient jupyter-nbconvert fontconfig fonts-dejavu-core

bash "$ROOT/install/install.sh" --user "$@"
jupyter kernelspec list
echo
echo "quickstart: running notebooks/00-hello-djinn.ipynb headless with the Djinn kernel"
/usr/bin/python3 "$ROOT/install/run-notebook.py" "$ROOT/notebooks/00-hello-djinn.ipynb"
