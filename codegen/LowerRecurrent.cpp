//===- LowerRecurrent.cpp - nn.rnn / nn.gru / nn.lstm -> scf.for + linalg -===//
//
// In: nn.rnn, nn.gru, nn.lstm on tensors (ONNX semantics, layout 0). Out:
// per direction, one scf.for over time whose iter_args are the states (h,
// and c for LSTM) and the `y` accumulator. Each step slices X[t] (X[S-1-t]
// in reverse), computes every gate's pre-activation as two linalg.generic
// contractions, Xt * Wg^T then Ht-1 * Rg^T, accumulating into the broadcast
// bias, applies the gate equations in all-parallel linalg.generic ops and
// writes the new h into y[t, d] with tensor.insert_slice. Weight slices and
// broadcast biases are loop invariants built before the loop. `y_h` (`y_c`)
// stacks the final states; in reverse that is the state after t = 0.
//
// sequence_lens: a batch entry whose length L is below S keeps its states
// and gets zeros in y at steps with time index >= L. In reverse that makes
// it start at X[L-1], as ONNX requires (ONNX Runtime reverses each sequence
// within its own length).
//
//===----------------------------------------------------------------------===//

#include "codegen/ContractionUtils.h"
#include "codegen/LoweringUtils.h"
#include "codegen/Transforms.h"
#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/StringSwitch.h"

#include <optional>

using namespace mlir;
using namespace mlir::nn;

namespace {

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

/// One entry of `activations` with its parameters resolved.
struct Activation {
  StringRef name;
  double alpha = 0.0;
  double beta = 0.0;
};

/// Default (alpha, beta) of the ONNX activations that take parameters; the
/// number of values each consumes from activation_alpha / activation_beta
/// matches ir/Recurrent.cpp. Affine and ScaledTanh have no ONNX default: we
/// take the identity ones (alpha = 1, beta = 0 resp. 1).
struct ActivationParams {
  std::optional<double> alpha, beta;
};
ActivationParams activationDefaults(StringRef name) {
  return llvm::StringSwitch<ActivationParams>(name)
      .Case("Affine", {1.0, 0.0})
      .Case("LeakyRelu", {0.01, std::nullopt})
      .Case("ThresholdedRelu", {1.0, std::nullopt})
      .Case("ScaledTanh", {1.0, 1.0})
      .Case("HardSigmoid", {0.2, 0.5})
      .Case("Elu", {1.0, std::nullopt})
      .Default({std::nullopt, std::nullopt});
}

/// The activations of every direction, `perDirection` consecutive entries
/// each: the `activations` attribute with alpha/beta consumed in order (as
/// ONNX Runtime does), or `defaults` for every direction when absent.
SmallVector<Activation>
resolveActivations(std::optional<ArrayAttr> names,
                   std::optional<ArrayRef<double>> alphas,
                   std::optional<ArrayRef<double>> betas,
                   ArrayRef<StringRef> defaults, int64_t numDirections) {
  SmallVector<Activation> result;
  if (!names) {
    for (int64_t d = 0; d < numDirections; ++d) {
      for (StringRef name : defaults) {
        result.push_back({name});
      }
    }
    return result;
  }
  size_t nextAlpha = 0, nextBeta = 0;
  for (StringAttr name : names->getAsRange<StringAttr>()) {
    Activation act{name.getValue()};
    ActivationParams params = activationDefaults(act.name);
    if (params.alpha) {
      act.alpha = alphas && nextAlpha < alphas->size() ? (*alphas)[nextAlpha++]
                                                       : *params.alpha;
    }
    if (params.beta) {
      act.beta = betas && nextBeta < betas->size() ? (*betas)[nextBeta++]
                                                   : *params.beta;
    }
    result.push_back(act);
  }
  return result;
}

/// `act(x)` on a scalar, with the ONNX definitions.
Value applyActivation(OpBuilder &b, Location loc, const Activation &act,
                      Value x) {
  auto c = [&](double v) { return scalarConstant(b, loc, x.getType(), v); };
  auto mul = [&](Value l, Value r) {
    return arith::MulFOp::create(b, loc, l, r).getResult();
  };
  auto add = [&](Value l, Value r) {
    return arith::AddFOp::create(b, loc, l, r).getResult();
  };
  auto select = [&](arith::CmpFPredicate pred, Value lhs, Value rhs,
                    Value onTrue, Value onFalse) {
    Value cond = arith::CmpFOp::create(b, loc, pred, lhs, rhs);
    return arith::SelectOp::create(b, loc, cond, onTrue, onFalse).getResult();
  };
  auto sigmoid = [&](Value v) {
    Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, v));
    return arith::DivFOp::create(b, loc, c(1.0), add(c(1.0), e)).getResult();
  };
  StringRef n = act.name;
  if (n == "Relu") {
    return arith::MaximumFOp::create(b, loc, x, c(0.0));
  }
  if (n == "Tanh") {
    return math::TanhOp::create(b, loc, x);
  }
  if (n == "Sigmoid") {
    return sigmoid(x);
  }
  if (n == "Affine") {
    return add(mul(c(act.alpha), x), c(act.beta));
  }
  if (n == "LeakyRelu") {
    return select(arith::CmpFPredicate::OGE, x, c(0.0), x,
                  mul(c(act.alpha), x));
  }
  if (n == "ThresholdedRelu") {
    return select(arith::CmpFPredicate::OGT, x, c(act.alpha), x, c(0.0));
  }
  if (n == "ScaledTanh") {
    return mul(c(act.alpha), math::TanhOp::create(b, loc, mul(c(act.beta), x)));
  }
  if (n == "HardSigmoid") {
    Value v = add(mul(c(act.alpha), x), c(act.beta));
    v = arith::MaximumFOp::create(b, loc, v, c(0.0));
    return arith::MinimumFOp::create(b, loc, v, c(1.0));
  }
  if (n == "Elu") {
    Value em1 =
        arith::SubFOp::create(b, loc, math::ExpOp::create(b, loc, x), c(1.0));
    return select(arith::CmpFPredicate::OGE, x, c(0.0), x,
                  mul(c(act.alpha), em1));
  }
  if (n == "Softsign") {
    Value d = add(c(1.0), math::AbsFOp::create(b, loc, x));
    return arith::DivFOp::create(b, loc, x, d);
  }
  assert(n == "Softplus" && "activation names are checked by the verifier");
  // log(1 + e^x) = max(x, 0) + log1p(e^-|x|), which does not overflow.
  Value negAbs = arith::NegFOp::create(b, loc, math::AbsFOp::create(b, loc, x));
  Value l = math::Log1pOp::create(b, loc, math::ExpOp::create(b, loc, negAbs));
  return add(arith::MaximumFOp::create(b, loc, x, c(0.0)), l);
}

