"""conv_transpose_phases_vs_torch.py NN_RUN DIR: strided 2-D
nn.conv_transpose cases through nn-run's CPU pipeline, where
nn-cpu-conv-as-matmul computes them by sub-pixel phases (im2col or col2im,
plain or transposed, or one matmul for a 1x1 input), compared with
PyTorch's conv_transpose2d. Weights are either inputs or constants in the
module (whose phase kernels are then computed at compile time). Prints
`ok NAME` per case, or the first mismatch and exits 1."""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "lib"))
from nn_cases import expect_close, run, ty  # noqa: E402

nn_run, out_dir = sys.argv[1], sys.argv[2]
os.makedirs(out_dir, exist_ok=True)
rng = np.random.RandomState(0)


def array(name, vals):
    return f"{name} = array<i64: {', '.join(str(v) for v in vals)}>"


def case(name, n, c, h, w, f, k, stride, pad=(0, 0, 0, 0), out_pad=(0, 0),
         bias=True, const=False):
    x = rng.randn(n, c, h, w).astype("f4")
    wt = rng.randn(c, f, k[0], k[1]).astype("f4")
    b = rng.randn(f).astype("f4") if bias else None
    # Asymmetric pads: run torch without pads and crop.
    full = torch.nn.functional.conv_transpose2d(
        torch.from_numpy(x), torch.from_numpy(wt),
        None if b is None else torch.from_numpy(b), stride=stride,
        output_padding=out_pad).numpy()
    oh = full.shape[2] - pad[0] - pad[2]
    ow = full.shape[3] - pad[1] - pad[3]
    want = np.ascontiguousarray(full[:, :, pad[0]:pad[0] + oh,
                                     pad[1]:pad[1] + ow])
    args = [x] + ([] if const else [wt]) + ([b] if b is not None else [])
    params = ", ".join(f"%a{i}: {ty(a)}" for i, a in enumerate(args))
    body = ""
    operands = ["%a0"]
    if const:
        body += (f'  %w = nn.constant dense<"0x{wt.tobytes().hex().upper()}">'
                 f" : {ty(wt)}\n")
        operands.append("%w")
    else:
        operands.append("%a1")
    if b is not None:
        operands.append(f"%a{len(args) - 1}")
    types = ", ".join([ty(x), ty(wt)] + ([ty(b)] if b is not None else []))
    attrs = ", ".join([array("strides", stride), array("pads", pad),
                       array("output_padding", out_pad)])
    mlir = (f"func.func @main({params}) -> {ty(want)} {{\n{body}"
            f"  %0 = nn.conv_transpose {', '.join(operands)} {{{attrs}}}"
            f" : ({types}) -> {ty(want)}\n"
            f"  return %0 : {ty(want)}\n}}\n")
    got, _ = run(nn_run, os.path.join(out_dir, name), mlir, args)
    expect_close(name, got, want)
    print("ok", name)


# im2col phases (few pixels): strides 2 and 3, kernels 3/4/5, pads,
# output_padding, batch > 1, channels not multiples of 8.
case("s2_k4", 2, 5, 6, 7, 3, (4, 4), (2, 2), (1, 1, 1, 1))
case("s3_k5", 2, 7, 5, 4, 6, (5, 3), (3, 2), (2, 1, 1, 0), (1, 1))
case("s2_k3_outpad", 3, 12, 7, 7, 10, (3, 3), (2, 2), (1, 1, 1, 1), (1, 1))
case("s3_k3", 2, 9, 4, 4, 11, (3, 3), (3, 3), (1, 0, 0, 1), (2, 0),
     bias=False)
# Kernel smaller than the stride: some phases have no taps (bias only).
case("k_lt_s", 1, 4, 4, 5, 5, (2, 2), (3, 3), (0, 0, 0, 0), (2, 1))
# Pads beyond the kernel: phase windows start inside the input.
case("big_pads", 1, 3, 6, 6, 4, (3, 3), (2, 2), (4, 3, 3, 4), (1, 0))
# Stride 1 with pads > K - 1 (not a flipped conv): a single phase.
case("s1_big_pads", 2, 4, 6, 6, 3, (3, 3), (1, 1), (3, 2, 2, 3))
# im2col phases over > 256 pixels: transposed contractions.
case("im2col_t", 2, 13, 12, 12, 11, (3, 3), (2, 2), (1, 1, 1, 1), (1, 1))
case("im2col_t_const", 2, 16, 16, 16, 17, (4, 4), (2, 2), (1, 1, 1, 1),
     const=True)
# Few output channels: col2im phases, plain (<= 256 padded pixels) and
# transposed.
case("col2im", 2, 24, 9, 9, 2, (4, 4), (2, 2), (1, 1, 1, 1))
case("col2im_const", 1, 21, 9, 10, 1, (5, 5), (3, 3), (2, 1, 2, 3), (1, 2),
     const=True)
case("col2im_t", 2, 20, 16, 16, 3, (4, 4), (2, 2), (1, 1, 1, 1))
case("col2im_t_const", 2, 32, 16, 16, 3, (4, 4), (2, 2), (1, 1, 1, 1),
     const=True)
# 1x1 input: one matmul.
case("one_by_one", 3, 10, 1, 1, 7, (4, 4), (1, 1))
case("one_by_one_s2_const", 2, 9, 1, 1, 5, (3, 3), (2, 2), (0, 1, 0, 0),
     const=True)
# Mixed strides and kernels.
case("s2x3_k4x5", 2, 6, 5, 6, 9, (4, 5), (2, 3), (1, 2, 2, 1), (1, 2),
     const=True)
