//===- LossGradients.cpp - rules of the loss ops ----------------*- C++ -*-===//
//
// With s = g / count (mean), g (sum) or g per element (none):
//   mse   dp = 2 (p - t) s, dt = -dp
//   softmax_cross_entropy  dz = (softmax(z) - onehot(l)) w_l s, where w_l is
//         the class weight of the label (0 for ignore_index) and `mean`
//         divides by the sum of the applied weights (ONNX rule)
//   nll   dlp = -onehot(l) w_l s
//   bce   dp = w (p - t) / (p (1 - p)) s; with logits dz = w (sigmoid(z) - t)
//   s;
//         dt and dw from the same per-element loss
// Labels are indices (no gradient); class weights of the two classification
// losses are treated as constants (no gradient).
//
//===----------------------------------------------------------------------===//

#include "ir/gradients/GradientBuilder.h"

using namespace mlir;
using namespace mlir::nn;

namespace {
using GB = GradientBuilder;

/// The per-element cotangent of a loss with `reduction` over `count`
/// elements: g / count for mean, g for sum and none (where g already has the
/// per-element shape).
Value perElement(GB &b, Value g, LossReduction reduction, double count) {
  return reduction == LossReduction::mean ? b.div(g, b.scalar(count, g)) : g;
}

double numElements(Value v) {
  return static_cast<double>(
      cast<RankedTensorType>(v.getType()).getNumElements());
}

struct MseGradient : GradientOpInterface::ExternalModel<MseGradient, MseOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    auto mse = cast<MseOp>(op);
    Value p = mse.getPred(), t = mse.getTarget();
    Value s = perElement(b, resultGrads[0], mse.getReduction(), numElements(p));
    Value dp = b.mul(b.sub(p, t), b.mul(s, b.scalar(2, p)));
    operandGrads.assign({dp, b.neg(dp)});
    return success();
  }
};

/// Shared by softmax_cross_entropy and nll: {onehot [N, C, D..] as floats,
/// the per-element coefficient w_l * s reshaped to [N, 1, D..]}.
template <typename OpT>
std::pair<Value, Value> classTerms(GB &b, OpT op, Value scores, Value labels,
                                   Value g) {
  ArrayRef<int64_t> shape = GB::shape(scores);
  int64_t rank = shape.size();
  SmallVector<int64_t> keptShape(shape);
  keptShape[1] = 1;
  Type labelType = getElementTypeOrSelf(labels);
  Value onehot = b.toFloat(b.cmp(CmpPredicate::eq, b.reshape(labels, keptShape),
                                 b.iota(shape[1], labelType, 1, rank)),
                           scores);
  // Applied weight per element: the label's class weight, 0 if ignored.
  auto elemType =
      RankedTensorType::get(GB::shape(labels), getElementTypeOrSelf(scores));
  Value w = b.fill(1, elemType);
  if (Value weight = op.getWeight()) {
    w = b.sum(b.mul(onehot, b.channelView(weight, rank)), {1}, false);
  }
  if (auto ignore = op.getIgnoreIndex()) {
    Value keep = b.cmp(CmpPredicate::ne, labels,
                       b.fill(static_cast<double>(*ignore),
                              RankedTensorType::get({}, labelType)));
    w = b.maskZero(keep, w);
  }
  Value s = g;
  if (op.getReduction() == LossReduction::mean) {
    SmallVector<int64_t> all = llvm::to_vector(llvm::seq<int64_t>(0, rank - 1));
    s = b.div(g, b.sum(w, all, false));
  }
  return {onehot, b.reshape(b.mul(w, s), keptShape)};
}

struct SoftmaxCrossEntropyGradient
    : GradientOpInterface::ExternalModel<SoftmaxCrossEntropyGradient,
                                         SoftmaxCrossEntropyOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    auto ce = cast<SoftmaxCrossEntropyOp>(op);
    auto [onehot, coef] =
        classTerms(b, ce, ce.getLogits(), ce.getLabels(), resultGrads[0]);
    Value probs = b.op<SoftmaxOp>(ce.getLogits(), 1);
    operandGrads.assign(op->getNumOperands(), Value());
    operandGrads[0] = b.mul(b.sub(probs, onehot), coef);
    return success();
  }
};

struct NllGradient : GradientOpInterface::ExternalModel<NllGradient, NllOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    auto nll = cast<NllOp>(op);
    auto [onehot, coef] =
        classTerms(b, nll, nll.getLogProbs(), nll.getTarget(), resultGrads[0]);
    operandGrads.assign(op->getNumOperands(), Value());
    operandGrads[0] = b.neg(b.mul(onehot, coef));
    return success();
  }
};

struct BceGradient : GradientOpInterface::ExternalModel<BceGradient, BceOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    auto bce = cast<BceOp>(op);
    Value p = bce.getPred(), t = bce.getTarget(), weight = bce.getWeight();
    Value s = perElement(b, resultGrads[0], bce.getReduction(), numElements(p));
    Value ws = weight ? b.mul(s, weight) : s;
    Value one = b.scalar(1, p), dp, dt;
    if (bce.getFromLogits()) {
      dp = b.mul(ws, b.sub(b.op<SigmoidOp>(p), t));
      dt = b.neg(b.mul(ws, p));
    } else {
      Value q = b.sub(one, p);
      dp = b.div(b.mul(ws, b.sub(p, t)), b.mul(p, q));
      dt = b.mul(ws, b.sub(b.log(q), b.log(p)));
    }
    // Shapes: s may be rank 0 (mean, sum); the operands' shape is p's.
    dp = b.broadcastTo(dp, GB::shape(p));
    dt = b.broadcastTo(dt, GB::shape(p));
    operandGrads.assign({dp, dt});
    if (weight) {
      Value perLoss =
          b.op<BceOp>(p, t, Value(), LossReduction::none, bce.getFromLogits());
      operandGrads.push_back(b.sumToShape(
          b.broadcastTo(b.mul(perLoss, s), GB::shape(p)), weight.getType()));
    }
    return success();
  }
};
} // namespace

void mlir::nn::attachLossGradients(MLIRContext &ctx) {
  MseOp::attachInterface<MseGradient>(ctx);
  SoftmaxCrossEntropyOp::attachInterface<SoftmaxCrossEntropyGradient>(ctx);
  NllOp::attachInterface<NllGradient>(ctx);
  BceOp::attachInterface<BceGradient>(ctx);
}
