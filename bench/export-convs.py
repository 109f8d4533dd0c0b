"""Exports the distinct conv layers of ResNet-18 (batch 1, 224x224 input) as
one-op models, in scripts/export-models.py's layout, for bench/models.py:
DIR/<name>/{model.onnx, input_0.npy, ref_0.npy, model.pt, flops.txt}. model.pt is the
whole torch module (torch.save), which bench/models.py times as PyTorch eager.
Names read conv<k>x<k>_<cin>to<cout>_s<stride>_<H>. Usage: export-convs.py DIR
"""
import os
import sys

import numpy as np
import torch
from torch import nn

# (cin, cout, kernel, stride, input H=W)
LAYERS = [(3, 64, 7, 2, 224), (64, 64, 3, 1, 56), (64, 128, 3, 2, 56), (128, 128, 3, 1, 28),
          (64, 128, 1, 2, 56), (128, 256, 3, 2, 28), (256, 256, 3, 1, 14), (128, 256, 1, 2, 28),
          (256, 512, 3, 2, 14), (512, 512, 3, 1, 7), (256, 512, 1, 2, 14)]


def main(directory):
    for cin, cout, k, s, h in LAYERS:
        name = f"conv{k}x{k}_{cin}to{cout}_s{s}_{h}"
        out = os.path.join(directory, name)
        if os.path.exists(os.path.join(out, "ref_0.npy")):
            print(name)
            continue
        os.makedirs(out, exist_ok=True)
        torch.manual_seed(0)
        model = nn.Conv2d(cin, cout, k, stride=s, padding=k // 2, bias=False).eval()
        x = torch.from_numpy(np.random.default_rng(0).standard_normal((1, cin, h, h)).astype(np.float32))
        with torch.no_grad():
            y = model(x)
        torch.onnx.export(model, (x,), os.path.join(out, "model.onnx"), opset_version=17,
                          input_names=["input_0"], output_names=["output_0"])
        torch.save(model, os.path.join(out, "model.pt"))
        np.save(os.path.join(out, "input_0.npy"), x.numpy())
        np.save(os.path.join(out, "ref_0.npy"), y.numpy())
        with open(os.path.join(out, "flops.txt"), "w") as f:  # 2 per MAC
            f.write(str(2 * cin * cout * k * k * y.shape[2] * y.shape[3]))
        print(name)


if __name__ == "__main__":
    main(sys.argv[1])
