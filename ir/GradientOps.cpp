//===- GradientOps.cpp - verifiers of the backward-pass ops -----*- C++ -*-===//
//
// The ops of NNGradientOps.td carry their result type explicitly (the
// forward operand's); each verifier checks it against the operands with the
// window arithmetic the forward ops use (WindowAttrs.h).
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "ir/WindowAttrs.h"

using namespace mlir;
using namespace mlir::nn;

namespace {
/// Checks that `grad` [N, C, O...] matches the forward output extents of a
/// window over `input` [N, C, D...] (either rounding for pooling).
LogicalResult verifyWindowedGrad(Operation *op, ArrayRef<int64_t> input,
                                 ArrayRef<int64_t> grad, WindowSpec spec,
                                 bool pooling) {
  if (input.size() != grad.size() || input.size() < 3) {
    return op->emitOpError("expects [N, C, D...] tensors of equal rank, got ")
           << formatShape(input) << " and " << formatShape(grad);
  }
  if (input[0] != grad[0] || (pooling && input[1] != grad[1])) {
    return op->emitOpError("batch") << (pooling ? "/channel" : "")
                                    << " extents differ: " << formatShape(input)
                                    << " vs " << formatShape(grad);
  }
  SmallVector<int64_t> floorExt, ceilExt;
  if (failed(inferWindowExtents(op->getLoc(), input.drop_front(2), spec,
                                floorExt))) {
    return failure();
  }
  spec.ceilMode = pooling;
  if (failed(inferWindowExtents(op->getLoc(), input.drop_front(2), spec,
                                ceilExt))) {
    return failure();
  }
  ArrayRef<int64_t> out = grad.drop_front(2);
  if (out != ArrayRef<int64_t>(floorExt) && out != ArrayRef<int64_t>(ceilExt)) {
    return op->emitOpError("output gradient extents ")
           << formatShape(out) << " are not the forward output extents "
           << formatShape(floorExt) << " of input " << formatShape(input);
  }
  return success();
}

ArrayRef<int64_t> shapeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getShape();
}
} // namespace

LogicalResult ConvWeightGradOp::verify() {
  ArrayRef<int64_t> x = shapeOf(getInput()), dy = shapeOf(getOutputGrad()),
                    w = shapeOf(getOutput());
  int64_t group = getGroup();
  if (w.size() != x.size() || group < 1 || x.size() < 3 || x[1] % group != 0 ||
      w[0] != dy[1] || w[0] % group != 0 || w[1] * group != x[1]) {
    return emitOpError("weight ")
           << formatShape(w) << " does not fit input " << formatShape(x)
           << ", output gradient " << formatShape(dy) << " and group " << group
           << " (expected [M, C / group, K...])";
  }
  WindowSpec spec{w.drop_front(2), "kernel", getStrides(), getDilations(),
                  getPads()};
  return verifyWindowedGrad(*this, x, dy, spec, /*pooling=*/false);
}

LogicalResult MaxPoolGradOp::verify() {
  if (shapeOf(getIndices()) != shapeOf(getOutputGrad())) {
    return emitOpError("indices ") << formatShape(shapeOf(getIndices()))
                                   << " must have the output gradient's shape "
                                   << formatShape(shapeOf(getOutputGrad()));
  }
  WindowSpec spec{getKernelShape(), "kernel_shape", getStrides(),
                  getDilations(), getPads()};
  return verifyWindowedGrad(*this, shapeOf(getOutput()),
                            shapeOf(getOutputGrad()), spec, true);
}

LogicalResult AvgPoolGradOp::verify() {
  WindowSpec spec{getKernelShape(), "kernel_shape", getStrides(), std::nullopt,
                  getPads()};
  return verifyWindowedGrad(*this, shapeOf(getOutput()),
                            shapeOf(getOutputGrad()), spec, true);
}

LogicalResult GatherGradOp::verify() {
  ArrayRef<int64_t> data = shapeOf(getOutput()), g = shapeOf(getOutputGrad()),
                    idx = shapeOf(getIndices());
  int64_t rank = data.size(), axis = getAxis();
  if (axis < -rank || axis >= rank) {
    return emitOpError("axis ") << axis << " is out of range for rank " << rank;
  }
  axis = axis < 0 ? axis + rank : axis;
  SmallVector<int64_t> expected(data.take_front(axis));
  expected.append(idx.begin(), idx.end());
  expected.append(data.begin() + axis + 1, data.end());
  if (g != ArrayRef<int64_t>(expected)) {
    return emitOpError("output gradient ")
           << formatShape(g) << " is not the gather result shape "
           << formatShape(expected);
  }
  return success();
}
