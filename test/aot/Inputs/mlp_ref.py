"""Writes an input of examples/mlp.mlir pinned to batch 3 and the model's output
computed with numpy from its definition (splat weights w1 = 0.01, b1 = 0.1,
w2 = -0.02, zero bias, scale 1, softmax): DIR/x.npy, DIR/ref_0.npy."""
import os
import sys

import numpy as np

d = sys.argv[1]
os.makedirs(d, exist_ok=True)
x = np.random.default_rng(3).standard_normal((3, 1, 28, 28)).astype(np.float32)
flat = x.reshape(3, 784).astype(np.float64)
h = np.maximum(flat @ np.full((784, 128), 0.01) + 0.1, 0)
logits = h @ np.full((128, 10), -0.02)
e = np.exp(logits - logits.max(axis=-1, keepdims=True))
np.save(os.path.join(d, "x.npy"), x)
np.save(os.path.join(d, "ref_0.npy"), (e / e.sum(axis=-1, keepdims=True)).astype(np.float32))