//===----------------------------------------------------------------------===//
// The layer: shapes, slices and tensor-level building blocks
//===----------------------------------------------------------------------===//

/// Everything a cell needs to build its step, for one direction.
struct Layer {
  Location loc;
  Type elementType;
  int64_t hidden;
  /// Batch extent, static or a tensor.dim of X.
  OpFoldResult batch;
  /// Type of one state: [batch, hidden].
  RankedTensorType stateType;
  std::optional<double> clip;
  /// With sequence_lens a step's new states are masked afterwards, so the
  /// cells must not overwrite the previous ones.
  bool statesInPlace = true;

  /// The destination of a cell's new state: the previous `state` itself
  /// unless the states are masked afterwards.
  Value stateDest(Value state) const { return statesInPlace ? state : Value(); }

  /// `[batch, hidden]` tensor.empty.
  Value emptyState(OpBuilder &b) const {
    SmallVector<Value> dyn;
    if (stateType.isDynamicDim(0)) {
      dyn.push_back(getValueOrCreateConstantIndexOp(b, loc, batch));
    }
    return emptyTensor(b, loc, stateType, dyn);
  }

  /// All-parallel linalg.generic producing a state from `inputs` (states
  /// [batch, hidden] or per-unit vectors [hidden], broadcast over batch).
  /// `into`, when set, is the destination: a new state is written into the
  /// loop's state so that one-shot bufferization updates it in place (the
  /// yielded value is then equivalent to the iter_arg).
  Value
  stateGeneric(OpBuilder &b, ValueRange inputs,
               function_ref<Value(OpBuilder &, Location, ValueRange)> body,
               Value into = Value()) const {
    SmallVector<AffineMap> maps;
    for (Value v : inputs) {
      maps.push_back(
          broadcastMap(cast<RankedTensorType>(v.getType()), stateType));
    }
    maps.push_back(b.getMultiDimIdentityMap(2));
    SmallVector<utils::IteratorType> iterators(2,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        b, loc, stateType, inputs, ValueRange{into ? into : emptyState(b)},
        maps, iterators, [&](OpBuilder &nb, Location nloc, ValueRange args) {
          linalg::YieldOp::create(nb, nloc, body(nb, nloc, args.drop_back()));
        });
    return generic.getResult(0);
  }

