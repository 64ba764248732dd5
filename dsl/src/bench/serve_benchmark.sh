#!/usr/bin/env bash
# Serving in one run: `djinn serve` (Jetty, dynamic batching) against Flask + PyTorch (Debian's python3-flask and
# python3-torch) serving the same 784-128-ReLU-10 MLP, both driven by one load generator (16 keep-alive clients,
# single-example and batch-of-32 requests of Fashion-MNIST test images), alternating for ROUNDS rounds.
# Prints requests/s, examples/s, p50, p99, the ratios against the targets and Djinn's RSS after 2,000 and 20,000 requests.
# Usage: dsl/src/bench/serve_benchmark.sh [ROUNDS]   (after mvn -DskipTests package; installs python3-flask if missing)
set -euo pipefail
ROUNDS="${1:-3}"
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../.." && pwd)"
DJINN="$ROOT/install/target/djinn/bin/djinn"
[[ -x "$DJINN" ]] || { echo "build first: mvn -DskipTests package" >&2; exit 1; }
/usr/bin/python3 -c "import torch" 2>/dev/null || { echo "install PyTorch for Python first: apt-get install python3-torch" >&2; exit 1; }
if ! /usr/bin/python3 -c "import flask" 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-flask >/dev/null
fi
MODEL="$ROOT/dsl/target/bench/serve-mlp.djinn"
if [[ ! -f "$MODEL" ]]; then
  mkdir -p "$(dirname "$MODEL")"
  "$DJINN" run "$ROOT/dsl/src/bench/serve/train_mlp.jsh" "$MODEL"
fi
# both servers as deployed: djinn serve with its defaults (request log off, as werkzeug's is); Flask threaded, one
# PyTorch thread (its fastest setting here: 2 threads spin and halve its throughput)
DJINN_JVM_OPTS="-Dorg.slf4j.simpleLogger.log.dev.djinn.dsl.serve.requests=warn ${DJINN_JVM_OPTS:-}" \
  /usr/bin/python3 "$ROOT/dsl/src/bench/python/serve_load.py" --rounds "$ROUNDS" \
  --djinn "$DJINN serve $MODEL --port {port}" \
  --flask "/usr/bin/python3 $ROOT/dsl/src/bench/python/flask_predict.py {port}"
