//===- Recurrent.cpp - inference and checks of nn.rnn/gru/lstm --*- C++ -*-===//
//
// The three recurrent ops share their operands, attributes and invariants
// (NNRecurrentOps.td), so one checker, `inferRecurrentTypes`, validates every
// operand shape against `hidden_size` and `direction`, the activation
// attributes and `clip`, and builds the result types
//   y: [seq_length, D, batch_size, hidden_size], y_h (and y_c): [D, batch_size,
//   hidden_size].
// Each op only gathers its operands and attributes into a
// `RecurrentSignature` and calls it.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"

#include "llvm/ADT/StringSwitch.h"

#include <limits>
#include <type_traits>

using namespace mlir;
using namespace mlir::nn;

namespace {

/// What one recurrent op is made of, independent of which op it is. The
/// lstm-only operands are null for rnn and gru.
struct RecurrentSignature {
  /// G: gate blocks stacked in W and R.
  int64_t gates;
  /// Entries of `activations` each direction takes.
  int64_t activationsPerDirection;
  /// Whether the op has a cell state (lstm): a third result y_c.
  bool hasCellState;
  Value x, w, r, bias, sequenceLens, initialH, initialC, peepholes;
  IntegerAttr hiddenSize;
  RnnDirection direction;
  ArrayAttr activations;
  DenseF64ArrayAttr alpha, beta;
  FloatAttr clip;
};

/// Gathers the signature of `OpTy` (RnnOp, GruOp or LstmOp) from its adaptor.
template <typename OpTy>
RecurrentSignature getSignature(typename OpTy::Adaptor adaptor) {
  RecurrentSignature sig;
  sig.gates = OpTy::kGates;
  sig.activationsPerDirection = OpTy::kActivationsPerDirection;
  sig.hasCellState = std::is_same_v<OpTy, LstmOp>;
  sig.x = adaptor.getX();
  sig.w = adaptor.getW();
  sig.r = adaptor.getR();
  sig.bias = adaptor.getB();
  sig.sequenceLens = adaptor.getSequenceLens();
  sig.initialH = adaptor.getInitialH();
  if constexpr (std::is_same_v<OpTy, LstmOp>) {
    sig.initialC = adaptor.getInitialC();
    sig.peepholes = adaptor.getP();
  }
  // Read the raw properties: inference may run on a half-built op (from a
  // builder) before the verifier has seen that required attributes exist.
  sig.hiddenSize =
      dyn_cast_or_null<IntegerAttr>(adaptor.getProperties().hidden_size);
  RnnDirectionAttr direction = adaptor.getDirectionAttr();
  sig.direction = direction ? direction.getValue() : RnnDirection::forward;
  sig.activations = adaptor.getActivationsAttr();
  sig.alpha = adaptor.getActivationAlphaAttr();
  sig.beta = adaptor.getActivationBetaAttr();
  sig.clip = adaptor.getClipAttr();
  return sig;
}

/// How many alpha and beta parameters an ONNX activation takes; std::nullopt
/// for a name ONNX does not define for recurrent layers.
std::optional<std::pair<int, int>> activationParameterCount(StringRef name) {
  return llvm::StringSwitch<std::optional<std::pair<int, int>>>(name)
      .Cases({"Relu", "Tanh", "Sigmoid", "Softsign", "Softplus"},
             std::make_pair(0, 0))
      .Cases({"LeakyRelu", "ThresholdedRelu", "Elu"}, std::make_pair(1, 0))
      .Cases({"Affine", "ScaledTanh", "HardSigmoid"}, std::make_pair(1, 1))
      .Default(std::nullopt);
}

/// Returns the ranked tensor type of operand `name` after checking its rank;
/// `dims` names the expected dimensions for the diagnostic.
FailureOr<RankedTensorType> getOperandType(std::optional<Location> loc,
                                           Value value, StringRef name,
                                           int64_t rank, StringRef dims) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || type.getRank() != rank) {
    return emitOptionalError(loc, name, " must be a rank-", rank, " tensor ",
                             dims, ", got ", value.getType());
  }
  return type;
}

