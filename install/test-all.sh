#!/usr/bin/env bash
# Runs every test: the JUnit suites (mvn verify), then the protocol tests that drive the installed kernel through
# Debian's jupyter_client, jupyter_kernel_test, jupyter console and nbclient. As root it installs the Debian
# packages they need first. Also runs the protocol tests on Java 21+ when such a JDK is present.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"
export PYDEVD_DISABLE_FILE_VALIDATION=1

bash "$ROOT/install/ensure-packages.sh" openjdk-17-jdk-headless openjdk-17-source maven jupyter-client python3-jupyter-kernel-test python3-nbclient jupyter-nbconvert jupyter-console python3-ipykernel python3-pytest dataset-fashion-mnist fontconfig fonts-dejavu-core

echo "== JUnit (mvn verify) =="
mvn -B -ntp verify

echo "== protocol tests against the installed kernel (Java $(java -version 2>&1 | head -1)) =="
/usr/bin/python3 -m pytest -q -p no:cacheprovider kernel/src/test/python

NEWER_JDK="$(ls -d /usr/lib/jvm/temurin-2[1-9]-jdk-amd64 /usr/lib/jvm/java-2[1-9]-openjdk-amd64 2>/dev/null | sort | tail -1 || true)"
if [[ -n "$NEWER_JDK" ]]; then
  echo "== protocol tests with the kernel on $NEWER_JDK (stop checks instead of Thread.stop) =="
  DJINN_TEST_JAVA_HOME="$NEWER_JDK" /usr/bin/python3 -m pytest -q -p no:cacheprovider kernel/src/test/python
fi
