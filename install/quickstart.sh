#!/usr/bin/env bash
# The first command on a fresh machine: installs what is missing (Debian packages when run as root), builds Djinn,
# installs the Jupyter kernel for this user, and runs the main job headless: the hello notebook, printed cell by cell.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
export PYDEVD_DISABLE_FILE_VALIDATION=1

PACKAGES=(openjdk-17-jdk-headless maven jupyter-client python3-nbclient jupyter-nbconvert)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "quickstart: installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  else
    echo "quickstart: missing Debian packages: ${missing[*]}" >&2
    echo "quickstart: install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

bash "$ROOT/install/install.sh" --user "$@"
jupyter kernelspec list
echo
echo "quickstart: running notebooks/00-hello-djinn.ipynb headless with the Djinn kernel"
/usr/bin/python3 "$ROOT/install/run-notebook.py" "$ROOT/notebooks/00-hello-djinn.ipynb"