  /// `acc + lhs * rhs^T` for lhs [batch, K], rhs [hidden, K], acc [batch,
  /// hidden]: a linalg.generic contraction reading the weights untransposed.
  Value matmulTransposedAcc(OpBuilder &b, Value lhs, Value rhs,
                            Value acc) const {
    MLIRContext *ctx = b.getContext();
    AffineExpr m, n, k;
    bindDims(ctx, m, n, k);
    SmallVector<AffineMap> maps = {AffineMap::get(3, 0, {m, k}, ctx),
                                   AffineMap::get(3, 0, {n, k}, ctx),
                                   AffineMap::get(3, 0, {m, n}, ctx)};
    SmallVector<utils::IteratorType> iterators = {
        utils::IteratorType::parallel, utils::IteratorType::parallel,
        utils::IteratorType::reduction};
    auto generic = linalg::GenericOp::create(
        b, loc, stateType, ValueRange{lhs, rhs}, ValueRange{acc}, maps,
        iterators, nn::macBody);
    return generic.getResult(0);
  }

  /// `x` clipped to [-clip, clip] when `clip` is set (gate pre-activations).
  Value clipped(OpBuilder &b, Location l, Value x) const {
    if (!clip) {
      return x;
    }
    Value lo = scalarConstant(b, l, x.getType(), -*clip);
    Value hi = scalarConstant(b, l, x.getType(), *clip);
    return arith::MinimumFOp::create(
        b, l, arith::MaximumFOp::create(b, l, x, lo), hi);
  }
};

/// Rows [row0, row0 + rows) of direction `d` of a [D, N, K] tensor, as
/// [rows, K].
Value sliceRows(OpBuilder &b, Location loc, Value t, int64_t d, int64_t row0,
                int64_t rows) {
  auto type = cast<RankedTensorType>(t.getType());
  OpFoldResult k = tensor::getMixedSize(b, loc, t, 2);
  auto resultType =
      RankedTensorType::get({rows, type.getDimSize(2)}, type.getElementType());
  return tensor::ExtractSliceOp::create(
      b, loc, resultType, t,
      {b.getIndexAttr(d), b.getIndexAttr(row0), b.getIndexAttr(0)},
      {b.getIndexAttr(1), b.getIndexAttr(rows), k},
      {b.getIndexAttr(1), b.getIndexAttr(1), b.getIndexAttr(1)});
}

/// Elements [off, off + len) of direction `d` of a [D, N] tensor, as [len].
Value sliceVector(OpBuilder &b, Location loc, Value t, int64_t d, int64_t off,
                  int64_t len) {
  auto type = cast<RankedTensorType>(t.getType());
  auto resultType = RankedTensorType::get({len}, type.getElementType());
  return tensor::ExtractSliceOp::create(
      b, loc, resultType, t, {b.getIndexAttr(d), b.getIndexAttr(off)},
      {b.getIndexAttr(1), b.getIndexAttr(len)},
      {b.getIndexAttr(1), b.getIndexAttr(1)});
}

/// Plane `d` of a [D, batch, hidden] tensor as a state of `layer`.
Value sliceState(OpBuilder &b, const Layer &layer, Value t, int64_t d) {
  Location loc = layer.loc;
  auto type = cast<RankedTensorType>(t.getType());
  auto planeType = RankedTensorType::get(
      {type.getDimSize(1), type.getDimSize(2)}, type.getElementType());
  Value plane = tensor::ExtractSliceOp::create(
      b, loc, planeType, t,
      {b.getIndexAttr(d), b.getIndexAttr(0), b.getIndexAttr(0)},
      {b.getIndexAttr(1), tensor::getMixedSize(b, loc, t, 1),
       b.getIndexAttr(layer.hidden)},
      {b.getIndexAttr(1), b.getIndexAttr(1), b.getIndexAttr(1)});
  if (planeType != layer.stateType) {
    plane = tensor::CastOp::create(b, loc, layer.stateType, plane);
  }
  return plane;
}

