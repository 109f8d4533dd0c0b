"""narrow_conv_vs_torch.py NN_RUN DIR: convolutions with constant filters
and 7x7 outputs (N = 49 columns, computed transposed on filter panels
packed at compile time by nn-cpu-tile-contractions) through nn-run's CPU
pipeline, against torch.nn.functional.conv2d in float64. Prints `ok NAME`
per case, or the first mismatch and exits 1."""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "lib"))
from nn_cases import expect_close, run, ty  # noqa: E402

nn_run, out_dir = sys.argv[1], sys.argv[2]
os.makedirs(out_dir, exist_ok=True)
rng = np.random.RandomState(0)


def dense(a):
    return "dense<" + np.array2string(
        a, separator=", ", threshold=sys.maxsize,
        formatter={"float_kind": lambda v: repr(float(v))}) + ">"


def case(name, n, c, f, hw, k, stride, pad, relu):
    x = rng.randn(n, c, hw, hw).astype(np.float32)
    w = (rng.randn(f, c, k, k) / np.sqrt(c * k * k)).astype(np.float32)
    b = rng.randn(f).astype(np.float32)
    want = torch.nn.functional.conv2d(
        torch.from_numpy(x).double(), torch.from_numpy(w).double(),
        torch.from_numpy(b).double(), stride=stride, padding=pad)
    if relu:
        want = torch.relu(want)
    want = want.numpy()
    yt = ty(want.shape)
    body = (f"  %w = nn.constant {dense(w)} : {ty(w.shape)}\n"
            f"  %b = nn.constant {dense(b)} : {ty(b.shape)}\n"
            f"  %y = nn.conv %x, %w, %b {{pads = array<i64: {pad}, {pad}, {pad}, {pad}>, "
            f"strides = array<i64: {stride}, {stride}>}} : ({ty(x.shape)}, {ty(w.shape)}, "
            f"{ty(b.shape)}) -> {yt}\n")
    result = "%y"
    if relu:
        body += f"  %r = nn.relu %y : {yt}\n"
        result = "%r"
    mlir = (f"func.func @main(%x: {ty(x.shape)}) -> {yt} {{\n{body}"
            f"  return {result} : {yt}\n}}\n")
    got, _ = run(nn_run, os.path.join(out_dir, name), mlir, [x])
    expect_close(name, got, want)
    print("ok", name)


case("c3x3_7", 1, 16, 64, 7, 3, 1, 1, True)
case("c3x3_batch2", 2, 8, 96, 7, 3, 1, 1, False)
case("c3x3_s2", 1, 8, 64, 14, 3, 2, 1, True)
case("c1x1_7", 1, 32, 128, 7, 1, 1, 0, False)
case("c3x3_5", 1, 8, 64, 5, 3, 1, 1, True)
