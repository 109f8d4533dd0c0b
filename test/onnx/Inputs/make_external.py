"""Writes models whose initializers use ONNX external data into DIR (argv[1]).

DIR/ok/model.onnx + weights.bin: y = MatMul(x, w) + b, w 4x8 all 1.0 (a
resource blob), b = 0..7 (dense); both tensors in weights.bin, b at an offset.
The error cases reuse that model with edited external_data entries: a missing
file, a short file, a location with '..', an absolute location.
"""
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

out = sys.argv[1]
ok = os.path.join(out, "ok")
os.makedirs(ok, exist_ok=True)

w = numpy_helper.from_array(np.ones((4, 8), np.float32), "w")
b = numpy_helper.from_array(np.arange(8, dtype=np.float32), "b")
graph = helper.make_graph(
    [helper.make_node("MatMul", ["x", "w"], ["xw"], name="mm"),
     helper.make_node("Add", ["xw", "b"], ["y"], name="add")],
    "external",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 4])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 8])],
    [w, b])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
onnx.save_model(model, os.path.join(ok, "model.onnx"),
                save_as_external_data=True, all_tensors_to_one_file=True,
                location="weights.bin", size_threshold=0)

saved = onnx.load(os.path.join(ok, "model.onnx"), load_external_data=False)
assert all(t.data_location == TensorProto.EXTERNAL
           for t in saved.graph.initializer)


def variant(name, location=None, weights=None):
    """DIR/name/model.onnx: `saved` with w's location replaced and weights.bin
    holding `weights` (None: no file)."""
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    m = onnx.ModelProto()
    m.CopyFrom(saved)
    if location is not None:
        for entry in m.graph.initializer[0].external_data:
            if entry.key == "location":
                entry.value = location
    with open(os.path.join(d, "model.onnx"), "wb") as f:
        f.write(m.SerializeToString())
    if weights is not None:
        with open(os.path.join(d, "weights.bin"), "wb") as f:
            f.write(weights)


data = open(os.path.join(ok, "weights.bin"), "rb").read()
variant("missing")
variant("short", weights=data[:100])
variant("escape", location="../ok/weights.bin", weights=data)
variant("absolute", location=os.path.abspath(os.path.join(ok, "weights.bin")),
        weights=data)
