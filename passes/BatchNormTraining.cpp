//===- BatchNormTraining.cpp - batch statistics in a training step -------===//
//
// See BatchNormTraining.h. Everything is built from nn ops that have
// gradient rules (reduce, sub, mul, reshape), so nn-autodiff differentiates
// through the statistics without knowing about training mode.
//
//===----------------------------------------------------------------------===//

#include "passes/BatchNormTraining.h"
#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilder.h"

using namespace mlir;
using namespace mlir::nn;

std::pair<Value, Value>
nn::useBatchStatistics(OpBuilder &builder, BatchNormOp bn, double momentum) {
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPoint(bn);
  GradientBuilder b(builder, bn);
  Value x = bn.getInput();
  ArrayRef<int64_t> shape = GradientBuilder::shape(x);
  int64_t rank = shape.size(), count = 1;
  SmallVector<int64_t> axes;
  for (int64_t i = 0; i < rank; ++i) {
    if (i != 1) {
      axes.push_back(i);
      count *= shape[i];
    }
  }
  Value mean = b.reduce(ReduceKind::mean, x, axes, /*keepdims=*/false);
  Value centered = b.sub(x, b.channelView(mean, rank));
  Value var = b.reduce(ReduceKind::mean, b.mul(centered, centered), axes,
                       /*keepdims=*/false);
  Value runningMean = bn.getMean(), runningVar = bn.getVar();
  bn.getMeanMutable().assign(mean);
  bn.getVarMutable().assign(var);

  // The running statistics after this batch (no gradient flows here).
  builder.setInsertionPointAfter(bn);
  double unbiased = count > 1 ? double(count) / double(count - 1) : 1.0;
  auto blend = [&](Value running, Value batch, double scale) {
    return b.add(b.mul(running, b.scalar(momentum, running)),
                 b.mul(batch, b.scalar((1 - momentum) * scale, batch)));
  };
  return {blend(runningMean, mean, 1.0), blend(runningVar, var, unbiased)};
}
