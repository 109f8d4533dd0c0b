"""Checks a model written by `nn-train --save`: ONNX's checker accepts it,
its trained initializers differ from the original ones, nn-run and PyTorch
(models.py with the saved weights) compute the same outputs from it, and the
metrics on nn-train's `final:` line match numpy's on those outputs.

Usage: check_saved.py MODEL_NAME TRAINED.onnx ORIGINAL.onnx X.npy Y.npy
                      NN_RUN WORKDIR NN_TRAIN.log
"""
import os
import re
import subprocess
import sys

import numpy as np
import onnx
import torch
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402

name, trained, original, xs, ys, nn_run, work, log = sys.argv[1:]
model = onnx.load(trained)
onnx.checker.check_model(model, full_check=True)
before = {t.name: numpy_helper.to_array(t) for t in onnx.load(original).graph.initializer}
changed = sum(not np.array_equal(numpy_helper.to_array(t), before[t.name])
              for t in model.graph.initializer)
print(f"checker ok, {changed} of {len(before)} initializers trained")

os.makedirs(work, exist_ok=True)
x = np.load(xs)
subprocess.run([nn_run, trained, "--input=" + xs, "--output-dir=" + work], check=True,
               stdout=subprocess.DEVNULL)
ours = np.load(os.path.join(work, "output_0.npy"))
ref = models.load(name, trained)(torch.tensor(x)).detach().numpy()
if not np.allclose(ours, ref, rtol=1e-4, atol=1e-5):
    print("nn-run and PyTorch differ:", np.max(np.abs(ours - ref)))
    sys.exit(1)
print("nn-run matches PyTorch")

# Macro metrics as scikit-learn defines them (zero_division=0).
y = np.load(ys)
pred = ours.argmax(1)
classes = ours.shape[1]
p, r, f = [], [], []
for k in range(classes):
    tp = np.sum((pred == k) & (y == k))
    pk = tp / max(np.sum(pred == k), 1)
    rk = tp / max(np.sum(y == k), 1)
    p.append(pk)
    r.append(rk)
    f.append(2 * pk * rk / (pk + rk) if pk + rk else 0.0)
want = {"accuracy": np.mean(pred == y), "precision": np.mean(p), "recall": np.mean(r),
        "f1": np.mean(f)}
final = re.search(r"^final: (.*)$", open(log).read(), re.M).group(1)
got = dict(kv.split("=") for kv in final.split())
for key, value in want.items():
    if abs(float(got[key]) - value) > 1e-4:
        print(f"{key}: nn-train says {got[key]}, numpy {value:.4f}")
        sys.exit(1)
print("final metrics match numpy")
