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
} // namespace

void mlir::nn::attachPoolingGradients(MLIRContext &ctx) {
  GlobalAvgPoolOp::attachInterface<GlobalAvgPoolGradient>(ctx);
  GlobalMaxPoolOp::attachInterface<GlobalMaxPoolGradient>(ctx);
}
