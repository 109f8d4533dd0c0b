"""depthwise_vs_torch.py NN_RUN DIR: runs depthwise nn.conv cases (group =
channels) through nn-run's CPU pipeline, where nn-cpu-vectorize-depthwise
computes them as vector rows, and compares with PyTorch's conv2d. The cases
cover masked row ends (widths that are not multiples of 8 or 16), stride 2
(deinterleaved reads), asymmetric pads, dilation, 5x5 taps, bias, batch 2,
and a W stride of 3 that keeps the scalar lowering. Prints `ok NAME` per
case, or the first mismatch and exits 1."""
import os
import subprocess
import sys

import numpy as np
import torch
import torch.nn.functional as F

nn_run, out_dir = sys.argv[1], sys.argv[2]
os.makedirs(out_dir, exist_ok=True)
rng = np.random.RandomState(0)


def ty(shape):
    return "tensor<" + "x".join(str(d) for d in shape) + "xf32>"


def case(name, n, c, h, w, k, strides, pads, dilations=(1, 1), bias=True):
    x = rng.randn(n, c, h, w).astype(np.float32)
    wt = rng.randn(c, 1, k, k).astype(np.float32)
    b = rng.randn(c).astype(np.float32)
    xp = F.pad(torch.from_numpy(x), (pads[1], pads[3], pads[0], pads[2]))
    want = F.conv2d(xp, torch.from_numpy(wt), torch.from_numpy(b) if bias else None,
                    stride=strides, dilation=dilations, groups=c).numpy()
    args = [x, wt] + ([b] if bias else [])
    params = ", ".join(f"%a{i}: {ty(a.shape)}" for i, a in enumerate(args))
    operands = ", ".join(f"%a{i}" for i in range(len(args)))
    types = ", ".join(ty(a.shape) for a in args)
    attr = (f"{{group = {c} : i64, strides = array<i64: {strides[0]}, {strides[1]}>, "
            f"pads = array<i64: {', '.join(map(str, pads))}>, "
            f"dilations = array<i64: {dilations[0]}, {dilations[1]}>}}")
    path = os.path.join(out_dir, name)
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, "m.mlir"), "w") as f:
        f.write(f"func.func @main({params}) -> {ty(want.shape)} {{\n"
                f"  %0 = nn.conv {operands} {attr} : ({types}) -> {ty(want.shape)}\n"
                f"  return %0 : {ty(want.shape)}\n}}\n")
    cmd = [nn_run, os.path.join(path, "m.mlir"), f"--output-dir={path}"]
    for i, a in enumerate(args):
        np.save(os.path.join(path, f"in{i}.npy"), a)
        cmd.append(f"--input={os.path.join(path, f'in{i}.npy')}")
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    got = np.load(os.path.join(path, "output_0.npy"))
    if got.shape != want.shape or not np.allclose(got, want, rtol=1e-5, atol=1e-5):
        sys.exit(f"{name}: mismatch, max error "
                 f"{np.abs(got - want).max() if got.shape == want.shape else got.shape}")
    print("ok", name)


# name, n, c, h, w, k, strides, pads (top, left, bottom, right)
case("s1_w13", 1, 3, 13, 13, 3, (1, 1), (1, 1, 1, 1))
case("s1_w37", 1, 4, 9, 37, 3, (1, 1), (1, 1, 1, 1))
case("s2_w37", 2, 5, 37, 37, 3, (2, 2), (1, 1, 1, 1))
case("s2_asym", 1, 6, 20, 23, 3, (2, 2), (0, 1, 1, 0), bias=False)
case("s12_dil2", 1, 3, 17, 40, 3, (1, 2), (2, 2, 2, 2), dilations=(2, 2))
case("k5_s21", 1, 4, 18, 33, 5, (2, 1), (2, 2, 2, 2))
case("s3_scalar", 1, 3, 16, 16, 3, (3, 3), (1, 1, 1, 1))
