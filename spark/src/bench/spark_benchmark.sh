#!/usr/bin/env bash
# Spark scoring throughput (issue 17): ROWS rows of a ten-column table read from Parquet and scored by a saved
# regressor with Spark local[1] and local[2], alternating for ROUNDS rounds in one JVM, beside the single-JVM
# predict(table) of the same rows. Prints rows/s medians, the local[2]/local[1] scaling (target >= 1.6x on 2 cores)
# and Spark's overhead against predict in one JVM. "cores busy" is the process's CPU time over the run's wall time:
# local[1] runs one task, but Spark's JIT compilation, GC and scheduler threads use the second core as well.
# BENCH_JAVA_OPTS adds JVM options (the same for every contender).
# Usage: spark/src/bench/spark_benchmark.sh [ROWS] [ROUNDS]   (after mvn -DskipTests install; default 1000000 rows, 5 rounds)
set -euo pipefail
ROWS="${1:-1000000}"
ROUNDS="${2:-5}"
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../.." && pwd)"
cd "$ROOT/spark"
mvn -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="target/classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-classes
javac -q -d target/bench-classes -cp "$CP" src/bench/java/dev/djinn/bench/SparkScoringBench.java 2>/dev/null \
  || javac -d target/bench-classes -cp "$CP" src/bench/java/dev/djinn/bench/SparkScoringBench.java
OPENS=()
for opened in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
              java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  OPENS+=(--add-opens "java.base/$opened=ALL-UNNAMED")
done
RESULTS="$(mktemp)"
java -Xmx4g -Dai.djl.offline=true ${BENCH_JAVA_OPTS:-} "${OPENS[@]}" -Dlog4j2.configurationFile="$ROOT/spark/src/test/resources/log4j2.properties" \
  -cp "target/bench-classes:$CP" dev.djinn.bench.SparkScoringBench "$ROWS" "$ROUNDS" | tee "$RESULTS" | grep RESULT
/usr/bin/python3 - "$RESULTS" <<'PY'
import re, statistics, sys
runs, busy = {}, {}
for line in open(sys.argv[1]):
    m = re.match(r"RESULT (\S+) round=\d+ rows=(\d+) seconds=[\d.]+ rows_per_s=(\d+)", line)
    if m:
        runs.setdefault(m.group(1), []).append(int(m.group(3)))
    b = re.search(r"RESULT (\S+) .* cores_busy=([\d.]+)", line)
    if b:
        busy.setdefault(b.group(1), []).append(float(b.group(2)))
med = {name: statistics.median(values) for name, values in runs.items()}
for name, value in med.items():
    cores = f", {statistics.median(busy[name]):.2f} cores busy" if name in busy else ""
    print(f"{name:22s} median {value:>10,.0f} rows/s{cores}  (rounds: {', '.join(f'{v:,}' for v in runs[name])})")
one, two, jvm = med["spark-local[1]"], med["spark-local[2]"], med["single-jvm-predict"]
print(f"scaling local[2] / local[1]: {two / one:.2f}x (target >= 1.6x)")
print(f"Spark local[1] / single-JVM predict: {one / jvm:.2f}x; local[2] / single-JVM predict: {two / jvm:.2f}x")
PY
rm -f "$RESULTS"
