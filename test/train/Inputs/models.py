"""The small PyTorch models of the nn-train tests, shared by the exporter
(make_data.py) and the reference trainer (torch_curve.py)."""
import torch
from torch import nn


def mlp():
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))


def cnn():
    # [N, 1, 8, 8] -> 3 classes.
    return nn.Sequential(
        nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(4, 6, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(6 * 2 * 2, 3))


def autoencoder():
    # [N, 1, 8, 8] -> [N, 1, 8, 8] in (0, 1).
    return nn.Sequential(
        nn.Conv2d(1, 4, 3, stride=2, padding=1), nn.ReLU(),
        nn.ConvTranspose2d(4, 1, 4, stride=2, padding=1), nn.Sigmoid())


def binary():
    # [N, 4] -> probability [N, 1].
    return nn.Sequential(nn.Linear(4, 6), nn.Tanh(), nn.Linear(6, 1), nn.Sigmoid())


MODELS = {"mlp": (mlp, (4,)), "binary": (binary, (4,)), "cnn": (cnn, (1, 8, 8)),
          "autoencoder": (autoencoder, (1, 8, 8))}


def export(name, path):
    torch.manual_seed(0)
    build, sample = MODELS[name]
    model = build()
    torch.onnx.export(model, torch.zeros(2, *sample), path, opset_version=17,
                      input_names=["x"], output_names=["y"],
                      dynamic_axes={"x": {0: "n"}, "y": {0: "n"}},
                      do_constant_folding=False)


def load(name, onnx_path):
    """The model with the initial weights stored in `onnx_path`."""
    import onnx
    from onnx import numpy_helper
    build, _ = MODELS[name]
    model = build()
    inits = {t.name: numpy_helper.to_array(t) for t in onnx.load(onnx_path).graph.initializer}
    state = {k: torch.tensor(inits[k]) for k in model.state_dict()}
    model.load_state_dict(state)
    return model
