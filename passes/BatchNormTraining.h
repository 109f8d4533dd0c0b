//===- BatchNormTraining.h - batch statistics in a training step -*- C++
//-*-===//
//
// nn.batch_norm is the inference form: its mean and variance are operands.
// While training, a batch normalization normalizes with the statistics of
// the batch (mean and biased variance over every axis but the channel) and
// updates its running statistics, as PyTorch's model.train() and ONNX's
// training-mode BatchNormalization do:
//
//   running = momentum * running + (1 - momentum) * batch_statistic
//
// (ONNX's momentum: 0.9 is PyTorch's momentum=0.1). Like PyTorch, the
// running variance takes the unbiased batch variance (N/(N-1) times the
// biased one that normalizes); ONNX's reference takes the biased one.
// Rewriting the operands, rather than adding an op, lets the existing rules
// (batch_norm's partials for mean and variance, reduce's) give the exact
// gradient through the statistics.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_BATCHNORMTRAINING_H
#define NNC_PASSES_BATCHNORMTRAINING_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"

namespace mlir {
namespace nn {

class BatchNormOp;

/// Makes `bn` normalize with its input's batch statistics (built before
/// `bn`) instead of its `mean`/`var` operands, which are the running
/// statistics; returns the updated running mean and variance.
std::pair<Value, Value> useBatchStatistics(OpBuilder &builder, BatchNormOp bn,
                                           double momentum);

} // namespace nn
} // namespace mlir

#endif // NNC_PASSES_BATCHNORMTRAINING_H
