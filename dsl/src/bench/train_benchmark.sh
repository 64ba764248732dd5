#!/usr/bin/env bash
# Training throughput in one run, alternating contenders for ROUNDS rounds (medians; 2 threads each, Adam 1e-3,
# Fashion-MNIST; a run's warm throughput is the median samples/s of its epochs after the first half, the same rule
# for every contender: BenchData.warm, torch_bench.py):
#   MLP 784-128-ReLU-10, batch 64, 6 epochs: the Djinn DSL (which picks one PyTorch thread for this small step itself),
#   plain DJL (ArrayDataset + EasyTrain.fit), PyTorch from Python with DataLoader, PyTorch from Python slicing tensors
#   already in memory (the fast idiom), and plain DJL and PyTorch slicing on one thread too (each peer at its best
#   thread count);
#   the DSL again at batch 256, for 24 epochs (5,640 steps, as many as the batch-64 runs'), in a plain JVM and in one
#   with the notebook kernel's default options (C1 only: no C2 compilations competing with PyTorch's two threads;
#   the launcher's MALLOC_TOP_PAD_; training on a thread of its own, as a cell does).
#   Why several warm epochs and not the last one: in a plain JVM, C2 compiles a step's methods in waves, around step
#   2,500 for those called twice a step and 5,000 for those called once; an epoch in a wave ran 20-45% slower than its
#   neighbours (measured at batch 256 in a plain JVM: the twelfth of 12 epochs, steps 2,580-2,814, ran at 59k-126k
#   samples/s where the epoch before it ran 105k-182k), and the last epoch of a run of 3 (or 12) epochs fell in one;
#   CNN conv2d(32,3)-ReLU-maxPool2d(2)-flatten-dense(128)-ReLU-dense(10), batch 64, 20,000 images, 2 epochs: the DSL
#   in a plain JVM and in the kernel's, and PyTorch slicing;
#   the GEMM ceiling: the best FP32 matrix-product GFLOP/s through the same libtorch;
#   and the MLP step's floor: its five matrix products alone at batch 64 (MatmulFloorBench), the most any whole
#   step could reach through this libtorch, against which the PyTorch ratio target is weighed.
# Prints samples/s, GFLOP/s (forward + backward ~ 3x the forward FLOPs), its share of the ceiling, accuracy, peak RSS
# and the ratios against issue 16's targets.
# Usage: dsl/src/bench/train_benchmark.sh [ROUNDS]   (after mvn -DskipTests package; default 5 rounds, ~3 min each)
set -euo pipefail
ROUNDS="${1:-5}"
/usr/bin/python3 -c "import torch" 2>/dev/null || { echo "install PyTorch for Python first: sudo apt-get install python3-torch" >&2; exit 1; }
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/bench_setup.sh" .
JAVA1=("${JAVA[@]/-Dai.djl.pytorch.num_threads=2/-Dai.djl.pytorch.num_threads=1}")
eval "$(grep '^DEFAULT_JVM_OPTS=' "$ROOT/install/src/dist/bin/djinn")" # a session's JVM options, the kernel's
# and its malloc padding (the launcher exports MALLOC_TOP_PAD_), the kernel's too
TOP_PAD="$(sed -n 's/^export MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-\([0-9]*\)}"$/\1/p' "$ROOT/install/src/dist/bin/djinn")"
# (training on a thread of its own, as a cell does)
JAVAK=(env "MALLOC_TOP_PAD_=$TOP_PAD" "${JAVA[0]}" "${DEFAULT_JVM_OPTS[@]}" -Dbench.label=-kernel-jvm -Dbench.cellThread=true "${JAVA[@]:1}")
TORCH="/usr/bin/python3 $ROOT/dsl/src/bench/python/torch_bench.py"

alternate "$ROUNDS" \
  "${JAVA[*]} dev.djinn.bench.DslBench mlp 64 6" \
  "${JAVA[*]} dev.djinn.bench.PlainDjlBench 64 6" \
  "$TORCH --model mlp --idiom loader --epochs 6" \
  "$TORCH --model mlp --idiom slicing --epochs 6" \
  "${JAVA1[*]} dev.djinn.bench.PlainDjlBench 64 6" \
  "$TORCH --model mlp --idiom slicing --threads 1 --epochs 6" \
  "${JAVA[*]} dev.djinn.bench.DslBench mlp 256 24" \
  "${JAVAK[*]} dev.djinn.bench.DslBench mlp 256 24" \
  "${JAVA[*]} dev.djinn.bench.DslBench cnn 64 2 20000" \
  "${JAVAK[*]} dev.djinn.bench.DslBench cnn 64 2 20000" \
  "$TORCH --model cnn --idiom slicing --epochs 2 --images 20000" \
  "${JAVA[*]} dev.djinn.bench.GemmBench" \
  "${JAVA[*]} dev.djinn.bench.MatmulFloorBench"

