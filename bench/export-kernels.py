"""Exports the kernel set of issue 9 as one-op (or one-layer) models, in
scripts/export-models.py's layout, for bench/models.py:
DIR/<name>/{model.onnx, input_0.npy, ref_0.npy, model.pt, flops.txt}.
model.pt is the module traced by torch.jit, which bench/models.py times
as PyTorch eager; flops.txt counts 2 per multiply-add.

  conv<k>x<k>_<cin>to<cout>_s<s>_<H>  the distinct conv layers of ResNet-18
  dw3x3_<c>_s<s>_<H>                  MobileNetV2's distinct depthwise convs
  lstm_step_<hidden>                  one LSTM time step, batch 1
  attention_seq<S>_d<D>               multi-head self-attention, batch 1

All take batch 1, as in inference. Usage: export-kernels.py DIR [GROUP...]
(GROUP: resnet18, depthwise, lstm, attention; default all). Prints the names.
"""
import os
import sys

import numpy as np
import torch
from torch import nn

# (cin, cout, kernel, stride, input H=W)
RESNET18 = [(3, 64, 7, 2, 224), (64, 64, 3, 1, 56), (64, 128, 3, 2, 56), (128, 128, 3, 1, 28),
            (64, 128, 1, 2, 56), (128, 256, 3, 2, 28), (256, 256, 3, 1, 14), (128, 256, 1, 2, 28),
            (256, 512, 3, 2, 14), (512, 512, 3, 1, 7), (256, 512, 1, 2, 14)]
# (channels, stride, input H=W): torchvision's mobilenet_v2 at 224x224.
DEPTHWISE = [(32, 1, 112), (96, 2, 112), (144, 1, 56), (144, 2, 56), (192, 1, 28), (192, 2, 28),
             (384, 1, 14), (576, 1, 14), (576, 2, 14), (960, 1, 7)]


class SelfAttention(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.mha = nn.MultiheadAttention(d, heads, batch_first=True)

    def forward(self, x):
        return self.mha(x, x, x, need_weights=False)[0]


class LstmStep(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.lstm = nn.LSTM(hidden, hidden)

    def forward(self, x):
        return self.lstm(x)[0]


def export(directory, name, model, shape, flops):
    out = os.path.join(directory, name)
    print(name)
    if os.path.exists(os.path.join(out, "ref_0.npy")):
        return
    os.makedirs(out, exist_ok=True)
    x = torch.from_numpy(np.random.default_rng(0).standard_normal(shape).astype(np.float32))
    with torch.no_grad():
        y = model(x)
    torch.onnx.export(model, (x,), os.path.join(out, "model.onnx"), opset_version=17,
                      input_names=["input_0"], output_names=["output_0"])
    torch.jit.trace(model, (x,), check_trace=False).save(os.path.join(out, "model.pt"))
    np.save(os.path.join(out, "input_0.npy"), x.numpy())
    np.save(os.path.join(out, "ref_0.npy"), y.numpy())
    with open(os.path.join(out, "flops.txt"), "w") as f:
        f.write(str(int(flops)))


def main(directory, groups):
    torch.manual_seed(0)
    if "resnet18" in groups:
        for cin, cout, k, s, h in RESNET18:
            model = nn.Conv2d(cin, cout, k, stride=s, padding=k // 2, bias=False).eval()
            o = (h + 2 * (k // 2) - k) // s + 1
            export(directory, f"conv{k}x{k}_{cin}to{cout}_s{s}_{h}", model, (1, cin, h, h),
                   2 * cin * cout * k * k * o * o)
    if "depthwise" in groups:
        for c, s, h in DEPTHWISE:
            model = nn.Conv2d(c, c, 3, stride=s, padding=1, groups=c, bias=False).eval()
            o = (h + 2 - 3) // s + 1
            export(directory, f"dw3x3_{c}_s{s}_{h}", model, (1, c, h, h), 2 * c * 9 * o * o)
    if "lstm" in groups:
        hidden = 256
        # 4 gates x (input + recurrent) matvec
        export(directory, f"lstm_step_{hidden}", LstmStep(hidden).eval(), (1, 1, hidden),
               2 * 4 * hidden * 2 * hidden)
    if "attention" in groups:
        seq, d, heads = 128, 256, 4
        # Q/K/V/out projections + scores + weighted sum
        export(directory, f"attention_seq{seq}_d{d}", SelfAttention(d, heads).eval(), (1, seq, d),
               2 * 4 * seq * d * d + 2 * 2 * seq * seq * d)


if __name__ == "__main__":
    main(sys.argv[1], set(sys.argv[2:]) or {"resnet18", "depthwise", "lstm", "attention"})
