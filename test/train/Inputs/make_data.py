"""Writes the small models and data sets of the nn-train tests into OUTDIR.

mlp.onnx, cnn.onnx, autoencoder.onnx: the models of models.py, seeded.
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
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402

rng = np.random.default_rng(0)
for name in models.MODELS:
    models.export(name, os.path.join(out, name + ".onnx"))

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
np.save(os.path.join(out, "y_binary.npy"), (y == 0).astype(np.int64))
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
# The same data in directory form: MNIST file names (gzip) and .npy names.
os.makedirs(os.path.join(out, "idxdir"), exist_ok=True)
os.makedirs(os.path.join(out, "npydir"), exist_ok=True)
for split, (a, b) in {"train": (images, labels), "t10k": (images[:6], labels[:6])}.items():
    idx(os.path.join(out, "idxdir", f"{split}-images-idx3-ubyte.gz"), a, 0x08, gzip.open)
    idx(os.path.join(out, "idxdir", f"{split}-labels-idx1-ubyte.gz"), b, 0x08, gzip.open)
for name, a in {"x_train": x, "y_train": y, "x_test": xt, "y_test": yt}.items():
    np.save(os.path.join(out, "npydir", name + ".npy"), a)
with open(os.path.join(out, "not-idx"), "wb") as f:
    f.write(b"\x01\x02\x03\x04hello")

# 8x8 images for the CNN and the autoencoder: class k is a bright bar in
# rows 2k..2k+1, plus noise; values in [0, 1].
def bars(n):
    y = rng.integers(0, 3, n)
    x = 0.1 * rng.random((n, 1, 8, 8))
    for i, k in enumerate(y):
        x[i, 0, 2 * k:2 * k + 2, :] += 0.8
    return np.clip(x, 0, 1).astype(np.float32), y.astype(np.int64)


xi, yi = bars(64)
np.save(os.path.join(out, "img.npy"), xi)
np.save(os.path.join(out, "img_labels.npy"), yi)
