#!/usr/bin/env bash
# Training throughput in one run: (a) the Djinn DSL, (b) plain DJL with ArrayDataset + EasyTrain.fit, (c) PyTorch
# from Python (Debian's python3-torch) — the same 784-128-ReLU-10 MLP on Fashion-MNIST, Adam 1e-3, batch 64,
# 2 threads — alternating a, b, c for ROUNDS rounds. Prints warm-epoch samples/s (the last of 3 epochs), the medians,
# the ratios against the targets (DSL >= 0.95x plain DJL, >= 1.8x PyTorch) and the DSL's peak RSS.
# Usage: dsl/src/bench/train_benchmark.sh [ROUNDS]   (after mvn -DskipTests package)
set -euo pipefail
ROUNDS="${1:-3}"
/usr/bin/python3 -c "import torch" 2>/dev/null || { echo "install PyTorch for Python first: sudo apt-get install python3-torch" >&2; exit 1; }
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/bench_setup.sh" .

alternate "$ROUNDS" "${JAVA[*]} dev.djinn.bench.DslBench" "${JAVA[*]} dev.djinn.bench.PlainDjlBench" \
  "/usr/bin/python3 $ROOT/dsl/src/bench/python/torch_bench.py"

/usr/bin/python3 - "$RESULTS" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"RESULT (\S+) samples_per_s=(\d+) accuracy=([\d.]+) peak_rss_kb=(-?\d+)", line)
    if m:
        rows.setdefault(m.group(1), []).append((int(m.group(2)), float(m.group(3)), int(m.group(4))))
med = {k: statistics.median(r[0] for r in v) for k, v in rows.items()}
print()
for name in ("djinn-dsl", "plain-djl", "pytorch-python"):
    v = rows[name]
    print("%-15s median warm epoch %7.0f samples/s   accuracy %.4f   peak RSS %4.0f MB"
          % (name, med[name], statistics.median(r[1] for r in v), statistics.median(r[2] for r in v) / 1024))
dsl, djl, torch = med["djinn-dsl"], med["plain-djl"], med["pytorch-python"]
print()
print("DSL / plain DJL         = %.2fx (target >= 0.95x: %s)" % (dsl / djl, "met" if dsl / djl >= 0.95 else "MISSED"))
print("DSL / PyTorch (Python)  = %.2fx (target >= 1.8x: %s)" % (dsl / torch, "met" if dsl / torch >= 1.8 else "MISSED"))
PY
rm -f "$RESULTS"