/// The loop invariants of one direction: per-gate weight slices and the
/// biases that gate contractions accumulate into.
struct Direction {
  int64_t index;
  bool reverse;
  /// Per gate: W rows [hidden, input], R rows [hidden, hidden].
  SmallVector<Value> w, r;
  /// Per gate, [hidden] slices of the bias (null without a bias).
  SmallVector<Value> wb, rb;
  /// LSTM peepholes (i, o, f) as [hidden], empty without `p`.
  SmallVector<Value> p;
  /// This direction's activations.
  ArrayRef<Activation> acts;

  /// `[batch, hidden]` broadcast of the sum of the chosen bias slices of
  /// `gate` (zeros without a bias).
  Value bias(OpBuilder &b, const Layer &layer, int64_t gate, bool withW,
             bool withR) const {
    SmallVector<Value> parts;
    if (withW && wb[gate]) {
      parts.push_back(wb[gate]);
    }
    if (withR && rb[gate]) {
      parts.push_back(rb[gate]);
    }
    if (parts.empty()) {
      Value zero = scalarConstant(b, layer.loc, layer.elementType, 0.0);
      return linalg::FillOp::create(b, layer.loc, zero, layer.emptyState(b))
          .getResult(0);
    }
    return layer.stateGeneric(b, parts,
                              [](OpBuilder &nb, Location l, ValueRange args) {
                                Value v = args[0];
                                for (Value a : args.drop_front()) {
                                  v = arith::AddFOp::create(nb, l, v, a);
                                }
                                return v;
                              });
  }
};

//===----------------------------------------------------------------------===//
// Cells: the per-direction loop invariants and one time step
//===----------------------------------------------------------------------===//

/// Ht = f(Xt * W^T + Ht-1 * R^T + Wb + Rb).
struct RnnCell {
  static constexpr int64_t kStates = 1;
  static SmallVector<StringRef> defaultActivations() { return {"Tanh"}; }

  RnnCell(RnnOp) {}
  Value bias;

  void prepare(OpBuilder &b, const Layer &layer, const Direction &dir) {
    bias = dir.bias(b, layer, 0, true, true);
  }
  SmallVector<Value> step(OpBuilder &b, const Layer &layer,
                          const Direction &dir, Value xt, ValueRange states) {
    Value h = states[0];
    Value pre = layer.matmulTransposedAcc(
        b, h, dir.r[0], layer.matmulTransposedAcc(b, xt, dir.w[0], bias));
    Activation f = dir.acts[0];
    return {layer.stateGeneric(
        b, pre,
        [&](OpBuilder &nb, Location l, ValueRange x) {
          return applyActivation(nb, l, f, layer.clipped(nb, l, x[0]));
        },
        layer.stateDest(h))};
  }
};

/// Gate order z, r, h; see NN_GruOp for the equations.
struct GruCell {
  static constexpr int64_t kStates = 1;
  static SmallVector<StringRef> defaultActivations() {
    return {"Sigmoid", "Tanh"};
  }
  enum { Z = 0, R = 1, H = 2 };

  explicit GruCell(GruOp op) : linearBeforeReset(op.getLinearBeforeReset()) {}
  bool linearBeforeReset;
  Value biasZ, biasR, biasH, biasWh, biasRh;

