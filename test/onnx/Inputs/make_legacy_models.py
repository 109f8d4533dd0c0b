"""Writes small pre-opset-7 ONNX models and --bind tensors into argv[1].

They cover the old-opset semantics the backend tests do not (legacy
broadcasting with an axis, attribute checks) and the --bind error cases.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def save(name, nodes, inputs, outputs, opset=6, inits=()):
    graph = helper.make_graph(nodes, name, inputs, outputs, list(inits))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 3
    with open(os.path.join(out, name + ".onnx"), "wb") as f:
        f.write(model.SerializeToString())


def vi(name, shape, dtype=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, dtype, shape)


def tensor(name, array):
    with open(os.path.join(out, name + ".pb"), "wb") as f:
        f.write(numpy_helper.from_array(array).SerializeToString())


# Add with broadcast=1, axis=1: B [3, 4] lines up with A's dims 1 and 2.
save("add_axis", [helper.make_node("Add", ["a", "b"], ["y"], name="add", broadcast=1, axis=1)],
     [vi("a", [2, 3, 4, 5]), vi("b", [3, 4])], [vi("y", [2, 3, 4, 5])])
# Mul with broadcast=1 and no axis: suffix matching.
save("mul_suffix", [helper.make_node("Mul", ["a", "b"], ["y"], name="mul", broadcast=1)],
     [vi("a", [2, 3, 4, 5]), vi("b", [5])], [vi("y", [2, 3, 4, 5])])
# Without broadcast the shapes must be equal.
save("sub_no_broadcast", [helper.make_node("Sub", ["a", "b"], ["y"], name="sub")],
     [vi("a", [2, 3]), vi("b", [3])], [vi("y", [2, 3])])
# B [3, 4] does not fit A's rank 4 at axis 3.
save("add_bad_axis", [helper.make_node("Add", ["a", "b"], ["y"], name="add", broadcast=1, axis=3)],
     [vi("a", [2, 3, 4, 5]), vi("b", [3, 4])], [vi("y", [2, 3, 4, 5])])
# BatchNormalization: spatial=0 and training mode are rejected.
bn_inputs = [vi("x", [2, 3, 4]), vi("s", [3]), vi("b", [3]), vi("m", [3]), vi("v", [3])]
save("bn_spatial0", [helper.make_node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y"],
                                      name="bn", is_test=1, spatial=0)],
     bn_inputs, [vi("y", [2, 3, 4])])
save("bn_training", [helper.make_node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y"],
                                      name="bn")],
     bn_inputs, [vi("y", [2, 3, 4])])
# Dropout is an identity only with is_test=1.
save("dropout_test", [helper.make_node("Dropout", ["x"], ["y"], name="drop", is_test=1),
                      helper.make_node("Relu", ["y"], ["z"], name="relu")],
     [vi("x", [2, 3])], [vi("z", [2, 3])])
save("dropout_train", [helper.make_node("Dropout", ["x"], ["y"], name="drop")],
     [vi("x", [2, 3])], [vi("y", [2, 3])])
# Concat's axis defaults to 1 before opset 4.
save("concat_default_axis", [helper.make_node("Concat", ["a", "b"], ["y"], name="cat")],
     [vi("a", [2, 3]), vi("b", [2, 5])], [vi("y", [2, 8])], opset=3)
# Gemm before opset 7 without broadcast=1 needs C of shape [M, N].
save("gemm_no_broadcast", [helper.make_node("Gemm", ["a", "b", "c"], ["y"], name="gemm")],
     [vi("a", [2, 4]), vi("b", [4, 3]), vi("c", [3])], [vi("y", [2, 3])])
# Cast names its target type before opset 6.
save("cast_string_to", [helper.make_node("Cast", ["x"], ["y"], name="cast", to="DOUBLE")],
     [vi("x", [2, 3])], [vi("y", [2, 3], TensorProto.DOUBLE)], opset=1)
# Erf appeared in opset 9.
save("erf_opset6", [helper.make_node("Erf", ["x"], ["y"], name="erf")],
     [vi("x", [2, 3])], [vi("y", [2, 3])])

# --bind tensors for node/test_reshape_reordered_last_dims (shape: int64 [3]).
tensor("shape_i32", np.array([2, 4, 3], dtype=np.int32))
tensor("shape_rank2", np.array([[2, 4, 3]], dtype=np.int64))
tensor("shape_len2", np.array([6, 4], dtype=np.int64))
