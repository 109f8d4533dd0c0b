"""Exports the Fashion-MNIST demo models to ONNX (opset 17, dynamic batch,
seeded initial weights) for nn-train:

  cnn.onnx          conv 3x3 (8) - relu - pool - conv 3x3 (16) - relu - pool -
                    linear 64 - relu - linear 10         [N,1,28,28] -> logits
  autoencoder.onnx  conv 3x3/2 (8) - relu - conv 3x3/2 (16) - relu -
                    conv_transpose 4x4/2 (8) - relu - conv_transpose 4x4/2 (1)
                    - sigmoid                            [N,1,28,28] -> [N,1,28,28]

Usage: /usr/bin/python3 export_models.py OUTDIR [--check-torch EPOCHS]
With --check-torch, also trains the CNN in PyTorch on Debian's Fashion-MNIST
(the same recipe as the README command) and prints its test accuracy.
"""
import gzip
import os
import sys

import numpy as np
import torch
from torch import nn


def cnn():
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 7 * 7, 64), nn.ReLU(), nn.Linear(64, 10))


def autoencoder():
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, stride=2, padding=1), nn.ReLU(),
        nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.ReLU(),
        nn.ConvTranspose2d(16, 8, 4, stride=2, padding=1), nn.ReLU(),
        nn.ConvTranspose2d(8, 1, 4, stride=2, padding=1), nn.Sigmoid())


def export(model, path):
    torch.onnx.export(model, torch.zeros(2, 1, 28, 28), path, opset_version=17,
                      input_names=["x"], output_names=["y"],
                      dynamic_axes={"x": {0: "n"}, "y": {0: "n"}})


def idx(path):
    with gzip.open(path) as f:
        data = f.read()
    ndim = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * ndim).reshape(shape)


def check_torch(epochs):
    d = "/usr/share/datasets/fashion-mnist"
    x = torch.tensor(idx(f"{d}/train-images-idx3-ubyte.gz") / 255.0, dtype=torch.float32)[:, None]
    y = torch.tensor(idx(f"{d}/train-labels-idx1-ubyte.gz"), dtype=torch.long)
    xt = torch.tensor(idx(f"{d}/t10k-images-idx3-ubyte.gz") / 255.0, dtype=torch.float32)[:, None]
    yt = torch.tensor(idx(f"{d}/t10k-labels-idx1-ubyte.gz"), dtype=torch.long)
    torch.manual_seed(0)
    model = cnn()
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    for epoch in range(epochs):
        perm = torch.randperm(len(x))
        for i in range(0, len(x) - 63, 64):
            idxs = perm[i:i + 64]
            opt.zero_grad()
            loss = nn.functional.cross_entropy(model(x[idxs]), y[idxs])
            loss.backward()
            opt.step()
        with torch.no_grad():
            acc = (model(xt).argmax(1) == yt).float().mean().item()
        print(f"pytorch epoch {epoch + 1}: test accuracy {acc:.4f}", flush=True)


if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    export(cnn(), os.path.join(out, "cnn.onnx"))
    torch.manual_seed(0)
    export(autoencoder(), os.path.join(out, "autoencoder.onnx"))
    if len(sys.argv) > 3 and sys.argv[2] == "--check-torch":
        check_torch(int(sys.argv[3]))