  void prepare(OpBuilder &b, const Layer &layer, const Direction &dir) {
    biasZ = dir.bias(b, layer, Z, true, true);
    biasR = dir.bias(b, layer, R, true, true);
    if (linearBeforeReset) {
      biasWh = dir.bias(b, layer, H, true, false);
      biasRh = dir.bias(b, layer, H, false, true);
    } else {
      biasH = dir.bias(b, layer, H, true, true);
    }
  }
  SmallVector<Value> step(OpBuilder &b, const Layer &layer,
                          const Direction &dir, Value xt, ValueRange states) {
    Value h = states[0];
    auto gate = [&](int64_t g, Value acc) {
      return layer.matmulTransposedAcc(
          b, h, dir.r[g], layer.matmulTransposedAcc(b, xt, dir.w[g], acc));
    };
    Value preZ = gate(Z, biasZ), preR = gate(R, biasR);
    Activation f = dir.acts[0], g = dir.acts[1];
    // Ht = (1 - zt) . ht + zt . Ht-1
    auto combine = [&](OpBuilder &nb, Location l, Value z, Value hh,
                       Value hPrev) {
      Value one = scalarConstant(nb, l, z.getType(), 1.0);
      Value keep = arith::MulFOp::create(nb, l, z, hPrev);
      Value take = arith::MulFOp::create(
          nb, l, arith::SubFOp::create(nb, l, one, z), hh);
      return arith::AddFOp::create(nb, l, take, keep).getResult();
    };
    if (linearBeforeReset) {
      // ht = g(Xt * Wh^T + rt . (Ht-1 * Rh^T + Rbh) + Wbh)
      Value xh = layer.matmulTransposedAcc(b, xt, dir.w[H], biasWh);
      Value hrh = layer.matmulTransposedAcc(b, h, dir.r[H], biasRh);
      return {layer.stateGeneric(
          b, {preZ, preR, xh, hrh, h},
          [&](OpBuilder &nb, Location l, ValueRange x) {
            Value z = applyActivation(nb, l, f, layer.clipped(nb, l, x[0]));
            Value r = applyActivation(nb, l, f, layer.clipped(nb, l, x[1]));
            Value pre = arith::AddFOp::create(
                nb, l, x[2], arith::MulFOp::create(nb, l, r, x[3]));
            Value hh = applyActivation(nb, l, g, layer.clipped(nb, l, pre));
            return combine(nb, l, z, hh, x[4]);
          },
          layer.stateDest(h))};
    }
    // ht = g(Xt * Wh^T + (rt . Ht-1) * Rh^T + Rbh + Wbh)
    Value rh = layer.stateGeneric(
        b, {preR, h}, [&](OpBuilder &nb, Location l, ValueRange x) {
          Value r = applyActivation(nb, l, f, layer.clipped(nb, l, x[0]));
          return arith::MulFOp::create(nb, l, r, x[1]).getResult();
        });
    Value preH = layer.matmulTransposedAcc(
        b, rh, dir.r[H], layer.matmulTransposedAcc(b, xt, dir.w[H], biasH));
    return {layer.stateGeneric(
        b, {preZ, preH, h},
        [&](OpBuilder &nb, Location l, ValueRange x) {
          Value z = applyActivation(nb, l, f, layer.clipped(nb, l, x[0]));
          Value hh = applyActivation(nb, l, g, layer.clipped(nb, l, x[1]));
          return combine(nb, l, z, hh, x[2]);
        },
        layer.stateDest(h))};
  }
};

/// Gate order i, o, f, c, peepholes i, o, f; see NN_LstmOp for the
/// equations. States are (h, c).
struct LstmCell {
  static constexpr int64_t kStates = 2;
  static SmallVector<StringRef> defaultActivations() {
    return {"Sigmoid", "Tanh", "Tanh"};
  }
  enum { I = 0, O = 1, F = 2, C = 3 };

  explicit LstmCell(LstmOp op) : inputForget(op.getInputForget()) {}
  bool inputForget;
  SmallVector<Value> bias;

