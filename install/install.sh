#!/usr/bin/env bash
# Installs the Djinn Jupyter kernel: builds the distribution if needed and writes a kernelspec.
# Options mirror `python -m ipykernel install`. Run with --help for the list.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
DIST="$ROOT/install/target/djinn"

NAME="djinn"
DISPLAY_NAME="Djinn (Java)"
SCOPE="--user"
PREFIX=""
INTERRUPT_MODE="message"
UNINSTALL=0
BUILD=1
INSTALL_DEPS=1
JVM_OPTS=()
ENVS=()
KERNEL_JAVA_HOME=""
CACHE=1
# the options every session starts with, the launcher's (why they are what they are: see there)
eval "$(grep '^DEFAULT_JVM_OPTS=' "$ROOT/install/src/dist/bin/djinn")"

usage() {
  cat <<'USAGE'
Usage: install/install.sh [OPTIONS]

Builds Djinn (unless already built) and installs its Jupyter kernelspec.

Where to install (as with `python -m ipykernel install`):
  --user                 for the current user (default)
  --sys-prefix           into the Python environment's prefix (sys.prefix)
  --prefix DIR           into DIR/share/jupyter/kernels (use JUPYTER_PATH=DIR/share/jupyter to find it)

Kernel:
  --name NAME            kernelspec name (default: djinn)
  --display-name NAME    name shown in Jupyter (default: "Djinn (Java)")
  --jvm-opt OPT          a JVM option for the kernel, repeatable (for example --jvm-opt=-Xmx8g)
  --env K=V              an environment variable for the kernel, repeatable
  --interrupt-mode MODE  message (default) or signal (SIGINT)
  --java JDK_HOME        the JDK that runs the kernel (default: the newest JDK 25 or later in /usr/lib/jvm or
                         $JAVA_HOME, whose ahead-of-time cache starts cells quickest; else java on the PATH)
  --no-cache             skip the start-up cache (a short session run at install whose loaded classes the
                         kernel then starts with: the first cell is 2-4x quicker)

Other:
  --uninstall            remove the kernelspec NAME instead
  --no-build             do not build; use install/target/djinn as it is
  --no-deps              do not install missing Debian packages
  -h, --help             this help
USAGE
}

die() { echo "install.sh: $*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --user) SCOPE="--user"; PREFIX="" ;;
    --sys-prefix) SCOPE="--sys-prefix"; PREFIX="" ;;
    --prefix) [[ $# -ge 2 ]] || die "--prefix needs a folder"; SCOPE="--prefix"; PREFIX="$2"; shift ;;
    --prefix=*) SCOPE="--prefix"; PREFIX="${1#*=}" ;;
    --name) [[ $# -ge 2 ]] || die "--name needs a value"; NAME="$2"; shift ;;
    --name=*) NAME="${1#*=}" ;;
    --display-name) [[ $# -ge 2 ]] || die "--display-name needs a value"; DISPLAY_NAME="$2"; shift ;;
    --display-name=*) DISPLAY_NAME="${1#*=}" ;;
    --jvm-opt) [[ $# -ge 2 ]] || die "--jvm-opt needs a value, for example --jvm-opt=-Xmx8g"; JVM_OPTS+=("$2"); shift ;;
    --jvm-opt=*) JVM_OPTS+=("${1#*=}") ;;
    --env) [[ $# -ge 2 ]] || die "--env needs K=V"; ENVS+=("$2"); shift ;;
    --env=*) ENVS+=("${1#*=}") ;;
    --interrupt-mode) [[ $# -ge 2 ]] || die "--interrupt-mode needs message or signal"; INTERRUPT_MODE="$2"; shift ;;
    --interrupt-mode=*) INTERRUPT_MODE="${1#*=}" ;;
    --java) [[ $# -ge 2 ]] || die "--java needs a JDK folder"; KERNEL_JAVA_HOME="$2"; shift ;;
    --java=*) KERNEL_JAVA_HOME="${1#*=}" ;;
    --no-cache) CACHE=0 ;;
    --uninstall) UNINSTALL=1 ;;
    --no-build) BUILD=0 ;;
    --no-deps) INSTALL_DEPS=0 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
  shift
done

[[ "$NAME" =~ ^[A-Za-z0-9._-]+$ ]] || die "--name '$NAME' may only contain letters, digits, '.', '_' and '-'"
[[ "$INTERRUPT_MODE" == "message" || "$INTERRUPT_MODE" == "signal" ]] \
  || die "--interrupt-mode must be message or signal, not '$INTERRUPT_MODE'"
