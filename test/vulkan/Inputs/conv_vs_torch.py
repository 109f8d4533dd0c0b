"""conv_vs_torch.py NN_RUN NN_OPT DIR: runs nn.conv (1-D, 2-D, strided,
dilated, asymmetric pads, grouped, depthwise), nn.conv_transpose and
nn.conv_weight_grad through `nn-run --target=vulkan` and compares each
result with PyTorch (conv1d/conv2d, conv_transpose2d, autograd's weight
gradient). Every shader must pass spirv-val. Prints `ok NAME tiled` when the
module's SPIR-V has a workgroup barrier (the shared-memory tiled kernel of
GpuMatmul.cpp) and `ok NAME direct` when not; the first mismatch exits 1."""
import glob
import os
import subprocess
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "lib"))
from nn_cases import expect_close, run, single_op  # noqa: E402

nn_run, nn_opt, out_dir = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(out_dir, exist_ok=True)
rng = np.random.RandomState(0)
F = torch.nn.functional


def attrs(**kw):
    parts = [f"{k} = array<i64: {', '.join(str(v) for v in vals)}>"
             for k, vals in kw.items() if k != "group" and vals]
    if kw.get("group", 1) != 1:
        parts.append(f"group = {kw['group']} : i64")
    return "{" + ", ".join(parts) + "}" if parts else ""


def check(name, op, args, want, attr):
    path = os.path.join(out_dir, name)
    spv = os.path.join(path, "spv")
    got, module = run(nn_run, path, single_op(op, args, want, attr), args,
                      ["--target=vulkan", f"--dump-spirv={spv}"])
    for shader in glob.glob(os.path.join(spv, "*.spv")):
        subprocess.run(["spirv-val", "--target-env", "vulkan1.1", shader],
                       check=True)
    expect_close(name, got, want)
    ir = subprocess.run([nn_opt, module, "--nn-vulkan-pipeline"], check=True,
                        capture_output=True, text=True).stdout
    print("ok", name, "tiled" if "spirv.ControlBarrier" in ir else "direct")


def conv(name, shape, f, k, stride=None, pad=None, dil=None, group=1,
         bias=True):
    n, c, *space = shape
    dims = len(space)
    stride, dil = stride or (1,) * dims, dil or (1,) * dims
    pad = pad or (0,) * (2 * dims)
    x = rng.randn(*shape).astype("f4")
    w = rng.randn(f, c // group, *k).astype("f4")
    b = rng.randn(f).astype("f4") if bias else None
    # Asymmetric pads: pad explicitly (torch's F.pad lists the last dim first).
    torch_pad = []
    for i in reversed(range(dims)):
        torch_pad += [pad[i], pad[dims + i]]
    xt = F.pad(torch.from_numpy(x), torch_pad)
    fn = F.conv1d if dims == 1 else F.conv2d
    want = fn(xt, torch.from_numpy(w), None if b is None else torch.from_numpy(b),
              stride=stride, dilation=dil, groups=group).numpy()
    args = [x, w] + ([b] if b is not None else [])
    check(name, "nn.conv", args, want,
          attrs(strides=stride, pads=pad, dilations=dil, group=group))


def conv_transpose(name, n, c, h, w, f, k, stride=(1, 1), pad=(0, 0, 0, 0),
                   group=1):
    x = rng.randn(n, c, h, w).astype("f4")
    wt = rng.randn(c, f // group, k[0], k[1]).astype("f4")
    b = rng.randn(f).astype("f4")
    full = F.conv_transpose2d(torch.from_numpy(x), torch.from_numpy(wt),
                              torch.from_numpy(b), stride=stride,
                              groups=group).numpy()
    oh = full.shape[2] - pad[0] - pad[2]
    ow = full.shape[3] - pad[1] - pad[3]
    want = np.ascontiguousarray(full[:, :, pad[0]:pad[0] + oh,
                                     pad[1]:pad[1] + ow])
    check(name, "nn.conv_transpose", [x, wt, b], want,
          attrs(strides=stride, pads=pad, group=group))


def weight_grad(name, n, c, h, w, f, k, stride=(1, 1), pad=(0, 0, 0, 0),
                dil=(1, 1), group=1):
    x = rng.randn(n, c, h, w).astype("f4")
    xt = F.pad(torch.from_numpy(x), (pad[1], pad[3], pad[0], pad[2]))
    wt = torch.zeros(f, c // group, k[0], k[1], requires_grad=True)
    y = F.conv2d(xt, wt, stride=stride, dilation=dil, groups=group)
    dy = rng.randn(*y.shape).astype("f4")
    y.backward(torch.from_numpy(dy))
    check(name, "nn.conv_weight_grad", [x, dy], wt.grad.numpy(),
          attrs(strides=stride, pads=pad, dilations=dil, group=group))


conv("conv_strided", (2, 5, 13, 11), 9, (3, 3), stride=(2, 2),
     pad=(1, 1, 1, 1))
conv("conv_dilated", (1, 8, 12, 12), 16, (3, 3), pad=(2, 1, 0, 2), dil=(2, 1))
conv("conv_resnet", (1, 64, 14, 14), 64, (3, 3), pad=(1, 1, 1, 1),
     bias=False)
conv("conv_1x1", (2, 32, 7, 7), 48, (1, 1))
conv("conv_1d", (2, 6, 20), 10, (5,), stride=(2,), pad=(2, 1))
conv("conv_group", (1, 8, 9, 9), 16, (3, 3), pad=(1, 1, 1, 1), group=2)
conv("conv_depthwise", (1, 16, 10, 10), 16, (3, 3), pad=(1, 1, 1, 1),
     group=16)
conv("conv_one_filter", (2, 16, 14, 14), 1, (3, 3), pad=(1, 1, 1, 1))
conv_transpose("ct_dcgan", 2, 16, 4, 4, 8, (4, 4), stride=(2, 2),
               pad=(1, 1, 1, 1))
conv_transpose("ct_group", 1, 8, 5, 5, 16, (3, 3), stride=(2, 2),
               pad=(1, 1, 1, 1), group=2)
weight_grad("wg_small", 1, 3, 4, 4, 5, (3, 3), pad=(1, 1, 1, 1))
weight_grad("wg_strided", 4, 8, 17, 16, 12, (3, 2), stride=(2, 3),
            pad=(1, 0, 2, 1), dil=(2, 1))
weight_grad("wg_group", 2, 8, 10, 10, 16, (3, 3), pad=(1, 1, 1, 1), group=2)