/// Checks that dimension `dim` of `name` (of type `type`) is `expected` when
/// both are static; `why` says where the expected extent comes from.
LogicalResult checkExtent(std::optional<Location> loc, StringRef name,
                          RankedTensorType type, unsigned dim, int64_t expected,
                          const Twine &why) {
  int64_t actual = type.getDimSize(dim);
  if (ShapedType::isDynamic(actual) || ShapedType::isDynamic(expected) ||
      actual == expected) {
    return success();
  }
  return emitOptionalError(loc, "expected dimension ", dim, " of ", name,
                           " to be ", expected, " (", why.str(), "), but ",
                           name, " has shape ", formatShape(type.getShape()));
}

/// Checks the activation attributes: valid ONNX names, one list of
/// `perDirection` functions per direction, and no more alpha/beta values than
/// the listed activations consume.
LogicalResult checkActivations(std::optional<Location> loc,
                               const RecurrentSignature &sig,
                               int64_t numDirections) {
  int64_t takesAlpha = 0, takesBeta = 0;
  if (sig.activations) {
    int64_t expected = sig.activationsPerDirection * numDirections;
    if (static_cast<int64_t>(sig.activations.size()) != expected) {
      return emitOptionalError(loc, "expected ", expected, " activations (",
                               sig.activationsPerDirection, " per direction, ",
                               numDirections, " direction(s)), got ",
                               sig.activations.size());
    }
    for (StringAttr name : sig.activations.getAsRange<StringAttr>()) {
      std::optional<std::pair<int, int>> params =
          activationParameterCount(name.getValue());
      if (!params) {
        return emitOptionalError(
            loc, "unknown activation \"", name.getValue(),
            "\"; expected one of Relu, Tanh, Sigmoid, Affine, LeakyRelu, "
            "ThresholdedRelu, ScaledTanh, HardSigmoid, Elu, Softsign, "
            "Softplus");
      }
      takesAlpha += params->first;
      takesBeta += params->second;
    }
  }
  // The default activations (Sigmoid, Tanh) take no parameters, and listed
  // ones consume alpha/beta values in order: any surplus is a mistake.
  if (sig.alpha && sig.alpha.size() > takesAlpha) {
    return emitOptionalError(loc, "activation_alpha has ", sig.alpha.size(),
                             " values but the activations take only ",
                             takesAlpha);
  }
  if (sig.beta && sig.beta.size() > takesBeta) {
    return emitOptionalError(loc, "activation_beta has ", sig.beta.size(),
                             " values but the activations take only ",
                             takesBeta);
  }
  return success();
}