  void prepare(OpBuilder &b, const Layer &layer, const Direction &dir) {
    bias.clear();
    for (int64_t g = 0; g < 4; ++g) {
      // With input_forget the forget gate is 1 - it: no bias needed.
      bias.push_back(g == F && inputForget ? Value()
                                           : dir.bias(b, layer, g, true, true));
    }
  }
  SmallVector<Value> step(OpBuilder &b, const Layer &layer,
                          const Direction &dir, Value xt, ValueRange states) {
    Value h = states[0], c = states[1];
    auto gate = [&](int64_t g) {
      return layer.matmulTransposedAcc(
          b, h, dir.r[g], layer.matmulTransposedAcc(b, xt, dir.w[g], bias[g]));
    };
    Activation f = dir.acts[0], g = dir.acts[1], hAct = dir.acts[2];
    bool peep = !dir.p.empty();
    Value preI = gate(I), preO = gate(O), preC = gate(C);
    // Ct = ft . Ct-1 + it . ct, with it = f(.. + Pi . Ct-1) and ft = f(.. +
    // Pf . Ct-1), or ft = 1 - it with input_forget.
    SmallVector<Value> cInputs = {preI, preC, c};
    if (!inputForget) {
      cInputs.push_back(gate(F));
    }
    if (peep) {
      cInputs.push_back(dir.p[0]);
      cInputs.push_back(dir.p[2]);
    }
    Value cNext = layer.stateGeneric(
        b, cInputs,
        [&](OpBuilder &nb, Location l, ValueRange x) {
          Value cPrev = x[2];
          auto withPeephole = [&](Value pre, int64_t idx) {
            if (!peep) {
              return pre;
            }
            Value pc = arith::MulFOp::create(nb, l, x[idx], cPrev);
            return arith::AddFOp::create(nb, l, pre, pc).getResult();
          };
          int64_t pBase = inputForget ? 3 : 4;
          Value i = applyActivation(
              nb, l, f, layer.clipped(nb, l, withPeephole(x[0], pBase)));
          Value ft;
          if (inputForget) {
            Value one = scalarConstant(nb, l, i.getType(), 1.0);
            ft = arith::SubFOp::create(nb, l, one, i);
          } else {
            ft = applyActivation(
                nb, l, f, layer.clipped(nb, l, withPeephole(x[3], pBase + 1)));
          }
          Value cc = applyActivation(nb, l, g, layer.clipped(nb, l, x[1]));
          Value keep = arith::MulFOp::create(nb, l, ft, cPrev);
          Value take = arith::MulFOp::create(nb, l, i, cc);
          return arith::AddFOp::create(nb, l, keep, take).getResult();
        },
        layer.stateDest(c));
    // Ht = ot . h(Ct), ot = f(.. + Po . Ct)
    SmallVector<Value> hInputs = {preO, cNext};
    if (peep) {
      hInputs.push_back(dir.p[1]);
    }
    Value hNext = layer.stateGeneric(
        b, hInputs,
        [&](OpBuilder &nb, Location l, ValueRange x) {
          Value pre = x[0];
          if (peep) {
            pre = arith::AddFOp::create(
                nb, l, pre, arith::MulFOp::create(nb, l, x[2], x[1]));
          }
          Value o = applyActivation(nb, l, f, layer.clipped(nb, l, pre));
          Value hc = applyActivation(nb, l, hAct, x[1]);
          return arith::MulFOp::create(nb, l, o, hc).getResult();
        },
        layer.stateDest(h));
    return {hNext, cNext};
  }
};

Value getInitialC(RnnOp, RnnOp::Adaptor) { return Value(); }
Value getInitialC(GruOp, GruOp::Adaptor) { return Value(); }
Value getInitialC(LstmOp, LstmOp::Adaptor a) { return a.getInitialC(); }
Value getPeepholes(RnnOp, RnnOp::Adaptor) { return Value(); }
Value getPeepholes(GruOp, GruOp::Adaptor) { return Value(); }
Value getPeepholes(LstmOp, LstmOp::Adaptor a) { return a.getP(); }

//===----------------------------------------------------------------------===//
// The pattern: one scf.for per direction
//===----------------------------------------------------------------------===//

