#!/usr/bin/python3
"""(c) PyTorch from Python (Debian's python3-torch), the documented way: TensorDataset + DataLoader + the usual loop.

The same network (784-128-ReLU-10), Adam 1e-3, batch 64, 2 threads; warm epoch = the last of three.
"""
import gzip
import os
import resource
import time

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

FOLDER = os.environ.get("FASHION_MNIST", "/usr/share/datasets/fashion-mnist")


def idx(name, offset):
    with gzip.open(os.path.join(FOLDER, name + ".gz"), "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def main():
    torch.set_num_threads(2)
    torch.manual_seed(42)
    x = torch.tensor(idx("train-images-idx3-ubyte", 16).reshape(-1, 28, 28), dtype=torch.float32) / 255
    y = torch.tensor(idx("train-labels-idx1-ubyte", 8), dtype=torch.long)
    tx = torch.tensor(idx("t10k-images-idx3-ubyte", 16).reshape(-1, 28, 28), dtype=torch.float32) / 255
    ty = torch.tensor(idx("t10k-labels-idx1-ubyte", 8), dtype=torch.long)
    loader = DataLoader(TensorDataset(x, y), batch_size=64, shuffle=True)
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    warm = 0.0
    for _ in range(3):
        started = time.perf_counter()
        model.train()
        for xb, yb in loader:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
        warm = len(x) / (time.perf_counter() - started)
    model.eval()
    with torch.no_grad():
        accuracy = (model(tx).argmax(1) == ty).float().mean().item()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("RESULT pytorch-python samples_per_s=%.0f accuracy=%.4f peak_rss_kb=%d" % (warm, accuracy, peak_kb))


if __name__ == "__main__":
    main()
