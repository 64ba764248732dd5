# Shared by the benchmark scripts (sourced): compiles the benchmark classes in the package folder given as $1 against
# the built distribution, sets JAVA (2 PyTorch threads, offline) and RESULTS, and defines `alternate ROUNDS COMMAND…`,
# which runs the commands in turn for ROUNDS rounds and keeps their RESULT lines in $RESULTS.
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../.." && pwd)"
LIB="$ROOT/install/target/djinn/lib"
[[ -d "$LIB" ]] || { echo "build first: mvn -DskipTests package" >&2; exit 1; }
CLASSES="$(mktemp -d)"
RESULTS="$(mktemp)"
trap 'rm -rf "$CLASSES" "$RESULTS"' EXIT
javac -d "$CLASSES" -cp "$LIB/*" "$ROOT"/dsl/src/bench/java/dev/djinn/bench/$1/*.java
JAVA=(java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 -cp "$CLASSES:$LIB/*")
export OMP_NUM_THREADS=2

alternate() {
  local rounds="$1"
  shift
  for round in $(seq 1 "$rounds"); do
    for run in "$@"; do
      line="$($run 2>/dev/null | grep '^RESULT')"
      echo "round $round: $line"
      echo "$line" >> "$RESULTS"
    done
  done
}
