"""Writes inputs and reference outputs of tiny.mlir, computed with numpy from
the model's definition, as raw float32 (.bin, for check_model.c) and .npy.
Usage: tiny_ref.py DIR"""
import os
import sys

import numpy as np

d = sys.argv[1]
os.makedirs(d, exist_ok=True)
W = np.array([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6], [-0.7, 0.8, 0.9], [1.0, -1.1, 0.2]])
b = np.array([0.01, -0.02, 0.03, -0.04])
rng = np.random.default_rng(7)
x = rng.standard_normal((2, 3)).astype(np.float32)
y = rng.standard_normal((2, 4)).astype(np.float32)
h = np.exp(np.tanh(x.astype(np.float64) @ W.T + b))
out0 = h / h.sum(axis=-1, keepdims=True) + y
out1 = x.T
for name, a in [("x", x), ("y", y), ("ref_0", out0), ("ref_1", out1)]:
    a = np.ascontiguousarray(a, dtype=np.float32)
    a.tofile(os.path.join(d, name + ".bin"))
    np.save(os.path.join(d, name + ".npy"), a)
