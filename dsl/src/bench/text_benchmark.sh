#!/usr/bin/env bash
# Text benchmarks (issue 10) on Debian's fortunes (djinn data fortunes), sequences of 64 tokens, batch 32, 2 threads:
#   fine-tuning throughput of all-MiniLM-L6-v2 imported into PyTorch by the DSL, against the same encoder run by ONNX
#   Runtime for inference only (the upper bound of a forward pass here), alternating for ROUNDS rounds, medians and
#   their ratio; then texts/s of the served fine-tuned model; with --accuracy, the five classifiers of tutorial 06 on
#   the full data (majority class, bag of words, transformer from scratch, frozen MiniLM + head, fine-tuned MiniLM)
#   with their training times (about 20 minutes on 2 cores).
# Usage: dsl/src/bench/text_benchmark.sh [ROUNDS] [--accuracy]   (after mvn -DskipTests package)
set -euo pipefail
ROUNDS=3
ACCURACY=no
for arg in "$@"; do
  case "$arg" in
    --accuracy) ACCURACY=yes ;;
    *) ROUNDS="$arg" ;;
  esac
done
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/bench_setup.sh" text
"$ROOT/install/target/djinn/bin/djinn" data fortunes >/dev/null

alternate "$ROUNDS" "${JAVA[*]} dev.djinn.bench.text.TextBench finetune" "${JAVA[*]} dev.djinn.bench.text.TextBench onnx"
/usr/bin/python3 - "$RESULTS" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"RESULT (\S+) sequences_per_s=([\d.]+)", line)
    if m:
        rows.setdefault(m.group(1), []).append(float(m.group(2)))
fine, onnx = statistics.median(rows["finetune"]), statistics.median(rows["onnx-inference"])
print()
print("fine-tuning MiniLM in the DSL (forward + backward + AdamW): median %.1f sequences/s" % fine)
print("ONNX Runtime, inference only (forward):                     median %.1f sequences/s" % onnx)
print("ratio fine-tuning / ONNX inference: %.2f (a training step is a forward and a backward pass, about 3x a forward)" % (fine / onnx))
PY
"${JAVA[@]}" dev.djinn.bench.text.TextBench serve 2>/dev/null | grep '^RESULT'

if [[ "$ACCURACY" == yes ]]; then
  echo
  "${JAVA[@]}" dev.djinn.bench.text.TextBench accuracy 2>/dev/null | grep -v '^SLF4J'
fi
