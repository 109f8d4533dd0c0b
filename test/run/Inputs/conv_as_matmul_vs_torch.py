"""conv_as_matmul_vs_torch.py NN_RUN DIR: runs nn.conv_transpose and
nn.conv_weight_grad cases through nn-run (CPU pipeline, so 2-D groups = 1
cases take nn-cpu-conv-as-matmul, the others the direct lowering) and
compares each result with PyTorch (conv_transpose2d, and the weight
gradient of conv2d by autograd). Prints `ok NAME` per case, or the first
mismatch and exits 1."""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "lib"))
from nn_cases import expect_close, run, single_op  # noqa: E402

nn_run, out_dir = sys.argv[1], sys.argv[2]
os.makedirs(out_dir, exist_ok=True)
rng = np.random.RandomState(0)


def attrs(**kw):
    parts = [f"{k} = array<i64: {', '.join(str(v) for v in vals)}>"
             for k, vals in kw.items() if k != "group"]
    if kw.get("group", 1) != 1:
        parts.append(f"group = {kw['group']} : i64")
    return "{" + ", ".join(parts) + "}" if parts else ""


def check(name, op, args, want, attr):
    got, _ = run(nn_run, os.path.join(out_dir, name),
                 single_op(op, args, want, attr), args)
    expect_close(name, got, want)
    print("ok", name)


def conv_transpose(name, n, c, h, w, f, k, stride=(1, 1), pad=(0, 0, 0, 0),
                   out_pad=(0, 0), dil=(1, 1), group=1, bias=True):
    x = rng.randn(n, c, h, w).astype("f4")
    wt = rng.randn(c, f // group, k[0], k[1]).astype("f4")
    b = rng.randn(f).astype("f4") if bias else None
    # Asymmetric pads: run torch with the begin pads and crop the end.
    full = torch.nn.functional.conv_transpose2d(
        torch.from_numpy(x), torch.from_numpy(wt),
        None if b is None else torch.from_numpy(b), stride=stride,
        padding=0, output_padding=out_pad, groups=group, dilation=dil).numpy()
    oh = full.shape[2] - pad[0] - pad[2]
    ow = full.shape[3] - pad[1] - pad[3]
    want = np.ascontiguousarray(full[:, :, pad[0]:pad[0] + oh, pad[1]:pad[1] + ow])
    kw = dict(strides=stride, pads=pad, output_padding=out_pad, dilations=dil,
              group=group)
    args = [x, wt] + ([b] if b is not None else [])
    check(name, "nn.conv_transpose", args, want, attrs(**kw))


def weight_grad(name, n, c, h, w, f, k, stride=(1, 1), pad=(0, 0, 0, 0),
                dil=(1, 1), group=1):
    x = rng.randn(n, c, h, w).astype("f4")
    xt = torch.nn.functional.pad(torch.from_numpy(x),
                                 (pad[1], pad[3], pad[0], pad[2]))
    wt = torch.zeros(f, c // group, k[0], k[1], requires_grad=True)
    y = torch.nn.functional.conv2d(xt, wt, stride=stride, dilation=dil,
                                   groups=group)
    dy = rng.randn(*y.shape).astype("f4")
    y.backward(torch.from_numpy(dy))
    want = wt.grad.numpy()
    kw = dict(strides=stride, pads=pad, dilations=dil, group=group)
    check(name, "nn.conv_weight_grad", [x, dy], want, attrs(**kw))


conv_transpose("ct_plain", 1, 3, 4, 5, 2, (3, 3))
conv_transpose("ct_dcgan", 2, 16, 4, 4, 8, (4, 4), stride=(2, 2),
               pad=(1, 1, 1, 1), bias=False)
conv_transpose("ct_outpad", 1, 5, 3, 4, 6, (3, 2), stride=(3, 2),
               pad=(1, 0, 2, 1), out_pad=(1, 1), dil=(2, 1))
conv_transpose("ct_big", 2, 64, 8, 8, 32, (4, 4), stride=(2, 2),
               pad=(1, 1, 1, 1))
conv_transpose("ct_group", 1, 4, 5, 5, 6, (3, 3), stride=(2, 2),
               pad=(1, 1, 1, 1), group=2)
weight_grad("wg_plain", 4, 3, 6, 6, 5, (3, 3), pad=(1, 1, 1, 1))
weight_grad("wg_strided", 2, 4, 9, 8, 6, (3, 2), stride=(2, 3),
            pad=(1, 0, 2, 1), dil=(2, 1))
weight_grad("wg_big", 8, 16, 12, 12, 32, (3, 3), pad=(1, 1, 1, 1))
weight_grad("wg_group", 2, 4, 6, 6, 6, (3, 3), pad=(1, 1, 1, 1), group=2)
