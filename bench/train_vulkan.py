"""Training step time at batch 64 on the Vulkan device vs the CPU (nn-train).

  /usr/bin/python3 bench/train_vulkan.py [--steps N] [--device D]

Exports the MLP (784-256-128-10) and the Fashion-MNIST CNN of
examples/fashion_mnist to ONNX, runs nn-train for N steps of SGD with
--target=cpu and --target=vulkan (its samples/s over the epoch; compilation
excluded) and prints ms/step side by side. On lavapipe (Mesa's CPU Vulkan
driver) this measures the generated kernels on the CPU, not a GPU. Needs
Debian's Fashion-MNIST (dataset-fashion-mnist). Not a test.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = "/usr/share/datasets/fashion-mnist"
sys.path.insert(0, os.path.join(ROOT, "examples", "fashion_mnist"))
from export_models import cnn  # noqa: E402


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(),
                         nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))


def ms_per_step(model_path, steps, target, device):
    out = subprocess.run(
        [os.path.join(ROOT, "build", "bin", "nn-train"), model_path, f"--data={DATA}",
         "--loss=cross_entropy", "--optimizer=sgd", "--lr=0.01", "--epochs=1",
         "--batch=64", f"--limit={steps * 64}", "--no-shuffle", f"--target={target}",
         f"--device={device}"],
        capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"nn-train --target={target} failed: {out.stderr.strip()[-400:]}")
    rates = re.findall(r"([0-9.]+) samples/s", out.stdout + out.stderr)
    return 64e3 / float(rates[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--device", type=int, default=0)
    args = parser.parse_args()
    if not os.path.isdir(DATA):
        sys.exit(f"error: {DATA} missing (apt-get install dataset-fashion-mnist)")
    tmp = tempfile.mkdtemp()
    print(f"ms per training step, batch 64, SGD, {args.steps} steps")
    print(f"{'model':8} {'cpu':>10} {'vulkan':>10} {'vulkan/cpu':>12}")
    for name, build in (("mlp", mlp), ("cnn", cnn)):
        torch.manual_seed(0)
        path = os.path.join(tmp, f"{name}.onnx")
        torch.onnx.export(build(), torch.rand(1, 1, 28, 28), path, opset_version=17,
                          input_names=["x"], output_names=["logits"],
                          dynamic_axes={"x": {0: "n"}, "logits": {0: "n"}})
        cpu = ms_per_step(path, args.steps, "cpu", args.device)
        vk = ms_per_step(path, args.steps, "vulkan", args.device)
        print(f"{name:8} {cpu:10.2f} {vk:10.2f} {vk / cpu:12.2f}")


main()
