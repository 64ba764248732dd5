#!/usr/bin/python3
"""(c) PyTorch from Python (Debian's python3-torch), Adam 1e-3, 2 threads (--threads) and one OpenBLAS thread
(--blas-threads; see below); warm = the median samples/s of the epochs after the first half (as BenchData.warm
computes it for the Java contenders).

--idiom loader: TensorDataset + DataLoader + the usual loop (the documented way);
--idiom slicing: a shuffled index over tensors already in memory, sliced per batch (the fast idiom).
--model mlp (784-128-ReLU-10) or cnn (conv2d(32,3)-ReLU-maxPool2d(2)-flatten-dense(128)-ReLU-dense(10)).
"""
import argparse
import gzip
import os
import resource
import statistics
import time


def arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="mlp", choices=("mlp", "cnn"))
    parser.add_argument("--idiom", default="loader", choices=("loader", "slicing"))
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--images", type=int, default=60000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--blas-threads", type=int, default=1,
                        help="OpenBLAS's own threads (Debian's PyTorch hands matrix products to OpenBLAS)")
    return parser.parse_args()


ARGS = arguments()
# Debian's PyTorch (BLAS_INFO=generic) runs matrix products in OpenBLAS, whose thread pool (OPENBLAS_NUM_THREADS, else
# OMP_NUM_THREADS) works beside torch's own: both at 2 on two cores oversubscribe them (the MLP at batch 64: 20k
# samples/s against 71k with one OpenBLAS thread; --threads 1 was then not one thread either). OpenBLAS reads this
# when it loads, with torch.
os.environ["OPENBLAS_NUM_THREADS"] = str(ARGS.blas_threads)

import numpy as np  # noqa: E402 (after OpenBLAS's thread count is set)
import torch  # noqa: E402
from torch import nn  # noqa: E402
from torch.utils.data import DataLoader, TensorDataset  # noqa: E402

FOLDER = os.environ.get("FASHION_MNIST", "/usr/share/datasets/fashion-mnist")


def idx(name, offset):
    with gzip.open(os.path.join(FOLDER, name + ".gz"), "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def network(kind):
    if kind == "cnn":
        return nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                             nn.Linear(32 * 13 * 13, 128), nn.ReLU(), nn.Linear(128, 10))
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))


def main():
    args = ARGS
    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    x = (torch.tensor(idx("train-images-idx3-ubyte", 16).reshape(-1, 1, 28, 28), dtype=torch.float32) / 255)[:args.images]
    y = torch.tensor(idx("train-labels-idx1-ubyte", 8), dtype=torch.long)[:args.images]
    tx = torch.tensor(idx("t10k-images-idx3-ubyte", 16).reshape(-1, 1, 28, 28), dtype=torch.float32) / 255
    ty = torch.tensor(idx("t10k-labels-idx1-ubyte", 8), dtype=torch.long)
    model = network(args.model)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    loader = DataLoader(TensorDataset(x, y), batch_size=args.batch, shuffle=True)
    rates = []
    for _ in range(args.epochs):
        started = time.perf_counter()
        model.train()
        if args.idiom == "loader":
            batches = iter(loader)
        else:
            order = torch.randperm(len(x))
            batches = ((x[order[i:i + args.batch]], y[order[i:i + args.batch]]) for i in range(0, len(x), args.batch))
        for xb, yb in batches:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
        rates.append(len(x) / (time.perf_counter() - started))
    warm = statistics.median(rates[len(rates) // 2:])
    model.eval()
    with torch.no_grad():
        accuracy = (model(tx).argmax(1) == ty).float().mean().item()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("RESULT pytorch-%s-%s-b%d%s samples_per_s=%.0f accuracy=%.4f peak_rss_kb=%d"
          % (args.idiom, args.model, args.batch, "-1thread" if args.threads == 1 else "", warm, accuracy, peak_kb))


if __name__ == "__main__":
    main()