for kv in "${ENVS[@]+"${ENVS[@]}"}"; do
  [[ "$kv" == *=* && "${kv%%=*}" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "--env '$kv' must look like NAME=value"
done

# The major version of the JDK in folder $1 (empty when there is none).
java_major() {
  [[ -x "$1/bin/java" ]] || return 0
  "$1/bin/java" -version 2>&1 | head -1 | sed -nE 's/.*version "(1\.)?([0-9]+).*/\2/p'
}

# The JDK the kernel runs on: --java, else a JAVA_HOME given with --env, else the newest JDK 25+ found (Java 25's
# ahead-of-time cache loads and links the kernel's classes before the first cell), else java on the PATH.
pick_kernel_java() {
  for kv in "${ENVS[@]+"${ENVS[@]}"}"; do
    if [[ "${kv%%=*}" == JAVA_HOME ]]; then
      [[ -z "$KERNEL_JAVA_HOME" ]] || die "give the JDK once: --java or --env JAVA_HOME=…"
      KERNEL_JAVA_HOME="${kv#*=}"
    fi
  done
  if [[ -n "$KERNEL_JAVA_HOME" ]]; then
    [[ -n "$(java_major "$KERNEL_JAVA_HOME")" ]] || die "$KERNEL_JAVA_HOME is not a JDK (no bin/java there)"
    return 0
  fi
  local best="" best_major=24 candidate major
  for candidate in ${JAVA_HOME:-} /usr/lib/jvm/*; do
    [[ -d "$candidate" && -x "$candidate/bin/java" ]] || continue
    major="$(java_major "$candidate")"
    if [[ -n "$major" && "$major" -gt "$best_major" ]]; then best="$(readlink -f "$candidate")"; best_major="$major"; fi
  done
  KERNEL_JAVA_HOME="$best"
}

# The Debian packages Djinn needs, by the command that shows they are there.
ensure_packages() {
  local missing=()
  command -v javac >/dev/null 2>&1 && command -v jshell >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
  if [[ $BUILD -eq 1 ]]; then command -v mvn >/dev/null 2>&1 || missing+=(maven); fi
  command -v jupyter-kernelspec >/dev/null 2>&1 || missing+=(jupyter-client)
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $INSTALL_DEPS -eq 1 && $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "install.sh: installing ${missing[*]} with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  else
    die "missing: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}"
  fi
}

kernelspec_scope_args() {
  case "$SCOPE" in
    --user) echo "--user" ;;
    --sys-prefix) echo "--sys-prefix" ;;
    --prefix) echo "--prefix=$PREFIX" ;;
  esac
}

if [[ $UNINSTALL -eq 1 ]]; then
  command -v jupyter-kernelspec >/dev/null 2>&1 || die "jupyter-kernelspec is not installed: nothing to uninstall"
  if [[ -n "$PREFIX" ]]; then export JUPYTER_PATH="$PREFIX/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"; fi
  jupyter-kernelspec remove -f "$NAME"
  exit 0
fi

ensure_packages

if [[ $BUILD -eq 1 ]]; then
  echo "install.sh: building Djinn (mvn package) ..."
  (cd "$ROOT" && mvn -q -B -DskipTests package)
fi
[[ -x "$DIST/bin/djinn" ]] || die "no distribution in $DIST: build it with 'mvn -DskipTests package' first (or drop --no-build)"

SPEC_DIR="$(mktemp -d)"
trap 'rm -rf "$SPEC_DIR"' EXIT
cp "$DIST"/kernelspec/logo-*.png "$SPEC_DIR"/
# plotly.js (npm, pinned) for Tablesaw's Plotly figures: served from the kernelspec folder, so charts draw offline
PLOTLY="plotly.js-dist-min@2.35.2"
if [[ ! -f "$DIST/help/plotly.min.js" ]] && command -v npm >/dev/null 2>&1; then
  PLOTLY_TMP="$(mktemp -d)"
  if (cd "$PLOTLY_TMP" && npm pack --silent "$PLOTLY" >/dev/null 2>&1 && tar xzf ./*.tgz package/plotly.min.js); then
    cp "$PLOTLY_TMP/package/plotly.min.js" "$DIST/help/plotly.min.js"
  fi
  rm -rf "$PLOTLY_TMP"
fi
[[ -f "$DIST/help/plotly.min.js" ]] || echo "install.sh: note: could not fetch $PLOTLY with npm: Tablesaw's Plotly figures will not draw (install npm, run install.sh again)"
# the Help menu's Djinn page: the notebook server serves a kernelspec's files, so the link opens in any browser
cp -r "$DIST"/help/. "$SPEC_DIR"/
pick_kernel_java
if [[ -n "$KERNEL_JAVA_HOME" ]]; then
  KERNEL_JAVA="$KERNEL_JAVA_HOME/bin/java"
  OTHER_ENVS=()
  for kv in "${ENVS[@]+"${ENVS[@]}"}"; do [[ "${kv%%=*}" == JAVA_HOME ]] || OTHER_ENVS+=("$kv"); done
  ENVS=("JAVA_HOME=$KERNEL_JAVA_HOME" "${OTHER_ENVS[@]+"${OTHER_ENVS[@]}"}")
else
  KERNEL_JAVA="$(command -v java || true)"
fi
JAVA_MAJOR="$(java_major "$(dirname "$(dirname "$(readlink -f "$KERNEL_JAVA")")")")"
ALL_JVM_OPTS=("${DEFAULT_JVM_OPTS[@]}" "${JVM_OPTS[@]+"${JVM_OPTS[@]}"}")

# The start-up cache: keyed by everything that must match when the kernel maps it (the JDK, the options, the launcher's
# own options, the jars)
CACHE_FILE=""
if [[ $CACHE -eq 1 && -n "$JAVA_MAJOR" ]]; then
  CACHE_KEY="$(readlink -f "$KERNEL_JAVA"; "$KERNEL_JAVA" -version 2>&1; echo "${ALL_JVM_OPTS[*]}"; cksum < "$DIST/bin/djinn"
              ls -l --time-style=+%s "$DIST/lib")"
  CACHE_FILE="$DIST/cache/kernel-$(echo "$CACHE_KEY" | md5sum | cut -c1-16).$([[ "$JAVA_MAJOR" -ge 25 ]] && echo aot || echo jsa)"
  ENVS+=("DJINN_CACHE=$CACHE_FILE")
fi
ENVS=("DJINN_KERNELSPEC=$NAME" "${ENVS[@]+"${ENVS[@]}"}")
python3 - "$SPEC_DIR/kernel.json" "$DIST/bin/djinn" "$DISPLAY_NAME" "$INTERRUPT_MODE" "${ALL_JVM_OPTS[*]}" \
  "${ENVS[@]+"${ENVS[@]}"}" <<'PY'
import json, sys
path, launcher, display_name, interrupt_mode, jvm_opts, *envs = sys.argv[1:]
env = {"DJINN_JVM_OPTS": jvm_opts}
for kv in envs:
    key, value = kv.split("=", 1)
    env[key] = value
spec = {
    "argv": [launcher, "kernel", "{connection_file}"],
    "display_name": display_name,
    "language": "java",
    "interrupt_mode": interrupt_mode,
    "env": env,
    "metadata": {"debugger": False},
}
with open(path, "w") as f:
    json.dump(spec, f, indent=2)
PY

# shellcheck disable=SC2046
jupyter-kernelspec install --replace --name "$NAME" $(kernelspec_scope_args) "$SPEC_DIR" >/dev/null
echo "install.sh: installed kernel '$NAME' (\"$DISPLAY_NAME\") running $DIST/bin/djinn on Java $JAVA_MAJOR ($KERNEL_JAVA)"

# The Python that runs Jupyter (its jupyter_client starts the training session): jupyter-kernelspec's own.
jupyter_python() {
  local shebang
  shebang="$(head -1 "$(command -v jupyter-kernelspec)" | sed -n 's/^#! *//p')"
  case "$shebang" in
    */env\ *) command -v "${shebang##* }" ;;
    "") echo /usr/bin/python3 ;;
    *) echo "${shebang%% *}" ;;
  esac
}