/usr/bin/python3 - "$RESULTS" <<'PY'
import re, statistics, sys
# forward FLOPs per example; a training step costs about three forward passes
MLP = 2 * (784 * 128 + 128 * 10)
CNN = 2 * (3 * 3 * 32 * 26 * 26) + 2 * (32 * 13 * 13 * 128) + 2 * (128 * 10)
rows, ceiling = {}, []
for line in open(sys.argv[1]):
    m = re.match(r"RESULT (\S+) samples_per_s=(\d+) accuracy=([\d.]+) peak_rss_kb=(-?\d+)", line)
    if m:
        rows.setdefault(m.group(1), []).append((int(m.group(2)), float(m.group(3)), int(m.group(4))))
    g = re.match(r"RESULT gemm-ceiling gflops=([\d.]+)", line)
    if g:
        ceiling.append(float(g.group(1)))
peak = statistics.median(ceiling)
med = {k: statistics.median(r[0] for r in v) for k, v in rows.items()}
print()
print("GEMM ceiling (median of %d): %.1f GFLOP/s" % (len(ceiling), peak))
print("| contender | samples/s | GFLOP/s | share of ceiling | accuracy | peak RSS MB |")
print("|---|---|---|---|---|---|")
for name, v in rows.items():
    gflops = med[name] * 3 * (CNN if "-cnn-" in name else MLP) / 1e9
    accuracy = "-" if name.startswith("matmul-floor") else "%.4f" % statistics.median(r[1] for r in v)
    print("| %s | %.0f | %.1f | %.0f%% | %s | %.0f |" % (name, med[name], gflops, 100 * gflops / peak,
          accuracy, statistics.median(r[2] for r in v) / 1024))
dsl, djl = med["djinn-dsl-mlp-b64"], med["plain-djl-mlp-b64"]
djl_best = max(djl, med["plain-djl-mlp-b64-1thread"])
torch = max(med["pytorch-loader-mlp-b64"], med["pytorch-slicing-mlp-b64"])
torch_best = max(torch, med["pytorch-slicing-mlp-b64-1thread"])
share256 = med["djinn-dsl-mlp-b256"] * 3 * MLP / 1e9 / peak
share256k = med["djinn-dsl-mlp-b256-kernel-jvm"] * 3 * MLP / 1e9 / peak
cnn = med["djinn-dsl-cnn-b64"] / med["pytorch-slicing-cnn-b64"]
cnnk = med["djinn-dsl-cnn-b64-kernel-jvm"] / med["pytorch-slicing-cnn-b64"]
print()
def verdict(ok):
    return "met" if ok else "MISSED"
print("MLP: DSL / plain DJL = %.2fx (target >= 1.3x: %s)" % (dsl / djl, verdict(dsl / djl >= 1.3)))
print("MLP: DSL / plain DJL at its best thread count = %.2fx" % (dsl / djl_best))
print("MLP: DSL / faster PyTorch idiom = %.2fx (target >= 2.5x: %s)" % (dsl / torch, verdict(dsl / torch >= 2.5)))
print("MLP: DSL / PyTorch at its best idiom and thread count = %.2fx" % (dsl / torch_best))
floor = med["matmul-floor-mlp-b64"]
print("MLP: the step's matrix products alone / faster PyTorch idiom = %.2fx (the most any step could reach; DSL = %.0f%% of it)"
      % (floor / torch, 100 * dsl / floor))
print("MLP batch 256: %.0f%% of the GEMM ceiling (target >= 40%%: %s)" % (100 * share256, verdict(share256 >= 0.4)))
print("MLP batch 256 in the kernel's JVM (C1 only): %.0f%% of the GEMM ceiling" % (100 * share256k))
print("CNN: DSL / PyTorch = %.2fx (target >= 1.0x: %s)" % (cnn, verdict(cnn >= 1.0)))
print("CNN in the kernel's JVM (C1 only, the launcher's malloc padding): DSL / PyTorch = %.2fx" % cnnk)
PY
rm -f "$RESULTS"
