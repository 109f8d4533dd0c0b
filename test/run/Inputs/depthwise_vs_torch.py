"""depthwise_vs_torch.py NN_RUN DIR: runs depthwise nn.conv cases (group =
channels) through nn-run's CPU pipeline, where nn-cpu-vectorize-depthwise
computes them as vector rows, and compares with PyTorch's conv2d. The cases
cover masked row ends (widths that are not multiples of 8 or 16), stride 2
(deinterleaved reads), asymmetric pads (read from the unpadded input), dilation,
5x5 taps, bias, batch 2, a ReLU6 applied inside the kernel, and a W stride of 3
that keeps the scalar lowering. Prints `ok NAME` per
case, or the first mismatch and exits 1."""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "lib"))
from nn_cases import expect_close, run, single_op, ty  # noqa: E402

nn_run, out_dir = sys.argv[1], sys.argv[2]
os.makedirs(out_dir, exist_ok=True)
rng = np.random.RandomState(0)


def case(name, n, c, h, w, k, strides, pads, dilations=(1, 1), bias=True,
         relu6=False):
    x = rng.randn(n, c, h, w).astype(np.float32)
    wt = rng.randn(c, 1, k, k).astype(np.float32)
    b = rng.randn(c).astype(np.float32)
    xp = F.pad(torch.from_numpy(x), (pads[1], pads[3], pads[0], pads[2]))
    want = F.conv2d(xp, torch.from_numpy(wt), torch.from_numpy(b) if bias else None,
                    stride=strides, dilation=dilations, groups=c)
    want = (want.clamp(0.0, 6.0) if relu6 else want).numpy()
    args = [x, wt] + ([b] if bias else [])
    attr = (f"{{group = {c} : i64, strides = array<i64: {strides[0]}, {strides[1]}>, "
            f"pads = array<i64: {', '.join(map(str, pads))}>, "
            f"dilations = array<i64: {dilations[0]}, {dilations[1]}>}}")
    mlir = single_op("nn.conv", args, want, attr)
    if relu6:
        # The clamp runs inside the depthwise kernel, on each row block.
        mlir = mlir.replace(
            "  return %0", f"  %1 = nn.clamp %0 {{min = 0.0 : f64, max = 6.0 : f64}} : "
            f"{ty(want)}\n  return %1")
    got, _ = run(nn_run, os.path.join(out_dir, name), mlir, args)
    expect_close(name, got, want, rtol=1e-5, atol=1e-5, scaled=False)
    print("ok", name)


# name, n, c, h, w, k, strides, pads (top, left, bottom, right)
case("s1_w13", 1, 3, 13, 13, 3, (1, 1), (1, 1, 1, 1))
case("s1_w37", 1, 4, 9, 37, 3, (1, 1), (1, 1, 1, 1))
case("s2_w37", 2, 5, 37, 37, 3, (2, 2), (1, 1, 1, 1))
case("s2_asym", 1, 6, 20, 23, 3, (2, 2), (0, 1, 1, 0), bias=False)
case("s12_dil2", 1, 3, 17, 40, 3, (1, 2), (2, 2, 2, 2), dilations=(2, 2))
case("k5_s21", 1, 4, 18, 33, 5, (2, 1), (2, 2, 2, 2))
# MobileNetV2's late layers: 14- and 7-wide planes read unpadded (the kernel
# pads them), bias as the accumulators' start, ReLU6 fused.
case("mb_14_relu6", 1, 24, 14, 14, 3, (1, 1), (1, 1, 1, 1), relu6=True)
case("mb_14_s2_relu6", 1, 24, 14, 14, 3, (2, 2), (1, 1, 1, 1), relu6=True)
case("mb_7_relu6", 2, 16, 7, 7, 3, (1, 1), (1, 1, 1, 1), relu6=True)
case("s3_scalar", 1, 3, 16, 16, 3, (3, 3), (1, 1, 1, 1))
