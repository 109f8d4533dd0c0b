"""Batch normalization in training, nnc against PyTorch's model.train().

  batchnorm.py export DIR          -> DIR/{cnn_bn,mlp_bn}.onnx, DIR/img.npy,
                                      DIR/labels.npy, DIR/x.npy, DIR/y.npy
  batchnorm.py grads MODEL DIR ONE.onnx
      ONE.onnx is nn-train's model after one plain SGD step at lr=1 on the
      first batch of 16: its weights are w - grad, so grad = w0 - w1. Prints
      `grads ok: N, max rel error E` when every gradient is within 1e-4
      relative (max |nnc - torch| / max |torch|) of PyTorch's (float64), and
      the running statistics within 1e-5.
  batchnorm.py train MODEL DIR TRAINED.onnx LR MOMENTUM EPOCHS
      trains in PyTorch like nn-train --no-shuffle --batch=16 and prints
      `step <i> loss=<l>`, then checks TRAINED.onnx's running statistics and
      weights against PyTorch's (1e-4 relative) on stderr-free stdout:
      `state ok: N tensors`.
"""
import os
import sys

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from torch import nn


def cnn_bn():
    return nn.Sequential(
        nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(4, 6, 3, padding=1), nn.BatchNorm2d(6, momentum=0.2), nn.ReLU(),
        nn.MaxPool2d(2), nn.Flatten(), nn.Linear(6 * 2 * 2, 3))


def mlp_bn():
    return nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 3))


MODELS = {"cnn_bn": (cnn_bn, (1, 8, 8), "img"), "mlp_bn": (mlp_bn, (4,), "x")}


def data(out):
    rng = np.random.default_rng(1)
    y = rng.integers(0, 3, 64)
    img = 0.1 * rng.random((64, 1, 8, 8))
    for i, k in enumerate(y):
        img[i, 0, 2 * k:2 * k + 2, :] += 0.8
    np.save(os.path.join(out, "img.npy"), img.astype(np.float32))
    np.save(os.path.join(out, "labels.npy"), y.astype(np.int64))
    centres = rng.standard_normal((3, 4)) * 2
    x = centres[y] + 0.5 * rng.standard_normal((64, 4))
    np.save(os.path.join(out, "x.npy"), x.astype(np.float32))
    np.save(os.path.join(out, "y.npy"), y.astype(np.int64))


def export(out):
    os.makedirs(out, exist_ok=True)
    data(out)
    for name, (build, sample, _) in MODELS.items():
        torch.manual_seed(0)
        model = build()
        # Non-trivial running statistics, so that the blend is visible.
        for m in model.modules():
            if isinstance(m, nn.modules.batchnorm._BatchNorm):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 1.5)
        model.eval()
        torch.onnx.export(model, torch.zeros(2, *sample), os.path.join(out, name + ".onnx"),
                          opset_version=17, input_names=["x"], output_names=["y"],
                          dynamic_axes={"x": {0: "n"}, "y": {0: "n"}},
                          do_constant_folding=False,
                          # EVAL would fold each BatchNorm into its Conv.
                          training=torch.onnx.TrainingMode.PRESERVE)


def initializers(path):
    return {t.name: numpy_helper.to_array(t) for t in onnx.load(path).graph.initializer}


def load(name, path):
    model = MODELS[name][0]()
    inits = initializers(path)
    state = model.state_dict()
    for k in state:
        if k in inits:
            state[k] = torch.tensor(inits[k])
    model.load_state_dict(state)
    return model


def rel(a, b):
    """max |a - b| / max |b|. A tensor that is mathematically zero (PyTorch's
    float64 max below 1e-9: the gradient of a bias that a batch norm follows)
    must be below 1e-6 in absolute value: reported as that / 1e-2."""
    if np.max(np.abs(b)) < 1e-9:
        return float(np.max(np.abs(a))) * 1e2
    return float(np.max(np.abs(a - b)) / np.max(np.abs(b)))


def check_state(model, path, tol, what, only=""):
    got = initializers(path)
    n, worst = 0, 0.0
    for k, v in model.state_dict().items():
        if k not in got or only not in k:
            continue
        e = rel(got[k].astype(np.float64), v.detach().double().numpy())
        worst = max(worst, e)
        if e > tol:
            print(f"{what} {k}: rel error {e:.3g} > {tol}")
            sys.exit(1)
        n += 1
    return n, worst


def main():
    cmd = sys.argv[1]
    if cmd == "export":
        export(sys.argv[2])
        return
    name, d = sys.argv[2], sys.argv[3]
    _, _, xname = MODELS[name]
    x = torch.tensor(np.load(os.path.join(d, xname + ".npy")))
    y = torch.tensor(np.load(os.path.join(d, "labels.npy" if xname == "img" else "y.npy")))
    model = load(name, os.path.join(d, name + ".onnx"))
    model.train()
    if cmd == "grads":
        one = sys.argv[4]
        model = model.double()
        w0 = {k: v.detach().clone() for k, v in model.named_parameters()}
        loss = nn.functional.cross_entropy(model(x[:16].double()), y[:16])
        loss.backward()
        w1 = initializers(one)
        n, worst = 0, 0.0
        for k, p in model.named_parameters():
            ours = w0[k].numpy() - w1[k].astype(np.float64)
            e = rel(ours, p.grad.numpy())
            worst = max(worst, e)
            if e > 1e-4:
                print(f"gradient {k}: rel error {e:.3g}")
                sys.exit(1)
            n += 1
        stats, _ = check_state(model, one, 1e-5, "running statistic", "running_")
        print(f"grads ok: {n}, max rel error {worst:.2g}; running statistics ok: {stats}")
        return
    lr, momentum, epochs, trained = float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7]), sys.argv[4]
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    step = 0
    for _ in range(epochs):
        for first in range(0, len(x) - 15, 16):
            opt.zero_grad()
            value = nn.functional.cross_entropy(model(x[first:first + 16]), y[first:first + 16])
            value.backward()
            opt.step()
            step += 1
            print(f"step {step} loss={value.item():.6f}")
    n, _ = check_state(model, trained, 1e-4, "after training,")
    print(f"state ok: {n} tensors")


main()
