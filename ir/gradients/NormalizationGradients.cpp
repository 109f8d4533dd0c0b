//===- NormalizationGradients.cpp - norms, softmax, reductions --*- C++ -*-===//
//
//   softmax      dx = y (g - sum(g y))
//   log_softmax  dx = g - exp(y) sum(g)
//   reduce       sum: broadcast g; mean: g / n; prod: g y / x;
//                max/min: g shared evenly by the elements equal to y
//   batch_norm   (inference form, statistics are operands) the five partials
//   layer_norm, instance_norm (statistics computed inside):
//                dx = inv (gs - mean(gs) - xhat mean(gs xhat)), gs = g scale
// Sums run over the op's reduction axes with keepdims, so the broadcasting
// ops put them back in place.
//
//===----------------------------------------------------------------------===//

#include "ir/gradients/GradientBuilder.h"

using namespace mlir;
using namespace mlir::nn;

namespace {
using GB = GradientBuilder;

template <typename OpT> int64_t softmaxAxis(OpT op) {
  int64_t axis = op.getAxis(), rank = GB::rank(op.getInput());
  return axis < 0 ? axis + rank : axis;
}

struct SoftmaxGradient
    : GradientOpInterface::ExternalModel<SoftmaxGradient, SoftmaxOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    int64_t axis = softmaxAxis(cast<SoftmaxOp>(op));
    Value y = op->getResult(0), g = resultGrads[0];
    operandGrads.assign({b.mul(y, b.sub(g, b.sum(b.mul(g, y), {axis})))});
    return success();
  }
};

struct LogSoftmaxGradient
    : GradientOpInterface::ExternalModel<LogSoftmaxGradient, LogSoftmaxOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    int64_t axis = softmaxAxis(cast<LogSoftmaxOp>(op));
    Value y = op->getResult(0), g = resultGrads[0];
    operandGrads.assign({b.sub(g, b.mul(b.exp(y), b.sum(g, {axis})))});
    return success();
  }
};

struct ReduceGradient
    : GradientOpInterface::ExternalModel<ReduceGradient, ReduceOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    auto reduce = cast<ReduceOp>(op);
    Value x = reduce.getInput(), y = reduce.getOutput();
    ArrayRef<int64_t> xShape = GB::shape(x);
    int64_t rank = xShape.size();
    // The reduced shape with keepdims: reduced axes (all if none) become 1.
    SmallVector<int64_t> kept(xShape), axes;
    int64_t count = 1;
    for (int64_t i = 0; i < rank; ++i) {
      bool reduced = reduce.getAxes().empty() ||
                     llvm::is_contained(reduce.getAxes(), i) ||
                     llvm::is_contained(reduce.getAxes(), i - rank);
      if (reduced) {
        count *= xShape[i];
        kept[i] = 1;
        axes.push_back(i);
      }
    }
    Value g = b.broadcastTo(b.reshape(resultGrads[0], kept), xShape);
    Value yk = b.reshape(y, kept), dx;
    switch (reduce.getKind()) {
    case ReduceKind::sum:
      dx = g;
      break;
    case ReduceKind::mean:
      dx = b.div(g, b.scalar(static_cast<double>(count), g));
      break;
    case ReduceKind::prod:
      dx = b.div(b.mul(g, yk), x);
      break;
    case ReduceKind::max:
    case ReduceKind::min: {
      Value hit = b.toFloat(b.cmp(CmpPredicate::eq, x, yk), x);
      dx = b.div(b.mul(g, hit), b.sum(hit, axes));
      break;
    }
    }
    operandGrads.assign({dx});
    return success();
  }
};

