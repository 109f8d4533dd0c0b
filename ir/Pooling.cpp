//===- Pooling.cpp - inference of windowed and global pooling ---*- C++ -*-===//
//
// Result-type inference for the pooling family (NNPoolingOps.td): [N, C]
// pass through, spatial extents come from the window helper shared with the
// convolutions, or become 1 for the global pools.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "ir/WindowAttrs.h"

using namespace mlir;
using namespace mlir::nn;

namespace {

/// [N, C, O1..Ok] of a windowed pool over `input`.
LogicalResult inferPoolResult(std::optional<Location> loc,
                              RankedTensorType input, const WindowSpec &spec,
                              SmallVectorImpl<Type> &types) {
  if (failed(getSpatialRank(loc, "input", input.getShape()))) {
    return failure();
  }
  SmallVector<int64_t> shape = {input.getDimSize(0), input.getDimSize(1)};
  if (failed(inferWindowExtents(loc, input.getShape().drop_front(2), spec,
                                shape))) {
    return failure();
  }
  types.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

/// [N, C, 1..1] of a global pool over `input`.
LogicalResult inferGlobalPoolResult(std::optional<Location> loc,
                                    RankedTensorType input,
                                    SmallVectorImpl<Type> &types) {
  if (input.getRank() < 3) {
    return emitOptionalError(loc, "input of shape ",
                             formatShape(input.getShape()),
                             " must have rank >= 3 ([N, C, D1..Dk])");
  }
  SmallVector<int64_t> shape(input.getShape());
  std::fill(shape.begin() + 2, shape.end(), 1);
  types.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

} // namespace

namespace {
/// The window of a max pool (values or indices): the same attributes.
template <typename Adaptor> WindowSpec maxPoolWindow(Adaptor adaptor) {
  WindowSpec spec;
  spec.kernel = adaptor.getKernelShape();
  spec.kernelName = "kernel_shape";
  spec.strides = adaptor.getStrides();
  spec.dilations = adaptor.getDilations();
  spec.pads = adaptor.getPads();
  spec.ceilMode = adaptor.getCeilMode();
  spec.padsBelowKernel = true;
  return spec;
}
} // namespace

LogicalResult MaxPoolOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  return inferPoolResult(loc,
                         cast<RankedTensorType>(adaptor.getInput().getType()),
                         maxPoolWindow(adaptor), types);
}

LogicalResult MaxPoolIndicesOp::inferReturnTypes(MLIRContext *ctx,
                                                 std::optional<Location> loc,
                                                 Adaptor adaptor,
                                                 SmallVectorImpl<Type> &types) {
  // max_pool's shape, with i64 positions.
  if (failed(inferPoolResult(
          loc, cast<RankedTensorType>(adaptor.getInput().getType()),
          maxPoolWindow(adaptor), types))) {
    return failure();
  }
  types.back() =
      cast<RankedTensorType>(types.back()).clone(IntegerType::get(ctx, 64));
  return success();
}

LogicalResult AvgPoolOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  WindowSpec spec;
  spec.kernel = adaptor.getKernelShape();
  spec.kernelName = "kernel_shape";
  spec.strides = adaptor.getStrides();
  spec.pads = adaptor.getPads();
  spec.ceilMode = adaptor.getCeilMode();
  spec.padsBelowKernel = true;
  return inferPoolResult(
      loc, cast<RankedTensorType>(adaptor.getInput().getType()), spec, types);
}

LogicalResult GlobalMaxPoolOp::inferReturnTypes(MLIRContext *,
                                                std::optional<Location> loc,
                                                Adaptor adaptor,
                                                SmallVectorImpl<Type> &types) {
  return inferGlobalPoolResult(
      loc, cast<RankedTensorType>(adaptor.getInput().getType()), types);
}

LogicalResult GlobalAvgPoolOp::inferReturnTypes(MLIRContext *,
                                                std::optional<Location> loc,
                                                Adaptor adaptor,
                                                SmallVectorImpl<Type> &types) {
  return inferGlobalPoolResult(
      loc, cast<RankedTensorType>(adaptor.getInput().getType()), types);
}
