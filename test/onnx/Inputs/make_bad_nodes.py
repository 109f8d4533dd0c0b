"""Writes models whose nodes break their ONNX schema into DIR (argv[1]); the
loader must reject each with one message (fuzzer findings: converters used to
dereference the missing input / tensor)."""
import os
import sys

import onnx
from onnx import TensorProto, helper

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3])


def save(name, nodes, inputs, output):
    graph = helper.make_graph(
        nodes, name, inputs,
        [helper.make_tensor_value_info(output, TensorProto.FLOAT, None)])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    with open(os.path.join(out, name + ".onnx"), "wb") as f:
        f.write(model.SerializeToString())


# Shape needs exactly one input.
save("no_input", [helper.make_node("Shape", [], ["y"], name="shape")], [x], "y")
# Add's second input is required, not optional.
save("empty_input", [helper.make_node("Add", ["x", ""], ["y"], name="add")],
     [x], "y")
# Constant's `value` declared as a tensor attribute that holds none.
value = helper.make_attribute("value", 1.0)
value.type = onnx.AttributeProto.TENSOR
node = helper.make_node("Constant", [], ["y"], name="c")
node.attribute.append(value)
save("no_tensor", [node], [], "y")
# Static dims whose element count overflows int64.
big = helper.make_tensor_value_info("x", TensorProto.FLOAT, [2**40, 2**40])
save("huge_input", [helper.make_node("Relu", ["x"], ["y"], name="relu")],
     [big], "y")