struct BatchNormGradient
    : GradientOpInterface::ExternalModel<BatchNormGradient, BatchNormOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    auto bn = cast<BatchNormOp>(op);
    Value x = bn.getInput(), g = resultGrads[0], scale = bn.getScale();
    int64_t rank = GB::rank(x);
    // y = scale (x - mean) inv + bias, inv = (var + eps)^-1/2, per channel.
    Value inv = b.op<RsqrtOp>(
        b.add(bn.getVar(), b.scalar(bn.getEpsilon().convertToDouble(), x)));
    Value centered = b.sub(x, b.channelView(bn.getMean(), rank));
    Value sumG = b.sumButChannel(g);
    Value sumGX = b.sumButChannel(b.mul(g, centered));
    Value scaleInv = b.mul(scale, inv);
    Value dx = b.mul(g, b.channelView(scaleInv, rank));
    Value dvar = b.mul(b.mul(sumGX, scale),
                       b.mul(b.scalar(-0.5, x), b.mul(inv, b.mul(inv, inv))));
    operandGrads.assign(
        {dx, b.mul(sumGX, inv), sumG, b.neg(b.mul(sumG, scaleInv)), dvar});
    return success();
  }
};

/// Shared by layer and instance norm: normalizes over `axes`, then returns
/// {dx, xhat} for gs = g * scale (broadcast by the caller).
std::pair<Value, Value> normalizeBackward(GB &b, Value x, Value gs,
                                          ArrayRef<int64_t> axes,
                                          double epsilon) {
  auto mean = [&](Value v) { return b.reduce(ReduceKind::mean, v, axes); };
  Value xc = b.sub(x, mean(x));
  Value inv = b.op<RsqrtOp>(b.add(mean(b.mul(xc, xc)), b.scalar(epsilon, x)));
  Value xhat = b.mul(xc, inv);
  Value dx = b.mul(
      inv, b.sub(b.sub(gs, mean(gs)), b.mul(xhat, mean(b.mul(gs, xhat)))));
  return {dx, xhat};
}

struct LayerNormGradient
    : GradientOpInterface::ExternalModel<LayerNormGradient, LayerNormOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    auto ln = cast<LayerNormOp>(op);
    Value x = ln.getInput(), g = resultGrads[0], scale = ln.getScale();
    int64_t rank = GB::rank(x), axis = ln.getAxis();
    SmallVector<int64_t> axes = llvm::to_vector(
        llvm::seq<int64_t>(axis < 0 ? axis + rank : axis, rank));
    auto [dx, xhat] = normalizeBackward(b, x, b.mul(g, scale), axes,
                                        ln.getEpsilon().convertToDouble());
    operandGrads.assign({dx, b.sumToShape(b.mul(g, xhat), scale.getType())});
    if (Value bias = ln.getBias()) {
      operandGrads.push_back(b.sumToShape(g, bias.getType()));
    }
    return success();
  }
};

struct InstanceNormGradient
    : GradientOpInterface::ExternalModel<InstanceNormGradient, InstanceNormOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    auto in = cast<InstanceNormOp>(op);
    Value x = in.getInput(), g = resultGrads[0];
    int64_t rank = GB::rank(x);
    SmallVector<int64_t> axes = llvm::to_vector(llvm::seq<int64_t>(2, rank));
    Value gs = b.mul(g, b.channelView(in.getScale(), rank));
    auto [dx, xhat] =
        normalizeBackward(b, x, gs, axes, in.getEpsilon().convertToDouble());
    operandGrads.assign(
        {dx, b.sumButChannel(b.mul(g, xhat)), b.sumButChannel(g)});
    return success();
  }
};
} // namespace

void mlir::nn::attachNormalizationGradients(MLIRContext &ctx) {
  SoftmaxOp::attachInterface<SoftmaxGradient>(ctx);
  LogSoftmaxOp::attachInterface<LogSoftmaxGradient>(ctx);
  ReduceOp::attachInterface<ReduceGradient>(ctx);
  BatchNormOp::attachInterface<BatchNormGradient>(ctx);
  LayerNormOp::attachInterface<LayerNormGradient>(ctx);
  InstanceNormOp::attachInterface<InstanceNormGradient>(ctx);
}
