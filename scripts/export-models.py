#!/usr/bin/python3
"""Exports one small PyTorch model per family to ONNX for scripts/check-models.sh.

For each model NAME this writes DIR/NAME/model.onnx (torch.onnx.export, opset
17, eval mode, constant folding), DIR/NAME/input_0.npy (a seeded float32
input) and DIR/NAME/ref_<i>.npy (PyTorch's outputs on that input, in the graph
output order). Everything is seeded per model, so a re-export is identical.

Usage: /usr/bin/python3 scripts/export-models.py [DIR] [NAME...]
  DIR defaults to build/models (never committed); NAMEs default to all of
  mlp cnn resnet18 mobilenetv2 lstm gru transformer dcgan autoencoder.
"""
import os
import sys

import numpy as np
import torch
from torch import nn


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10)
        )

    def forward(self, x):
        return self.net(x)


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.classifier = nn.Sequential(
            nn.Linear(16 * 4 * 4, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10)
        )

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


class Recurrent(nn.Module):
    """Wraps nn.LSTM / nn.GRU so every state comes out as a graph output."""

    def __init__(self, cell):
        super().__init__()
        self.rnn = cell(input_size=16, hidden_size=32, num_layers=2)

    def forward(self, x):
        out, state = self.rnn(x)
        return (out,) + (tuple(state) if isinstance(state, tuple) else (state,))


class DcganGenerator(nn.Module):
    """The DCGAN generator (Radford et al.), nz=100, ngf=32, 64x64 RGB."""

    def __init__(self, nz=100, ngf=32):
        super().__init__()

        def up(cin, cout, stride, pad):
            return [nn.ConvTranspose2d(cin, cout, 4, stride, pad, bias=False),
                    nn.BatchNorm2d(cout), nn.ReLU(True)]

        self.net = nn.Sequential(
            *up(nz, ngf * 8, 1, 0), *up(ngf * 8, ngf * 4, 2, 1),
            *up(ngf * 4, ngf * 2, 2, 1), *up(ngf * 2, ngf, 2, 1),
            nn.ConvTranspose2d(ngf, 3, 4, 2, 1, bias=False), nn.Tanh(),
        )

    def forward(self, z):
        return self.net(z)


class ConvAutoencoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 16, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),
        )
        self.decoder = nn.Sequential(
            nn.ConvTranspose2d(32, 16, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
            nn.ConvTranspose2d(16, 1, 3, stride=2, padding=1, output_padding=1), nn.Sigmoid(),
        )

    def forward(self, x):
        return self.decoder(self.encoder(x))


def randomize_batchnorm(model):
    """Non-trivial eval-mode statistics, so BatchNorm is not an identity."""
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.2, 0.2)
            m.running_mean.uniform_(-0.2, 0.2)
            m.running_var.uniform_(0.5, 1.5)
    return model


def resnet18():
    import torchvision
    return randomize_batchnorm(torchvision.models.resnet18(weights=None))


def mobilenetv2():
    import torchvision
    return randomize_batchnorm(torchvision.models.mobilenet_v2(weights=None))


def transformer():
    layer = nn.TransformerEncoderLayer(d_model=64, nhead=4, dim_feedforward=128, dropout=0.0)
    model = nn.TransformerEncoder(layer, num_layers=2)
    # TransformerEncoder deep-copies one layer: identical initializers that the
    # exporter would share between the layers. Give each layer its own weights.
    for layer in model.layers:
        for name, p in layer.named_parameters():
            if p.dim() > 1:
                nn.init.xavier_uniform_(p)
            elif "norm" in name and name.endswith("weight"):
                p.data.uniform_(0.8, 1.2)
            else:
                p.data.uniform_(-0.1, 0.1)
    return model


# name -> (constructor, input shape). batch_first=False keeps the Transformer
# off PyTorch's fused fast path, which has no ONNX export.
MODELS = {
    "mlp": (Mlp, (4, 64)),
    "cnn": (LeNet, (2, 1, 28, 28)),
    "resnet18": (resnet18, (1, 3, 224, 224)),
    "mobilenetv2": (mobilenetv2, (1, 3, 224, 224)),
    "lstm": (lambda: Recurrent(nn.LSTM), (10, 3, 16)),
    "gru": (lambda: Recurrent(nn.GRU), (10, 3, 16)),
    "transformer": (transformer, (10, 2, 64)),
    "dcgan": (lambda: randomize_batchnorm(DcganGenerator()), (2, 100, 1, 1)),
    "autoencoder": (ConvAutoencoder, (2, 1, 28, 28)),
}


def export(name, directory):
    build, shape = MODELS[name]
    torch.manual_seed(0)
    np.random.seed(0)
    model = build().eval()
    x = torch.from_numpy(np.random.default_rng(0).standard_normal(shape).astype(np.float32))
    with torch.no_grad():
        outputs = model(x)
    if isinstance(outputs, torch.Tensor):
        outputs = (outputs,)
    out_dir = os.path.join(directory, name)
    os.makedirs(out_dir, exist_ok=True)
    torch.onnx.export(
        model, (x,), os.path.join(out_dir, "model.onnx"), opset_version=17,
        do_constant_folding=True, training=torch.onnx.TrainingMode.EVAL,
        input_names=["input_0"], output_names=[f"output_{i}" for i in range(len(outputs))],
    )
    np.save(os.path.join(out_dir, "input_0.npy"), x.numpy())
    for i, y in enumerate(outputs):
        np.save(os.path.join(out_dir, f"ref_{i}.npy"), y.numpy())
    print(f"exported {name}: {len(outputs)} output(s) -> {out_dir}", flush=True)


def main(argv):
    directory = "build/models"
    if argv and argv[0] not in MODELS:
        directory = argv.pop(0)
    names = argv or list(MODELS)
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        sys.exit(f"error: unknown model(s) {' '.join(unknown)}; known: {' '.join(MODELS)}")
    for name in names:
        export(name, directory)


if __name__ == "__main__":
    main(sys.argv[1:])
