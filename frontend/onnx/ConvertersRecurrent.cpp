//===- ConvertersRecurrent.cpp - ONNX RNN/GRU/LSTM → nn ---------*- C++ -*-===//
//
// RNN, GRU and LSTM (opsets 7..17) become one nn.rnn / nn.gru / nn.lstm each.
// Absent optional inputs (empty names) become absent operand groups; the
// attributes map one to one, except that activation_alpha/activation_beta
// keep only the values the activations consume (the nn verifier rejects a
// surplus) and that `layout = 1` (batch-first) models get nn.transpose ops
// around the op, which is always sequence-major. Outputs are bound only where
// the node names them.
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/Converters.h"

#include <type_traits>

using namespace mlir;
using namespace mlir::nn;
using namespace mlir::nn::onnx_import;

namespace {
NamedAttribute named(NodeContext &c, StringRef name, Attribute value) {
  return NamedAttribute(StringAttr::get(&c.g.getContext(), name), value);
}

/// An activation ONNX defines for recurrent layers, with how many alpha and
/// beta values it consumes.
struct Activation {
  StringRef name;
  int alphas, betas;
};

constexpr Activation kActivations[] = {
    {"Relu", 0, 0},
    {"Tanh", 0, 0},
    {"Sigmoid", 0, 0},
    {"Softsign", 0, 0},
    {"Softplus", 0, 0},
    {"LeakyRelu", 1, 0},
    {"ThresholdedRelu", 1, 0},
    {"Elu", 1, 0},
    {"Affine", 1, 1},
    {"ScaledTanh", 1, 1},
    {"HardSigmoid", 1, 1},
};

/// The activation spelled `name` in any letter case (as ONNX Runtime
/// accepts), or null.
const Activation *findActivation(StringRef name) {
  for (const Activation &a : kActivations) {
    if (a.name.equals_insensitive(name)) {
      return &a;
    }
  }
  return nullptr;
}

/// Adds `activations`, `activation_alpha` and `activation_beta`. Without an
/// activations attribute the op's defaults (the ONNX ones: Tanh for RNN,
/// Sigmoid/Tanh for GRU, Sigmoid/Tanh/Tanh for LSTM) take no parameters, so
/// any alpha/beta values are unused and dropped.
LogicalResult addActivationAttrs(NodeContext &c, int64_t perDirection,
                                 int64_t numDirections,
                                 SmallVectorImpl<NamedAttribute> &attrs) {
  SmallVector<StringRef> names;
  if (const onnx::AttributeProto *a = c.attr("activations")) {
    for (const std::string &s : a->strings()) {
      const Activation *act = findActivation(s);
      if (!act) {
        return c.fail("unknown activation '" + s +
                      "'; expected one of Relu, Tanh, Sigmoid, Affine, "
                      "LeakyRelu, ThresholdedRelu, ScaledTanh, HardSigmoid, "
                      "Elu, Softsign, Softplus");
      }
      names.push_back(act->name);
    }
  }
  if (names.empty()) {
    return success();
  }
  SmallVector<double> alphas, betas;
  if (const onnx::AttributeProto *a = c.attr("activation_alpha")) {
    alphas.assign(a->floats().begin(), a->floats().end());
  }
  if (const onnx::AttributeProto *a = c.attr("activation_beta")) {
    betas.assign(a->floats().begin(), a->floats().end());
  }
  int64_t takesAlpha = 0, takesBeta = 0;
  for (StringRef name : names) {
    takesAlpha += findActivation(name)->alphas;
    takesBeta += findActivation(name)->betas;
  }
  // A bidirectional layer listing one direction's functions uses them for
  // both (as ONNX Runtime does), with the same parameters.
  if (numDirections == 2 &&
      static_cast<int64_t>(names.size()) == perDirection) {
    names.append(SmallVector<StringRef>(names));
    if (static_cast<int64_t>(alphas.size()) == takesAlpha) {
      alphas.append(SmallVector<double>(alphas));
    }
    if (static_cast<int64_t>(betas.size()) == takesBeta) {
      betas.append(SmallVector<double>(betas));
    }
    takesAlpha *= 2;
    takesBeta *= 2;
  }
  if (static_cast<int64_t>(names.size()) != perDirection * numDirections) {
    return c.fail("expected " + Twine(perDirection * numDirections) +
                  " activations (" + Twine(perDirection) +
                  " per direction), got " + Twine(names.size()) +
                  "; fix the activations attribute");
  }
  Builder b(&c.g.getContext());
  attrs.push_back(named(c, "activations", b.getStrArrayAttr(names)));
  alphas.truncate(std::min<int64_t>(alphas.size(), takesAlpha));
  betas.truncate(std::min<int64_t>(betas.size(), takesBeta));
  if (!alphas.empty()) {
    attrs.push_back(
        named(c, "activation_alpha", b.getDenseF64ArrayAttr(alphas)));
  }
  if (!betas.empty()) {
    attrs.push_back(named(c, "activation_beta", b.getDenseF64ArrayAttr(betas)));
  }
  return success();
}

/// Swaps dimensions 0 and 1 (batch-first ↔ sequence- or direction-first).
Value swapLeadingDims(NodeContext &c, Value v) {
  return c.g.op<TransposeOp>({v}, {c.g.i64s("perm", {1, 0, 2})});
}

/// RNN / GRU / LSTM. Inputs: X, W, R, B, sequence_lens, initial_h (and for
/// LSTM initial_c, P); outputs: Y, Y_h (and for LSTM Y_c).
template <typename OpTy> LogicalResult convertRecurrent(NodeContext &c) {
  constexpr bool isLstm = std::is_same_v<OpTy, LstmOp>;
  std::string direction = c.getString("direction", "forward");
  RnnDirection kind;
  if (direction == "forward") {
    kind = RnnDirection::forward;
  } else if (direction == "reverse") {
    kind = RnnDirection::reverse;
  } else if (direction == "bidirectional") {
    kind = RnnDirection::bidirectional;
  } else {
    return c.fail("unknown direction '" + direction +
                  "'; expected forward, reverse or bidirectional");
  }
  int64_t numDirections = kind == RnnDirection::bidirectional ? 2 : 1;
  int64_t layout = c.getInt("layout", 0);
  if (layout != 0 && layout != 1) {
    return c.fail("layout must be 0 or 1, got " + Twine(layout));
  }

  // hidden_size: the attribute, else the rows of W over the gate count.
  int64_t hiddenSize = c.getInt("hidden_size", 0);
  if (!c.attr("hidden_size")) {
    auto w = dyn_cast<RankedTensorType>(c.input(1).getType());
    if (!w || w.getRank() != 3 || w.isDynamicDim(1) ||
        w.getDimSize(1) % OpTy::kGates != 0) {
      return c.fail("the hidden_size attribute is missing and W's shape does "
                    "not give it; add hidden_size to the node");
    }
    hiddenSize = w.getDimSize(1) / OpTy::kGates;
  }

  SmallVector<NamedAttribute> attrs = {c.g.i64("hidden_size", hiddenSize)};
  if (kind != RnnDirection::forward) {
    attrs.push_back(
        named(c, "direction", RnnDirectionAttr::get(&c.g.getContext(), kind)));
  }
  if (failed(addActivationAttrs(c, OpTy::kActivationsPerDirection,
                                numDirections, attrs))) {
    return failure();
  }
  if (c.attr("clip")) {
    attrs.push_back(c.g.f64("clip", c.getFloat("clip", 0.0)));
  }
  if constexpr (std::is_same_v<OpTy, GruOp>) {
    if (c.getInt("linear_before_reset", 0)) {
      attrs.push_back(c.g.boolean("linear_before_reset", true));
    }
  }
  if constexpr (isLstm) {
    if (c.getInt("input_forget", 0)) {
      attrs.push_back(c.g.boolean("input_forget", true));
    }
  }

  // Operands: X, W, R, then one group (0 or 1 value) per optional input.
  Value x = c.input(0);
  if (layout == 1) {
    x = swapLeadingDims(c, x);
  }
  SmallVector<Value> operands = {x, c.input(1), c.input(2)};
  SmallVector<int32_t> segments = {1, 1, 1};
  constexpr int numInputs = isLstm ? 8 : 6;
  for (int i = 3; i < numInputs; ++i) {
    if (!c.hasInput(i)) {
      segments.push_back(0);
      continue;
    }
    Value v = c.input(i);
    // initial_h and initial_c are [batch, D, hidden] in layout 1.
    bool isState = i == 5 || i == 6;
    if (layout == 1 && isState) {
      v = swapLeadingDims(c, v);
    }
    operands.push_back(v);
    segments.push_back(1);
  }
  attrs.push_back(named(c, "operandSegmentSizes",
                        DenseI32ArrayAttr::get(&c.g.getContext(), segments)));

  SmallVector<Value> results = c.g.ops<OpTy>(operands, attrs);
  if (results.empty()) {
    return failure();
  }
  if (c.outputUsed(0)) {
    Value y = results[0];
    if (layout == 1) {
      // [seq, D, batch, hidden] → [batch, seq, D, hidden].
      y = c.g.op<TransposeOp>({y}, {c.g.i64s("perm", {2, 0, 1, 3})});
    }
    c.setOutput(0, y);
  }
  for (int i = 1; i < static_cast<int>(results.size()); ++i) {
    if (c.outputUsed(i)) {
      c.setOutput(i, layout == 1 ? swapLeadingDims(c, results[i]) : results[i]);
    }
  }
  return success();
}
} // namespace

void mlir::nn::onnx_import::addRecurrentConverters(ConverterTable &table) {
  table["RNN"] = convertRecurrent<RnnOp>;
  table["GRU"] = convertRecurrent<GruOp>;
  table["LSTM"] = convertRecurrent<LstmOp>;
}
