"""Writes malformed ONNX models, one per kind the loader must reject cleanly.

Usage: make_malformed.py OUTDIR
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def save(name, graph, opset=13):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    with open(os.path.join(out, name), "wb") as f:
        f.write(model.SerializeToString())


x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3])
y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 3])

# A valid model whose bytes get flipped below.
good = helper.make_graph([helper.make_node("Relu", ["x"], ["y"], name="r")], "g", [x], [y])
save("good.onnx", good)
data = bytearray(open(os.path.join(out, "good.onnx"), "rb").read())
for i in range(0, len(data), 7):
    data[i] ^= 0xFF
open(os.path.join(out, "flipped.onnx"), "wb").write(bytes(data))

# A negative dimension in an initializer.
neg = helper.make_tensor("w", TensorProto.FLOAT, [2, 3], np.zeros(6, np.float32))
neg.dims[1] = -3
save("negative_dim.onnx", helper.make_graph(
    [helper.make_node("Add", ["x", "w"], ["y"], name="add")], "g", [x], [y], [neg]))

# An initializer whose shape disagrees with its declared graph input type.
w = numpy_helper.from_array(np.zeros((3, 2), np.float32), "w")
w_decl = helper.make_tensor_value_info("w", TensorProto.FLOAT, [2, 3])
save("init_mismatch.onnx", helper.make_graph(
    [helper.make_node("Add", ["x", "w"], ["y"], name="add")], "g", [x, w_decl], [y], [w]))

# A cycle: a -> b -> a.
save("cycle.onnx", helper.make_graph(
    [helper.make_node("Add", ["x", "b"], ["a"], name="n1"),
     helper.make_node("Relu", ["a"], ["b"], name="n2"),
     helper.make_node("Relu", ["a"], ["y"], name="n3")], "g", [x], [y]))

# An attribute of the wrong type: Softmax's axis as a float.
sm = helper.make_node("Softmax", ["x"], ["y"], name="sm")
sm.attribute.append(helper.make_attribute("axis", 1.5))
save("attr_type.onnx", helper.make_graph([sm], "g", [x], [y]))

# An extreme attribute value: a kernel of 2^62.
x4 = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1, 4, 4])
y4 = helper.make_tensor_value_info("y", TensorProto.FLOAT, None)
save("huge_kernel.onnx", helper.make_graph(
    [helper.make_node("MaxPool", ["x"], ["y"], name="mp", kernel_shape=[2**62, 2**62],
                      pads=[2**62, 2**62, 2**62, 2**62])], "g", [x4], [y4]))

# A huge declared initializer with no data.
big = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[1 << 40])
save("huge_init.onnx", helper.make_graph(
    [helper.make_node("Add", ["x", "w"], ["y"], name="add")], "g", [x], [y], [big]))

# Max-6 over inputs of different element types (a fuzzer finding: the first
# pairwise op fails, and the next step must not use its missing result).
xf = helper.make_tensor_value_info("a", TensorProto.FLOAT, [2])
xi = helper.make_tensor_value_info("b", TensorProto.INT64, [2])
yf = helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])
save("max_mixed_types.onnx", helper.make_graph(
    [helper.make_node("Max", ["a", "b", "a"], ["y"], name="mx")], "g", [xf, xi], [yf]), opset=6)
