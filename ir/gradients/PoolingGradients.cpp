//===- PoolingGradients.cpp - rules of the pooling ops ----------*- C++ -*-===//
//
//   global_avg_pool  dx = g / (spatial size), broadcast
//   global_max_pool  dx = g where x equals the max, shared evenly by ties
//   max_pool         dx = nn.max_pool_grad(g, nn.max_pool_indices(x))
//   avg_pool         dx = nn.avg_pool_grad(g) with the forward's window
//
//===----------------------------------------------------------------------===//

#include "ir/gradients/GradientBuilder.h"

using namespace mlir;
using namespace mlir::nn;

namespace {
using GB = GradientBuilder;

SmallVector<int64_t> spatialAxes(Value x) {
  return llvm::to_vector(llvm::seq<int64_t>(2, GB::rank(x)));
}

struct GlobalAvgPoolGradient
    : GradientOpInterface::ExternalModel<GlobalAvgPoolGradient,
                                         GlobalAvgPoolOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    Value x = op->getOperand(0), g = resultGrads[0];
    ArrayRef<int64_t> s = GB::shape(x);
    double count = 1;
    for (int64_t d : s.drop_front(2)) {
      count *= d;
    }
    operandGrads.assign({b.broadcastTo(b.div(g, b.scalar(count, g)), s)});
    return success();
  }
};

struct GlobalMaxPoolGradient
    : GradientOpInterface::ExternalModel<GlobalMaxPoolGradient,
                                         GlobalMaxPoolOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    Value x = op->getOperand(0), y = op->getResult(0);
    Value hit = b.toFloat(b.cmp(CmpPredicate::eq, x, y), x);
    Value share = b.div(resultGrads[0], b.sum(hit, spatialAxes(x)));
    operandGrads.assign({b.mul(hit, share)});
    return success();
  }
};
struct MaxPoolGradient
    : GradientOpInterface::ExternalModel<MaxPoolGradient, MaxPoolOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    Value x = op->getOperand(0);
    SmallVector<NamedAttribute> window = GB::copyAttrs(
        op, {"kernel_shape", "strides", "dilations", "pads", "ceil_mode"});
    Value indices =
        MaxPoolIndicesOp::create(builder, op->getLoc(), ValueRange{x}, window)
            .getResult();
    window.pop_back_n(window.back().getName() == "ceil_mode" ? 1 : 0);
    operandGrads.assign(
        {MaxPoolGradOp::create(builder, op->getLoc(), x.getType(),
                               ValueRange{resultGrads[0], indices}, window)
             .getResult()});
    return success();
  }
};

struct AvgPoolGradient
    : GradientOpInterface::ExternalModel<AvgPoolGradient, AvgPoolOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    Value x = op->getOperand(0);
    SmallVector<NamedAttribute> window = GB::copyAttrs(
        op, {"kernel_shape", "strides", "pads", "count_include_pad"});
    operandGrads.assign(
        {AvgPoolGradOp::create(builder, op->getLoc(), x.getType(),
                               ValueRange{resultGrads[0]}, window)
             .getResult()});
    return success();
  }
};
} // namespace

void mlir::nn::attachPoolingGradients(MLIRContext &ctx) {
  MaxPoolOp::attachInterface<MaxPoolGradient>(ctx);
  AvgPoolOp::attachInterface<AvgPoolGradient>(ctx);
  GlobalAvgPoolOp::attachInterface<GlobalAvgPoolGradient>(ctx);
  GlobalMaxPoolOp::attachInterface<GlobalMaxPoolGradient>(ctx);
}