/// Checks every invariant of a recurrent op and infers its result types.
LogicalResult inferRecurrentTypes(std::optional<Location> loc,
                                  const RecurrentSignature &sig,
                                  SmallVectorImpl<Type> &types) {
  // Bounded so that 2 * G * hidden_size cannot overflow.
  constexpr int64_t kMaxHiddenSize = std::numeric_limits<int64_t>::max() / 16;
  if (!sig.hiddenSize || sig.hiddenSize.getInt() <= 0) {
    return emitOptionalError(loc, "hidden_size must be positive, got ",
                             sig.hiddenSize ? sig.hiddenSize.getInt() : 0);
  }
  int64_t hidden = sig.hiddenSize.getInt();
  if (hidden > kMaxHiddenSize) {
    return emitOptionalError(loc, "hidden_size ", hidden, " is too large");
  }
  int64_t numDirections = sig.direction == RnnDirection::bidirectional ? 2 : 1;
  int64_t gateRows = sig.gates * hidden;
  if (failed(checkActivations(loc, sig, numDirections))) {
    return failure();
  }
  if (sig.clip && !(sig.clip.getValueAsDouble() > 0.0)) {
    return emitOptionalError(loc, "clip must be positive, got ",
                             sig.clip.getValueAsDouble());
  }

  FailureOr<RankedTensorType> x = getOperandType(
      loc, sig.x, "x", 3, "[seq_length, batch_size, input_size]");
  if (failed(x)) {
    return failure();
  }
  Type element = x->getElementType();
  std::string directionWhy =
      ("num_directions for direction " + stringifyRnnDirection(sig.direction))
          .str();
  std::string rowsWhy =
      (Twine(sig.gates) + " gate(s) x hidden_size " + Twine(hidden)).str();
  std::string hiddenWhy = ("hidden_size " + Twine(hidden)).str();

  // A float operand: rank, element type, then num_directions in dimension 0.
  auto getWeight = [&](Value value, StringRef name, int64_t rank,
                       StringRef dims) -> FailureOr<RankedTensorType> {
    FailureOr<RankedTensorType> type =
        getOperandType(loc, value, name, rank, dims);
    if (failed(type)) {
      return failure();
    }
    if (type->getElementType() != element) {
      return emitOptionalError(loc, name, " must have the element type ",
                               element, " of x, got ", *type);
    }
    if (failed(checkExtent(loc, name, *type, 0, numDirections, directionWhy))) {
      return failure();
    }
    return type;
  };

  FailureOr<RankedTensorType> w =
      getWeight(sig.w, "w", 3, "[num_directions, G * hidden_size, input_size]");
  if (failed(w) || failed(checkExtent(loc, "w", *w, 1, gateRows, rowsWhy)) ||
      failed(
          checkExtent(loc, "w", *w, 2, x->getDimSize(2), "input_size of x"))) {
    return failure();
  }
  FailureOr<RankedTensorType> r = getWeight(
      sig.r, "r", 3, "[num_directions, G * hidden_size, hidden_size]");
  if (failed(r) || failed(checkExtent(loc, "r", *r, 1, gateRows, rowsWhy)) ||
      failed(checkExtent(loc, "r", *r, 2, hidden, hiddenWhy))) {
    return failure();
  }
  if (sig.bias) {
    FailureOr<RankedTensorType> bias =
        getWeight(sig.bias, "bias", 2, "[num_directions, 2 * G * hidden_size]");
    if (failed(bias) || failed(checkExtent(loc, "bias", *bias, 1, 2 * gateRows,
                                           "2 x " + rowsWhy))) {
      return failure();
    }
  }
  if (sig.peepholes) {
    FailureOr<RankedTensorType> peepholes = getWeight(
        sig.peepholes, "peepholes", 2, "[num_directions, 3 * hidden_size]");
    if (failed(peepholes) ||
        failed(checkExtent(loc, "peepholes", *peepholes, 1, 3 * hidden,
                           "3 gates x " + hiddenWhy))) {
      return failure();
    }
  }

  // The batch extent is pinned by whichever of x, sequence_lens, initial_h
  // and initial_c has it static; all static ones must agree.
  int64_t batch = x->getDimSize(1);
  StringRef batchSource = "x";
  auto checkBatch = [&](RankedTensorType type, StringRef name,
                        unsigned dim) -> LogicalResult {
    if (failed(checkExtent(loc, name, type, dim, batch,
                           "batch_size of " + batchSource))) {
      return failure();
    }
    if (ShapedType::isDynamic(batch)) {
      batch = type.getDimSize(dim);
      batchSource = name;
    }
    return success();
  };
  if (sig.sequenceLens) {
    FailureOr<RankedTensorType> lens = getOperandType(
        loc, sig.sequenceLens, "sequence_lens", 1, "[batch_size]");
    if (failed(lens) || failed(checkBatch(*lens, "sequence_lens", 0))) {
      return failure();
    }
  }
  std::pair<Value, StringRef> states[] = {{sig.initialH, "initial_h"},
                                          {sig.initialC, "initial_c"}};
  for (auto [value, name] : states) {
    if (!value) {
      continue;
    }
    FailureOr<RankedTensorType> state =
        getWeight(value, name, 3, "[num_directions, batch_size, hidden_size]");
    if (failed(state) || failed(checkBatch(*state, name, 1)) ||
        failed(checkExtent(loc, name, *state, 2, hidden, hiddenWhy))) {
      return failure();
    }
  }

  types.push_back(RankedTensorType::get(
      {x->getDimSize(0), numDirections, batch, hidden}, element));
  auto last = RankedTensorType::get({numDirections, batch, hidden}, element);
  types.push_back(last);
  if (sig.hasCellState) {
    types.push_back(last);
  }
  return success();
}

} // namespace

LogicalResult RnnOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &types) {
  return inferRecurrentTypes(loc, getSignature<RnnOp>(adaptor), types);
}

LogicalResult GruOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &types) {
  return inferRecurrentTypes(loc, getSignature<GruOp>(adaptor), types);
}

LogicalResult LstmOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  return inferRecurrentTypes(loc, getSignature<LstmOp>(adaptor), types);
}