template <typename OpTy, typename CellTy>
struct RecurrentLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto xType = cast<RankedTensorType>(x.getType());
    int64_t hidden = op.getHiddenSize();
    int64_t numDirections =
        op.getDirection() == RnnDirection::bidirectional ? 2 : 1;
    constexpr int64_t gates = OpTy::kGates;
    constexpr int64_t perDirection = OpTy::kActivationsPerDirection;

    std::optional<double> clip;
    if (auto c = op.getClip()) {
      clip = c->convertToDouble();
    }
    Layer layer{loc,
                xType.getElementType(),
                hidden,
                tensor::getMixedSize(rewriter, loc, x, 1),
                RankedTensorType::get({xType.getDimSize(1), hidden},
                                      xType.getElementType()),
                clip};
    // sequence_lens as [batch, 1], broadcast along hidden by the masks.
    Value lens;
    if (Value seqLens = adaptor.getSequenceLens()) {
      layer.statesInPlace = false;
      auto lensType = cast<RankedTensorType>(seqLens.getType());
      lens = tensor::ExpandShapeOp::create(
          rewriter, loc,
          RankedTensorType::get({lensType.getDimSize(0), 1},
                                lensType.getElementType()),
          seqLens, {ReassociationIndices{0, 1}},
          {tensor::getMixedSize(rewriter, loc, seqLens, 0),
           rewriter.getIndexAttr(1)});
    }
    SmallVector<Activation> acts = resolveActivations(
        op.getActivations(), op.getActivationAlpha(), op.getActivationBeta(),
        CellTy::defaultActivations(), numDirections);

    Value seqLen = getValueOrCreateConstantIndexOp(
        rewriter, loc, tensor::getMixedSize(rewriter, loc, x, 0));
    Value zeroIdx = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value oneIdx = arith::ConstantIndexOp::create(rewriter, loc, 1);
    // S - 1, the first step of a reverse direction.
    Value lastIdx;
    if (op.getDirection() != RnnDirection::forward) {
      lastIdx = arith::SubIOp::create(rewriter, loc, seqLen, oneIdx);
    }

    // Results: y [S, D, B, H], y_h (and y_c) [D, B, H].
    auto resultEmpty = [&](Value result, ArrayRef<int64_t> dimsOfX) {
      auto type = cast<RankedTensorType>(result.getType());
      SmallVector<Value> dyn;
      for (auto [i, xDim] : llvm::enumerate(dimsOfX)) {
        if (type.isDynamicDim(i)) {
          dyn.push_back(getValueOrCreateConstantIndexOp(
              rewriter, loc, tensor::getMixedSize(rewriter, loc, x, xDim)));
        }
      }
      return emptyTensor(rewriter, loc, type, dyn);
    };
    // -1: not an extent of X (never dynamic).
    Value y = resultEmpty(op.getY(), {0, -1, 1, -1});
    SmallVector<Value> finals;
    for (int64_t s = 0; s < CellTy::kStates; ++s) {
      finals.push_back(resultEmpty(op->getResult(1 + s), {-1, 1, -1}));
    }

    Value bias = adaptor.getB();
    Value initialH = adaptor.getInitialH();
    Value initialC = getInitialC(op, adaptor);
    Value peepholes = getPeepholes(op, adaptor);
    CellTy cell(op);
    for (int64_t d = 0; d < numDirections; ++d) {
      Direction dir;
      dir.index = d;
      dir.reverse = op.getDirection() == RnnDirection::reverse || d == 1;
      dir.acts =
          ArrayRef<Activation>(acts).slice(d * perDirection, perDirection);
      for (int64_t g = 0; g < gates; ++g) {
        dir.w.push_back(
            sliceRows(rewriter, loc, adaptor.getW(), d, g * hidden, hidden));
        dir.r.push_back(
            sliceRows(rewriter, loc, adaptor.getR(), d, g * hidden, hidden));
        dir.wb.push_back(
            bias ? sliceVector(rewriter, loc, bias, d, g * hidden, hidden)
                 : Value());
        dir.rb.push_back(bias ? sliceVector(rewriter, loc, bias, d,
                                            (gates + g) * hidden, hidden)
                              : Value());
      }
      if (peepholes) {
        for (int64_t k = 0; k < 3; ++k) {
          dir.p.push_back(
              sliceVector(rewriter, loc, peepholes, d, k * hidden, hidden));
        }
      }
      cell.prepare(rewriter, layer, dir);

      SmallVector<Value> inits;
      for (Value initial : {initialH, initialC}) {
        if (static_cast<int64_t>(inits.size()) == CellTy::kStates) {
          break;
        }
        if (initial) {
          inits.push_back(sliceState(rewriter, layer, initial, d));
        } else {
          Value zero = scalarConstant(rewriter, loc, layer.elementType, 0.0);
          inits.push_back(linalg::FillOp::create(rewriter, loc, zero,
                                                 layer.emptyState(rewriter))
                              .getResult(0));
        }
      }
      inits.push_back(y);

      auto loop = scf::ForOp::create(
          rewriter, loc, zeroIdx, seqLen, oneIdx, inits,
          [&](OpBuilder &b, Location l, Value t, ValueRange iterArgs) {
            Value time = t;
            if (dir.reverse) {
              time = arith::SubIOp::create(b, l, lastIdx, t);
            }
            auto xtType = RankedTensorType::get(
                {xType.getDimSize(1), xType.getDimSize(2)},
                xType.getElementType());
            Value xt = tensor::ExtractSliceOp::create(
                b, l, xtType, x, {time, b.getIndexAttr(0), b.getIndexAttr(0)},
                {b.getIndexAttr(1), layer.batch,
                 tensor::getMixedSize(b, l, x, 2)},
                {b.getIndexAttr(1), b.getIndexAttr(1), b.getIndexAttr(1)});
            SmallVector<Value> next =
                cell.step(b, layer, dir, xt, iterArgs.drop_back());
            Value out = next[0];
            if (lens) {
              // Past its length an entry keeps its states and outputs 0.
              Type lenType = getElementTypeOrSelf(lens.getType());
              Value timeInt = arith::IndexCastOp::create(b, l, lenType, time);
              auto valid = [&](OpBuilder &nb, Location nl, Value len) {
                return arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::slt,
                                             timeInt, len);
              };
              for (int64_t s = 0; s < CellTy::kStates; ++s) {
                next[s] = layer.stateGeneric(
                    b, {next[s], iterArgs[s], lens},
                    [&](OpBuilder &nb, Location nl, ValueRange v) {
                      return arith::SelectOp::create(
                                 nb, nl, valid(nb, nl, v[2]), v[0], v[1])
                          .getResult();
                    },
                    iterArgs[s]);
              }
              out = layer.stateGeneric(
                  b, {next[0], lens},
                  [&](OpBuilder &nb, Location nl, ValueRange v) {
                    Value zero = scalarConstant(nb, nl, v[0].getType(), 0.0);
                    return arith::SelectOp::create(nb, nl, valid(nb, nl, v[1]),
                                                   v[0], zero)
                        .getResult();
                  });
            }
            Value yNext = tensor::InsertSliceOp::create(
                b, l, out, iterArgs.back(),
                {time, b.getIndexAttr(d), b.getIndexAttr(0), b.getIndexAttr(0)},
                {b.getIndexAttr(1), b.getIndexAttr(1), layer.batch,
                 b.getIndexAttr(hidden)},
                {b.getIndexAttr(1), b.getIndexAttr(1), b.getIndexAttr(1),
                 b.getIndexAttr(1)});
            // Write each new state into its loop-carried tensor with an
            // explicit copy: elementwise fusion may re-root the state's
            // producer on a fresh tensor, and one-shot bufferization needs
            // the yielded value to alias the iteration argument.
            for (int64_t s = 0; s < CellTy::kStates; ++s) {
              next[s] = linalg::CopyOp::create(b, l, ValueRange{next[s]},
                                               ValueRange{iterArgs[s]})
                            .getResult(0);
            }
            next.push_back(yNext);
            scf::YieldOp::create(b, l, next);
          });
      y = loop.getResults().back();
      for (int64_t s = 0; s < CellTy::kStates; ++s) {
        finals[s] = tensor::InsertSliceOp::create(
            rewriter, loc, loop.getResult(s), finals[s],
            {rewriter.getIndexAttr(d), rewriter.getIndexAttr(0),
             rewriter.getIndexAttr(0)},
            {rewriter.getIndexAttr(1), layer.batch,
             rewriter.getIndexAttr(hidden)},
            {rewriter.getIndexAttr(1), rewriter.getIndexAttr(1),
             rewriter.getIndexAttr(1)});
      }
    }
    SmallVector<Value> results = {y};
    results.append(finals);
    rewriter.replaceOp(op, results);
    return success();
  }
};

} // namespace

void mlir::nn::populateRecurrentToLinalgPatterns(RewritePatternSet &patterns) {
  patterns
      .add<RecurrentLowering<RnnOp, RnnCell>, RecurrentLowering<GruOp, GruCell>,
           RecurrentLowering<LstmOp, LstmCell>>(patterns.getContext());
}
