"""W5 in PyTorch eager mode on the CPU: one epoch of the look-ahead lesson's CNN.

Run from this folder with the shared peers' helpers on the path (see bench/WORKLOADS.md):

    PYTHONPATH=../../../shared/bench/peers python3 cnn_torch.py 5

PyTorch runs on as many threads as Lessonbook does: OPENBLAS_NUM_THREADS when it is set
(Lessonbook's engine splits its layers among OpenBLAS's threads), else every core.
"""
import os
import sys

import numpy as np
import torch

try:
    from common import report, timed
except ImportError:  # the helpers, as in the shared peers, when run on their own
    import json
    import statistics
    import time

    def timed(fn, repeats):
        times, result = [], None
        for _ in range(repeats):
            t0 = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - t0)
        return statistics.median(times), result

    def report(workload, impl, seconds, repeats, check):
        print(json.dumps({"workload": workload, "impl": impl, "seconds": round(seconds, 6),
                          "repeats": repeats, "check": check}), flush=True)

IMAGES, SIDE = 6000, 28
THREADS = int(os.environ.get("OPENBLAS_NUM_THREADS") or os.cpu_count() or 1)


def squares(seed=0):
    """Noise in [0, 0.5) plus a 6 x 6 square of +0.5 whose place is the class."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 10, size=IMAGES)
    x = 0.5 * rng.random((IMAGES, 1, SIDE, SIDE), dtype=np.float32)
    for i, c in enumerate(labels):
        top, left = 4 + 14 * (c // 5), 1 + 5 * (c % 5)
        x[i, 0, top:top + 6, left:left + 6] += 0.5
    return torch.from_numpy(x), torch.from_numpy(labels.astype(np.int64))


def make(seed):
    torch.manual_seed(seed)
    net = torch.nn.Sequential(
        torch.nn.Conv2d(1, 8, 5, padding=2), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(8, 16, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(7 * 7 * 16, 10))
    for layer in net:
        if isinstance(layer, (torch.nn.Conv2d, torch.nn.Linear)):
            torch.nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
            torch.nn.init.zeros_(layer.bias)
    return net


def epoch(x, y, seed=0):
    net = make(seed)
    opt = torch.optim.Adam(net.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-8)
    loss_fn = torch.nn.CrossEntropyLoss()
    order = torch.randperm(IMAGES, generator=torch.Generator().manual_seed(seed))
    for start in range(0, IMAGES, 64):
        idx = order[start:start + 64]
        opt.zero_grad(set_to_none=True)
        loss_fn(net(x[idx]), y[idx]).backward()
        opt.step()
    with torch.no_grad():
        return float((net(x).argmax(1) == y).float().mean())


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    torch.set_num_threads(THREADS)
    x, y = squares()
    secs, accuracy = timed(lambda: epoch(x, y), repeats)
    report("W5", "torch", secs, repeats, accuracy)


if __name__ == "__main__":
    main()
