"""Inputs and numpy reference for test/run/fusion-conv.mlir.

fusion_conv_ref.py DIR            writes DIR/<name>.npy (seeded)
fusion_conv_ref.py DIR OUT...     compares OUT/output_<i>.npy with numpy
"""
import os
import sys

import numpy as np

SHAPES = {
    "x1": (2, 32, 9, 9), "w1": (20, 32, 3, 3), "b1": (20,), "r1": (2, 20, 5, 5),
    "x2": (1, 32, 7, 7), "w2": (128, 32, 3, 3), "b2": (128,),
    "x3": (1, 32, 16, 16), "w3": (16, 32, 3, 3), "b3": (16,), "r3": (1, 16, 16, 16),
}

d = sys.argv[1]
if len(sys.argv) == 2:
    g = np.random.RandomState(11)
    for name, shape in SHAPES.items():
        np.save(os.path.join(d, name + ".npy"), g.randn(*shape).astype("f4"))
    sys.exit(0)

v = {n: np.load(os.path.join(d, n + ".npy")).astype("f8") for n in SHAPES}


def conv(x, w, b, stride, pad):
    """NCHW x FCHW convolution with zero padding, straight from the definition."""
    x = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    n, _, h, wd = x.shape
    f, _, kh, kw = w.shape
    oh, ow = (h - kh) // stride + 1, (wd - kw) // stride + 1
    y = np.zeros((n, f, oh, ow))
    for i in range(kh):
        for j in range(kw):
            patch = x[:, :, i:i + stride * oh:stride, j:j + stride * ow:stride]
            y += np.einsum("nchw,fc->nfhw", patch, w[:, :, i, j])
    return y + b.reshape(1, -1, 1, 1)


want = [
    np.maximum(conv(v["x1"], v["w1"], v["b1"], 2, 1) + v["r1"], 0),
    np.maximum(conv(v["x2"], v["w2"], v["b2"], 1, 1), 0),
    1 / (1 + np.exp(-(conv(v["x3"], v["w3"], v["b3"], 1, 1) + v["r3"]))),
]
for out in sys.argv[2:]:
    for i, ref in enumerate(want):
        got = np.load(os.path.join(out, f"output_{i}.npy"))
        if got.shape != ref.shape or not np.allclose(got, ref, rtol=1e-4, atol=1e-5):
            print(f"{os.path.basename(out)}: output {i} differs, max err {np.abs(got - ref).max()}")
            sys.exit(1)
    print(f"{os.path.basename(out)}: {len(want)} outputs match numpy")
