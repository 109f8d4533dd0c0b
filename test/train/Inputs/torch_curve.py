"""Trains one of models.py in PyTorch exactly as `nn-train --no-shuffle`
does (same initial weights read from the ONNX file, batches in file order,
a trailing partial batch left out) and prints `step <i> loss=<l>` per step.

Usage: torch_curve.py MODEL_NAME MODEL.onnx X.npy [Y.npy|-] LOSS OPTIMIZER LR
                      MOMENTUM BATCH EPOCHS
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402

name, path, xs, ys, loss, opt, lr, momentum, batch, epochs = sys.argv[1:]
lr, momentum, batch, epochs = float(lr), float(momentum), int(batch), int(epochs)
torch.set_default_dtype(torch.float32)
model = models.load(name, path)
x = torch.tensor(np.load(xs))
y = torch.tensor(np.load(ys)) if ys != "-" else x
if loss == "bce" and not y.is_floating_point():
    y = y.float().reshape(-1, 1)  # nn-train: one integer label per output
criterion = {"cross_entropy": torch.nn.CrossEntropyLoss(), "mse": torch.nn.MSELoss(),
             "bce": torch.nn.BCELoss()}[loss]
if opt == "sgd":
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
elif opt == "adam":
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
else:
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
step = 0
for _ in range(epochs):
    for first in range(0, len(x) - batch + 1, batch):
        optimizer.zero_grad()
        out = model(x[first:first + batch])
        value = criterion(out, y[first:first + batch])
        value.backward()
        optimizer.step()
        step += 1
        print(f"step {step} loss={value.item():.6f}")
