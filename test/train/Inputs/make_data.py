"""Writes the small models and data sets of the nn-train tests into OUTDIR.

mlp.onnx: Linear(4, 8) - ReLU - Linear(8, 3), seeded, dynamic batch.
x.npy / y.npy (64 samples, 3 classes: which of three random centres a point
is near), x_test.npy / y_test.npy (32 samples); bad-label, wrong-shape and
truncated variants for the error tests; IDX files (plain and gzip) of the
same data.
Usage: make_data.py OUTDIR
"""
import gzip
import os
import struct
import sys

import numpy as np
import torch

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
torch.manual_seed(0)
rng = np.random.default_rng(0)

mlp = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3))
torch.onnx.export(mlp, torch.zeros(2, 4), os.path.join(out, "mlp.onnx"), opset_version=17,
                  input_names=["x"], output_names=["logits"],
                  dynamic_axes={"x": {0: "n"}, "logits": {0: "n"}})

centres = rng.standard_normal((3, 4)).astype(np.float32) * 2


def points(n):
    y = rng.integers(0, 3, n)
    x = centres[y] + 0.5 * rng.standard_normal((n, 4)).astype(np.float32)
    return x.astype(np.float32), y.astype(np.int64)


x, y = points(64)
xt, yt = points(32)
np.save(os.path.join(out, "x.npy"), x)
np.save(os.path.join(out, "y.npy"), y)
np.save(os.path.join(out, "x_test.npy"), xt)
np.save(os.path.join(out, "y_test.npy"), yt)
bad = y.copy()
bad[5] = 7
np.save(os.path.join(out, "y_bad.npy"), bad)
np.save(os.path.join(out, "x_wide.npy"), np.zeros((64, 5), np.float32))
np.save(os.path.join(out, "y_short.npy"), y[:60])


def idx(path, array, code, opener=open):
    with opener(path, "wb") as f:
        f.write(struct.pack(">BBBB", 0, 0, code, array.ndim))
        f.write(struct.pack(">" + "I" * array.ndim, *array.shape))
        f.write(array.astype(">u1").tobytes())


images = rng.integers(0, 256, (10, 2, 2)).astype(np.uint8)
labels = (np.arange(10) % 3).astype(np.uint8)
idx(os.path.join(out, "images-idx3-ubyte"), images, 0x08)
idx(os.path.join(out, "labels-idx1-ubyte.gz"), labels, 0x08, gzip.open)
with open(os.path.join(out, "images-idx3-ubyte"), "rb") as f:
    whole = f.read()
with open(os.path.join(out, "truncated-idx3-ubyte"), "wb") as f:
    f.write(whole[:-3])
with open(os.path.join(out, "not-idx"), "wb") as f:
    f.write(b"\x01\x02\x03\x04hello")
