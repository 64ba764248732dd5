#!/usr/bin/env bash
# Spark scoring throughput (issue 17): ROWS rows of a ten-column table (nine numbers, a category) read from Parquet
# and scored by a saved regressor, each contender in its own JVM as a Spark application runs, alternating for ROUNDS
# rounds, each JVM warmed by one untimed run:
#   Spark local[1] on one core and local[2] on two (taskset: a JVM left two cores would spend the second on JIT
#   compilation and GC, and local[1] would not be one core), local[2] again with both cores but not pinned, beside
#   net.predict(table) of the same rows in one JVM on two cores.
# Prints rows/s medians, the cores each kept busy (CPU time / wall time), the local[2]/local[1] scaling (target
# >= 1.6x on 2 cores) and Spark's cost against predict in one JVM. BENCH_JAVA_OPTS adds JVM options to every contender.
# Usage: spark/src/bench/spark_benchmark.sh [ROWS] [ROUNDS]   (after mvn -DskipTests install; default 1000000 rows, 5 rounds)
set -euo pipefail
ROWS="${1:-1000000}"
ROUNDS="${2:-5}"
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../.." && pwd)"
cd "$ROOT/spark"
mvn -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="target/classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "$CP" src/bench/java/dev/djinn/bench/SparkScoringBench.java
# one collector for all: a JVM that sees one core would otherwise pick the serial one
JAVA=(java -Xmx3g -XX:+UseG1GC -Dai.djl.offline=true ${BENCH_JAVA_OPTS:-} -Dlog4j2.configurationFile="$ROOT/spark/src/test/resources/log4j2.properties")
for opened in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
              java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  JAVA+=(--add-opens "java.base/$opened=ALL-UNNAMED")
done
JAVA+=(-cp "target/bench-classes:$CP" dev.djinn.bench.SparkScoringBench)
DATA="$(mktemp -d)"
RESULTS="$(mktemp)"
trap 'rm -rf "$DATA" "$RESULTS"' EXIT
echo "preparing $ROWS rows in $DATA ..."
"${JAVA[@]}" prepare "$DATA" "$ROWS" | grep -v WARN || true
for round in $(seq 1 "$ROUNDS"); do
  taskset -c 0 "${JAVA[@]}" spark "$DATA" 1 2>/dev/null | grep RESULT | sed "s/RESULT/RESULT round=$round/" | tee -a "$RESULTS"
  taskset -c 0,1 "${JAVA[@]}" spark "$DATA" 2 2>/dev/null | grep RESULT | sed "s/RESULT/RESULT round=$round/" | tee -a "$RESULTS"
  "${JAVA[@]}" spark "$DATA" 1 "spark-local[1]-unpinned" 2>/dev/null | grep RESULT | sed "s/RESULT/RESULT round=$round/" | tee -a "$RESULTS"
  "${JAVA[@]}" predict "$DATA" 2>/dev/null | grep RESULT | sed "s/RESULT/RESULT round=$round/" | tee -a "$RESULTS"
done
/usr/bin/python3 - "$RESULTS" <<'PY'
import re, statistics, sys
runs, busy = {}, {}
for line in open(sys.argv[1]):
    m = re.match(r"RESULT round=\d+ (\S+) rows=\d+ seconds=[\d.]+ rows_per_s=(\d+) sum=\S+ cores_busy=([\d.]+)", line)
    if m:
        runs.setdefault(m.group(1), []).append(int(m.group(2)))
        busy.setdefault(m.group(1), []).append(float(m.group(3)))
med = {name: statistics.median(values) for name, values in runs.items()}
for name, value in med.items():
    print(f"{name:28s} median {value:>10,.0f} rows/s, {statistics.median(busy[name]):.2f} cores busy  (rounds: {', '.join(f'{v:,}' for v in runs[name])})")
one, two, jvm = med["spark-local[1]"], med["spark-local[2]"], med["single-jvm-predict"]
print(f"scaling local[2] on 2 cores / local[1] on 1 core: {two / one:.2f}x (target >= 1.6x)")
print(f"scaling local[2] / local[1] on the same 2 cores, not pinned: {two / med['spark-local[1]-unpinned']:.2f}x")
print(f"Spark local[2] / net.predict in one JVM: {two / jvm:.2f}x")
PY