# Train the start-up cache: a short session in the installed kernel records the classes it loads (Java 25+: the
# ahead-of-time cache of JEP 483, made in a second step; 17-24: a CDS archive written as the kernel exits).
train_cache() {
  mkdir -p "$DIST/cache"
  # a cache older than the newest jar was trained on other jars: it can never be mapped again
  find "$DIST/cache" -name 'kernel-*' ! -newer "$(ls -t "$DIST"/lib/*.jar | head -1)" -delete
  local log="$CACHE_FILE.log" record
  [[ "$CACHE_FILE" == *.aot ]] && record="$CACHE_FILE.aotconf" || record="$CACHE_FILE.tmp.jsa"
  rm -f "$record"
  if [[ -n "$PREFIX" ]]; then export JUPYTER_PATH="$PREFIX/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"; fi
  "$(jupyter_python)" "$ROOT/install/train-kernel-cache.py" "$NAME" "$record" >>"$log" 2>&1 || return 1
  if [[ "$CACHE_FILE" == *.aot ]]; then
    JAVA_HOME="$KERNEL_JAVA_HOME" DJINN_JVM_OPTS="${ALL_JVM_OPTS[*]}" "$DIST/bin/djinn" kernel-cache "$record" "$CACHE_FILE.tmp" >>"$log" 2>&1 || return 1
    rm -f "$record"
    mv "$CACHE_FILE.tmp" "$CACHE_FILE"
  else
    mv "$record" "$CACHE_FILE"
  fi
}
if [[ -n "$CACHE_FILE" && ! -s "$CACHE_FILE" ]]; then
  echo "install.sh: training the kernel's start-up cache (a 20-second session) ..."
  started=$SECONDS
  rm -f "$CACHE_FILE.log"
  # a second try when the first fails (once in CI a training kernel did not exit after its shutdown request; the log
  # keeps its threads' stacks)
  if train_cache || { echo "install.sh: the cache training failed once (see $CACHE_FILE.log); trying again ..."; train_cache; }; then
    echo "install.sh: start-up cache ready in $((SECONDS - started)) s: $CACHE_FILE"
  else
    rm -f "$CACHE_FILE" "$CACHE_FILE.tmp"
    echo "install.sh: note: no start-up cache (the kernel works, its first cell is slower): see $CACHE_FILE.log"
  fi
fi
if [[ -n "$PREFIX" ]]; then
  echo "install.sh: it is under $PREFIX/share/jupyter/kernels; Jupyter finds it with JUPYTER_PATH=$PREFIX/share/jupyter"
fi
