"""Writes small ONNX models for the importer tests into the directory argv[1].

Malformed ones (truncated file, opset 999, wrong raw_data length, dangling
input, unsupported ops) check the clean `error:` line; the others cover what
the backend node tests cannot (constant shape/axes/bounds inputs, blobs).
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def save(name, nodes, inputs, outputs, inits=(), opset=13):
    graph = helper.make_graph(nodes, name, inputs, outputs, list(inits))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    path = os.path.join(out, name + ".onnx")
    with open(path, "wb") as f:
        f.write(model.SerializeToString())
    return path


def vi(name, shape, dtype=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, dtype, shape)


relu = save("relu", [helper.make_node("Relu", ["x"], ["y"], name="r")],
            [vi("x", [2, 3])], [vi("y", [2, 3])])

# Truncated: half of a valid file.
data = open(relu, "rb").read()
with open(os.path.join(out, "truncated.onnx"), "wb") as f:
    f.write(data[: len(data) // 2])

save("opset999", [helper.make_node("Relu", ["x"], ["y"], name="r")],
     [vi("x", [2, 3])], [vi("y", [2, 3])], opset=999)

bad = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[4, 4],
                  raw_data=b"\0" * 10)
save("bad_raw_data", [helper.make_node("Add", ["x", "w"], ["y"], name="add")],
     [vi("x", [4, 4])], [vi("y", [4, 4])], [bad])

save("dangling", [helper.make_node("Add", ["x", "nowhere"], ["y"], name="add0")],
     [vi("x", [2])], [vi("y", [2])])

save("unsupported",
     [helper.make_node("Relu", ["x"], ["a"], name="ok"),
      helper.make_node("Hardmax", ["a"], ["b"], name="hm"),
      helper.make_node("Foo", ["b"], ["y"], name="foo", domain="com.example")],
     [vi("x", [2, 3])], [vi("y", [2, 3])])

# Valid: constant shape with 0 and -1, constant axes and clip bounds, a
# weight large enough to become a resource blob, opset-11 softmax over a
# flattened block.
w = numpy_helper.from_array(np.arange(24, dtype=np.float32).reshape(4, 6), "w")
shape = numpy_helper.from_array(np.array([0, -1], dtype=np.int64), "shape")
axes = numpy_helper.from_array(np.array([0], dtype=np.int64), "axes")
lo = numpy_helper.from_array(np.array(0.0, dtype=np.float32), "lo")
hi = numpy_helper.from_array(np.array(6.0, dtype=np.float32), "hi")
save("constants",
     [helper.make_node("MatMul", ["x", "w"], ["m"], name="mm"),
      helper.make_node("Reshape", ["m", "shape"], ["r"], name="rs"),
      helper.make_node("Clip", ["r", "lo", "hi"], ["c"], name="clip"),
      helper.make_node("Unsqueeze", ["c", "axes"], ["u"], name="unsq"),
      helper.make_node("Squeeze", ["u", "axes"], ["y"], name="sq")],
     [vi("x", ["batch", 4])], [vi("y", ["batch", 6])], [w, shape, axes, lo, hi])

save("softmax11", [helper.make_node("Softmax", ["x"], ["y"], name="sm")],
     [vi("x", [2, 3, 4])], [vi("y", [2, 3, 4])], opset=11)
