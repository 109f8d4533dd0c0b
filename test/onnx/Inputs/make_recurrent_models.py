"""Writes small RNN/GRU/LSTM and LayerNormalization models into argv[1].

They cover what the backend node tests do not: bidirectional layers,
activations with alpha/beta (surplus values dropped), clip,
linear_before_reset, input_forget, layout = 1 with initial states, a missing
hidden_size, the error cases, and LayerNormalization's Mean / InvStdDev
outputs with other stash types.
"""
import os
import sys

from onnx import TensorProto, helper, save

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
F = TensorProto.FLOAT
F16 = TensorProto.FLOAT16


def model(name, op, inputs, outputs, attrs, opset=14):
    """One node `op` named n0; an input or output named "" is absent."""
    node = helper.make_node(op, [i[0] for i in inputs], [o[0] for o in outputs],
                            name="n0", **attrs)
    graph = helper.make_graph(
        [node], name,
        [helper.make_tensor_value_info(n, t, s) for n, t, s in inputs if n],
        [helper.make_tensor_value_info(n, t, s) for n, t, s in outputs if n])
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    save(m, os.path.join(out, name + ".onnx"))


NONE = ("", F, None)
rnn_xwr = [("X", F, [5, 3, 4]), ("W", F, [1, 8, 4]), ("R", F, [1, 8, 8])]
gru_xwr = [("X", F, [5, 3, 4]), ("W", F, [1, 24, 4]), ("R", F, [1, 24, 8])]
lstm_xwr = [("X", F, [5, 3, 4]), ("W", F, [1, 32, 4]), ("R", F, [1, 32, 8])]

# Bidirectional, batch-first with initial_h; LeakyRelu takes one alpha, so
# the second alpha and the beta are unused.
model("rnn_bidi", "RNN",
      [("X", F, [3, 5, 4]), ("W", F, [2, 8, 4]), ("R", F, [2, 8, 8]),
       ("B", F, [2, 16]), NONE, ("H0", F, [3, 2, 8])],
      [("Y", F, [3, 5, 2, 8]), ("Y_h", F, [3, 2, 8])],
      dict(hidden_size=8, direction="bidirectional",
           activations=["LeakyRelu", "tanh"], activation_alpha=[0.5, 0.25],
           activation_beta=[2.0], clip=5.0, layout=1))
# One activation for a bidirectional layer: used for both directions.
model("rnn_one_activation", "RNN",
      [("X", F, [5, 3, 4]), ("W", F, [2, 8, 4]), ("R", F, [2, 8, 8])],
      [NONE, ("Y_h", F, [2, 3, 8])],
      dict(hidden_size=8, direction="bidirectional", activations=["Relu"]))
# Opset 7, reverse, no hidden_size (24 rows / 3 gates = 8), default
# activations with a stray alpha.
model("gru_reverse", "GRU", gru_xwr, [("Y", F, [5, 1, 3, 8])],
      dict(direction="reverse", linear_before_reset=1, activation_alpha=[1.0]),
      opset=7)
# Batch-first with only initial_c; only Y_c is used.
model("lstm_forget", "LSTM",
      [("X", F, [3, 5, 4])] + lstm_xwr[1:] +
      [NONE, NONE, NONE, ("C0", F, [3, 1, 8])],
      [NONE, NONE, ("Y_c", F, [3, 1, 8])],
      dict(hidden_size=8, input_forget=1,
           activations=["HardSigmoid", "Tanh", "ScaledTanh"],
           activation_alpha=[0.25, 0.5, 9.0], activation_beta=[0.5, 1.5, 9.0],
           layout=1))

model("bad_direction", "RNN", rnn_xwr, [("Y", F, None)],
      dict(hidden_size=8, direction="sideways"))
model("bad_activation", "GRU", gru_xwr, [("Y", F, None)],
      dict(hidden_size=8, activations=["Sigmoid", "Gelu"]))
model("bad_activation_count", "LSTM", lstm_xwr, [("Y", F, None)],
      dict(hidden_size=8, activations=["Sigmoid", "Tanh"]))
model("bad_hidden_size", "LSTM", lstm_xwr, [("Y", F, None)],
      dict(hidden_size=7))
model("bad_layout", "GRU", gru_xwr, [("Y", F, None)],
      dict(hidden_size=8, layout=2))

# LayerNormalization: f16 with the default stash_type (float32) cannot give
# Mean; with stash_type = FLOAT16 it computes in f16.
model("ln_f16", "LayerNormalization", [("X", F16, [2, 3]), ("S", F16, [3])],
      [("Y", F16, None), ("M", F, None)], {}, opset=17)
model("ln_f16_stash", "LayerNormalization",
      [("X", F16, [2, 3]), ("S", F16, [3])],
      [("Y", F16, None), NONE, ("I", F16, None)],
      dict(stash_type=F16, epsilon=0.5), opset=17)
model("ln_axis_negative", "LayerNormalization",
      [("X", F, [2, 3, 4]), ("S", F, [3, 4])],
      [("Y", F, None), ("M", F, None), ("I", F, None)], dict(axis=-2), opset=17)
