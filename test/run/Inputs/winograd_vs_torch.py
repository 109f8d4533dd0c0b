"""winograd_vs_torch.py NN_RUN DIR: stride-1 3x3 nn.conv cases with constant
filters through nn-run's CPU pipeline, where nn-cpu-winograd-conv computes
them as Winograd F(4x4,3x3) (output sizes multiple of 4) or F(2x2,3x3)
(even sizes), compared with PyTorch's conv2d in float64. Cases: 64->64 at
56x56 with pad 1 and bias, 32->48 at 14x14 (m = 2), batch 2, a non-square
12x20 image, no bias, a conv + relu + residual add, and an odd 7x7 output
that keeps im2col. The error is measured against max|y| (fp32 Winograd
loses a few bits to its transforms; a wrong transform gives O(1) errors).
Prints `ok NAME max-rel-error` per case, or the first mismatch and exits
1."""
import os
import subprocess
import sys

import numpy as np
import torch
import torch.nn.functional as F

nn_run, out_dir = sys.argv[1], sys.argv[2]
os.makedirs(out_dir, exist_ok=True)
rng = np.random.RandomState(0)
TOLERANCE = 1e-4  # max |got - want| / max |want|


def ty(shape):
    return "tensor<" + "x".join(str(d) for d in shape) + "xf32>"


def const(name, a):
    return (f'  %{name} = nn.constant dense<"0x{a.tobytes().hex().upper()}">'
            f" : {ty(a.shape)}\n")


def case(name, n, c, h, w, f, pads=(1, 1, 1, 1), bias=True, residual=False):
    x = rng.randn(n, c, h, w).astype(np.float32)
    # He-style scale keeps |y| ~ 1, as in a trained network.
    wt = (rng.randn(f, c, 3, 3) * np.sqrt(2.0 / (9 * c))).astype(np.float32)
    b = rng.randn(f).astype(np.float32)
    xp = F.pad(torch.from_numpy(x).double(), (pads[1], pads[3], pads[0], pads[2]))
    want = F.conv2d(xp, torch.from_numpy(wt).double(),
                    torch.from_numpy(b).double() if bias else None)
    oshape = tuple(want.shape)
    r = None
    if residual:
        r = rng.randn(*oshape).astype(np.float32)
        want = torch.relu(want) + torch.from_numpy(r).double()
    want = want.numpy()
    args = [x] + ([r] if residual else [])
    params = ", ".join(f"%a{i}: {ty(a.shape)}" for i, a in enumerate(args))
    body = const("w", wt)
    operands = "%a0, %w"
    types = f"{ty(x.shape)}, {ty(wt.shape)}"
    if bias:
        body += const("b", b)
        operands += ", %b"
        types += f", {ty(b.shape)}"
    attr = ("{strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, "
            f"pads = array<i64: {', '.join(map(str, pads))}>}}")
    body += f"  %0 = nn.conv {operands} {attr} : ({types}) -> {ty(oshape)}\n"
    res = "%0"
    if residual:
        body += f"  %1 = nn.relu %0 : {ty(oshape)}\n"
        body += f"  %2 = nn.add %1, %a1 : ({ty(oshape)}, {ty(oshape)}) -> {ty(oshape)}\n"
        res = "%2"
    path = os.path.join(out_dir, name)
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, "m.mlir"), "w") as fh:
        fh.write(f"func.func @main({params}) -> {ty(oshape)} {{\n{body}"
                 f"  return {res} : {ty(oshape)}\n}}\n")
    cmd = [nn_run, os.path.join(path, "m.mlir"), f"--output-dir={path}"]
    for i, a in enumerate(args):
        np.save(os.path.join(path, f"in{i}.npy"), a)
        cmd.append(f"--input={os.path.join(path, f'in{i}.npy')}")
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    got = np.load(os.path.join(path, "output_0.npy"))
    if got.shape != want.shape:
        sys.exit(f"{name}: shape {got.shape}, want {want.shape}")
    err = float(np.abs(got - want).max() / np.abs(want).max())
    if not err <= TOLERANCE:
        sys.exit(f"{name}: mismatch, max error {err:.3g} of max|y|")
    print(f"ok {name} {err:.2e}")


case("f4_64x56", 1, 64, 56, 56, 64)
case("f2_32to48x14", 1, 32, 14, 14, 48)
case("f4_batch2", 2, 16, 16, 16, 24, bias=False)
case("f4_12x20", 1, 20, 12, 20, 16)
case("f2_asym_pads", 1, 16, 9, 11, 32, pads=(0, 1, 1, 0))
case("f4_relu_residual", 1, 32, 28, 28, 32, residual=True)
case("f4_128x28_narrow", 1, 128, 28, 28, 128)
case("odd_7x7", 1, 64, 7, 7, 64)
