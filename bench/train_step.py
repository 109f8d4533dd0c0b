"""Training step time at batch 64: nnc (nn-train) vs PyTorch eager, side by side.

  /usr/bin/python3 bench/train_step.py [--steps N] [--threads T]

Exports the MLP (784-256-128-10) and the Fashion-MNIST CNN of
examples/fashion_mnist to ONNX with the same initial weights, then, with T
threads for both, alternates: nn-train for N steps of SGD (its samples/s over
the epoch, compile excluded) and the same N steps in PyTorch (forward,
cross-entropy, backward, SGD step). Prints ms/step and the ratio nnc/PyTorch.
Needs Debian's Fashion-MNIST (dataset-fashion-mnist). Not a test.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = "/usr/share/datasets/fashion-mnist"
sys.path.insert(0, os.path.join(ROOT, "examples", "fashion_mnist"))
from export_models import cnn  # noqa: E402


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(),
                         nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))


def ours(model_path, steps, threads):
    env = dict(os.environ, NNC_NUM_THREADS=str(threads))
    out = subprocess.run(
        [os.path.join(ROOT, "build", "bin", "nn-train"), model_path, f"--data={DATA}",
         "--loss=cross_entropy", "--optimizer=sgd", "--lr=0.01", "--epochs=1",
         "--batch=64", f"--limit={steps * 64}", "--no-shuffle"],
        capture_output=True, text=True, env=env)
    if out.returncode != 0:
        sys.exit(f"nn-train failed: {out.stderr.strip()}")
    rates = re.findall(r"([0-9.]+) samples/s", out.stdout + out.stderr)
    return 64e3 / float(rates[-1])  # ms per step


def torch_steps(model, steps, threads):
    torch.set_num_threads(threads)
    x = torch.rand(64, 1, 28, 28)
    y = torch.randint(0, 10, (64,))
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = nn.CrossEntropyLoss()
    for _ in range(3):  # warm-up
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()
    start = time.perf_counter()
    for _ in range(steps):
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()
    return (time.perf_counter() - start) * 1e3 / steps


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not os.path.isdir(DATA):
        sys.exit(f"error: {DATA} missing (apt-get install dataset-fashion-mnist)")
    tmp = tempfile.mkdtemp()
    print(f"ms per training step, batch 64, SGD, {args.threads} thread(s), "
          f"median of {args.rounds} interleaved rounds of {args.steps} steps")
    print(f"{'model':8} {'nnc':>10} {'pytorch':>10} {'nnc/pytorch':>12}")
    for name, build in (("mlp", mlp), ("cnn", cnn)):
        torch.manual_seed(0)
        model = build()
        path = os.path.join(tmp, f"{name}.onnx")
        torch.onnx.export(model, torch.rand(1, 1, 28, 28), path, opset_version=17,
                          input_names=["x"], output_names=["logits"],
                          dynamic_axes={"x": {0: "n"}, "logits": {0: "n"}})
        a, b = [], []
        for _ in range(args.rounds):
            a.append(ours(path, args.steps, args.threads))
            b.append(torch_steps(model, args.steps, args.threads))
        ma, mb = statistics.median(a), statistics.median(b)
        print(f"{name:8} {ma:10.2f} {mb:10.2f} {ma / mb:12.2f}")


main()
