//===- RecurrentGradients.cpp - rnn, lstm, gru through time -----*- C++ -*-===//
//
// The recurrent layers have no direct rule: `decomposeForGradient` unrolls
// them over time into matmuls, gate activations, slices and concats (ONNX
// equations, see NNRecurrentOps.td), whose rules then give backpropagation
// through time. The input projection X W^T + Wb is one matmul for all steps;
// each step adds H R^T + Rb and applies the gates. Covered: every direction,
// optional bias / initial states / peepholes, GRU's linear_before_reset, and
// the activations Sigmoid, Tanh and Relu. Not covered (an error naming the
// op): sequence_lens, clip, input_forget, other activations.
//
//===----------------------------------------------------------------------===//

#include "ir/gradients/GradientBuilder.h"

#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace mlir::nn;

namespace {
using GB = GradientBuilder;
using Activation = std::function<Value(Value)>;

enum class Kind { Rnn, Gru, Lstm };

/// The unrolled layer: one value per result of the op, or a reason why not.
template <typename OpT, Kind K>
FailureOr<SmallVector<Value>> unroll(OpT op, OpBuilder &builder,
                                     std::string &why) {
  GB b(builder, op.getOperation());
  if (op.getSequenceLens()) {
    why = "sequence_lens";
    return failure();
  }
  if (op.getClip()) {
    why = "clip";
    return failure();
  }
  if constexpr (K == Kind::Lstm) {
    if (op.getInputForget()) {
      why = "input_forget";
      return failure();
    }
  }
  for (Value v : op->getOperands()) {
    if (!cast<RankedTensorType>(v.getType()).hasStaticShape()) {
      why = "dynamic shapes";
      return failure();
    }
  }
  Value x = op.getX(), w = op.getW(), r = op.getR();
  ArrayRef<int64_t> xs = GB::shape(x);
  int64_t steps = xs[0], batch = xs[1], dirs = GB::shape(w)[0];
  int64_t h = op.getHiddenSize(), g = OpT::kGates;
  int64_t perDir = OpT::kActivationsPerDirection;

  // Activation names: ONNX defaults, or the attribute's, per direction.
  SmallVector<std::string> names;
  if (auto list = op.getActivations()) {
    for (Attribute a : *list) {
      names.push_back(cast<StringAttr>(a).str());
    }
  } else {
    SmallVector<std::string> defaults =
        K == Kind::Rnn   ? SmallVector<std::string>{"Tanh"}
        : K == Kind::Gru ? SmallVector<std::string>{"Sigmoid", "Tanh"}
                         : SmallVector<std::string>{"Sigmoid", "Tanh", "Tanh"};
    for (int64_t d = 0; d < dirs; ++d) {
      names.append(defaults);
    }
  }
  SmallVector<Activation> acts;
  for (const std::string &n : names) {
    if (n == "Sigmoid") {
      acts.push_back([&](Value v) { return b.op<SigmoidOp>(v); });
    } else if (n == "Tanh") {
      acts.push_back([&](Value v) { return b.op<TanhOp>(v); });
    } else if (n == "Relu") {
      acts.push_back([&](Value v) { return b.op<ReluOp>(v); });
    } else {
      why = "activation " + n;
      return failure();
    }
  }

  auto type = [&](ArrayRef<int64_t> s) {
    return RankedTensorType::get(s, getElementTypeOrSelf(x));
  };
  auto perDirection = [&](Value v, int64_t d, ArrayRef<int64_t> s) {
    return b.reshape(b.slice(v, 0, d, d + 1), s);
  };
  SmallVector<Value> ys, hs, cs;
  for (int64_t d = 0; d < dirs; ++d) {
    bool reverse = op.getDirection() == RnnDirection::reverse || d == 1;
    Activation f = acts[d * perDir];
    Activation gAct = perDir > 1 ? acts[d * perDir + 1] : f;
    Activation hAct = perDir > 2 ? acts[d * perDir + 2] : f;
    Value wT = b.transpose(perDirection(w, d, {g * h, xs[2]}), {1, 0});
    Value rT = b.transpose(perDirection(r, d, {g * h, h}), {1, 0});
    Value xw = b.op<MatmulOp>(x, wT); // [S, B, G*H]
    Value rb;
    if (Value bias = op.getB()) {
      Value bd = perDirection(bias, d, {2 * g * h});
      xw = b.add(xw, b.slice(bd, 0, 0, g * h));
      rb = b.slice(bd, 0, g * h, 2 * g * h);
    }
    Value state = op.getInitialH()
                      ? perDirection(op.getInitialH(), d, {batch, h})
                      : b.fill(0, type({batch, h}));
    Value cell, pi, po, pf;
    if constexpr (K == Kind::Lstm) {
      cell = op.getInitialC() ? perDirection(op.getInitialC(), d, {batch, h})
                              : b.fill(0, type({batch, h}));
      if (Value p = op.getP()) {
        Value pd = perDirection(p, d, {3 * h});
        pi = b.slice(pd, 0, 0, h);
        po = b.slice(pd, 0, h, 2 * h);
        pf = b.slice(pd, 0, 2 * h, 3 * h);
      }
    }
    auto gate = [&](Value v, int64_t k) {
      return b.slice(v, 1, k * h, (k + 1) * h);
    };
    SmallVector<Value> outs(steps);
    for (int64_t step = 0; step < steps; ++step) {
      int64_t t = reverse ? steps - 1 - step : step;
      Value xt = b.reshape(b.slice(xw, 0, t, t + 1), {batch, g * h});
      Value hr = b.op<MatmulOp>(state, rT);
      if (rb) {
        hr = b.add(hr, rb);
      }
      if constexpr (K == Kind::Rnn) {
        state = f(b.add(xt, hr));
      } else if constexpr (K == Kind::Lstm) {
        Value pre = b.add(xt, hr);
        Value gi = gate(pre, 0), go = gate(pre, 1), gf = gate(pre, 2);
        if (pi) {
          gi = b.add(gi, b.mul(pi, cell));
          gf = b.add(gf, b.mul(pf, cell));
        }
        Value i = f(gi), fg = f(gf), c = gAct(gate(pre, 3));
        cell = b.add(b.mul(fg, cell), b.mul(i, c));
        if (po) {
          go = b.add(go, b.mul(po, cell));
        }
        state = b.mul(f(go), hAct(cell));
      } else {
        Value z = f(b.add(gate(xt, 0), gate(hr, 0)));
        Value rg = f(b.add(gate(xt, 1), gate(hr, 1)));
        Value hh;
        if (op.getLinearBeforeReset()) {
          hh = gAct(b.add(gate(xt, 2), b.mul(rg, gate(hr, 2))));
        } else {
          Value rh =
              b.op<MatmulOp>(b.mul(rg, state), b.slice(rT, 1, 2 * h, 3 * h));
          if (rb) {
            rh = b.add(rh, b.slice(rb, 0, 2 * h, 3 * h));
          }
          hh = gAct(b.add(gate(xt, 2), rh));
        }
        // Ht = (1 - z) ht + z Ht-1 = ht + z (Ht-1 - ht)
        state = b.add(hh, b.mul(z, b.sub(state, hh)));
      }
      outs[t] = b.reshape(state, {1, 1, batch, h});
    }
    ys.push_back(steps == 1 ? outs[0] : b.op<ConcatOp>(ValueRange(outs), 0));
    hs.push_back(b.reshape(state, {1, batch, h}));
    if (cell) {
      cs.push_back(b.reshape(cell, {1, batch, h}));
    }
  }
  auto join = [&](ArrayRef<Value> parts, int64_t axis) {
    return parts.size() == 1 ? parts[0]
                             : b.op<ConcatOp>(ValueRange(parts), axis);
  };
  SmallVector<Value> results = {join(ys, 1), join(hs, 0)};
  if (!cs.empty()) {
    results.push_back(join(cs, 0));
  }
  return results;
}

template <typename OpT, Kind K>
struct RecurrentGradient
    : GradientOpInterface::ExternalModel<RecurrentGradient<OpT, K>, OpT> {
  LogicalResult
  decomposeForGradient(Operation *op, OpBuilder &builder,
                       SmallVectorImpl<Value> &replacements) const {
    std::string why;
    FailureOr<SmallVector<Value>> r =
        unroll<OpT, K>(cast<OpT>(op), builder, why);
    if (failed(r)) {
      return failure();
    }
    replacements.assign(r->begin(), r->end());
    return success();
  }
  /// Only reached when the decomposition was refused: say why.
  LogicalResult buildGradients(Operation *op, OpBuilder &builder, ValueRange,
                               SmallVectorImpl<Value> &) const {
    std::string why;
    OpBuilder scratch(op->getContext());
    // Re-run the checks only (nothing is built: the first failing check
    // returns before any op is created).
    (void)unroll<OpT, K>(cast<OpT>(op), scratch, why);
    return op->emitError("no gradient rule for '")
           << op->getName() << "' with " << (why.empty() ? "this form" : why)
           << "; autodiff unrolls recurrent layers without sequence_lens, "
              "clip or input_forget, with Sigmoid/Tanh/Relu activations";
  }
};
} // namespace

void mlir::nn::attachRecurrentGradients(MLIRContext &ctx) {
  RnnOp::attachInterface<RecurrentGradient<RnnOp, Kind::Rnn>>(ctx);
  GruOp::attachInterface<RecurrentGradient<GruOp, Kind::Gru>>(ctx);
  LstmOp::attachInterface<RecurrentGradient<LstmOp, Kind::Lstm>>(ctx);
}
