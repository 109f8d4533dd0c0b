//===- Contractions.cpp - inference of contraction ops ----------*- C++ -*-===//
//
// Result-type inference for the contraction family (NNContractionOps.td).
// Every shape invariant is checked here and reported at the op; a dynamic
// extent stays `?` unless another operand pins it. The window attributes of
// the convolutions are checked by the helper shared with pooling.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "ir/WindowAttrs.h"

using namespace mlir;
using namespace mlir::nn;

namespace {

/// Static extents that differ; a dynamic extent agrees with anything.
bool staticMismatch(int64_t a, int64_t b) {
  return !ShapedType::isDynamic(a) && !ShapedType::isDynamic(b) && a != b;
}

/// Checks that `group` >= 1 and that a static channel count `channels`
/// (described by `what`) divides into it.
LogicalResult checkGroup(std::optional<Location> loc, int64_t group,
                         StringRef what, int64_t channels) {
  if (group < 1) {
    return emitOptionalError(loc, "group = ", group, " must be >= 1");
  }
  if (!ShapedType::isDynamic(channels) && channels % group != 0) {
    return emitOptionalError(loc, what, " = ", channels,
                             " must be divisible by group = ", group);
  }
  return success();
}

/// Checks the optional bias of a convolution against the output channel
/// count `channels`; a static bias pins a dynamic `channels`.
LogicalResult checkBias(std::optional<Location> loc, Value bias,
                        Type elementType, int64_t &channels) {
  if (!bias) {
    return success();
  }
  auto type = cast<RankedTensorType>(bias.getType());
  if (type.getElementType() != elementType) {
    return emitOptionalError(loc, "bias element type ", type.getElementType(),
                             " must match the input element type ",
                             elementType);
  }
  if (type.getRank() != 1) {
    return emitOptionalError(loc, "bias of shape ",
                             formatShape(type.getShape()),
                             " must have rank 1 ([M], one per output channel)");
  }
  int64_t extent = type.getDimSize(0);
  if (staticMismatch(extent, channels)) {
    return emitOptionalError(loc, "bias of shape ",
                             formatShape(type.getShape()), " must have ",
                             channels, " entries, one per output channel");
  }
  if (ShapedType::isDynamic(channels)) {
    channels = extent;
  }
  return success();
}

/// Checks that `weight` has the rank of `input` (`layout` describes the
/// expected weight shape) and returns the number of spatial dimensions.
FailureOr<int64_t> checkConvRanks(std::optional<Location> loc,
                                  RankedTensorType input,
                                  RankedTensorType weight, StringRef layout) {
  FailureOr<int64_t> k = getSpatialRank(loc, "input", input.getShape());
  if (failed(k)) {
    return failure();
  }
  if (weight.getRank() != input.getRank()) {
    return emitOptionalError(
        loc, "weight of shape ", formatShape(weight.getShape()),
        " must have rank ", input.getRank(), " (", layout,
        ") to match the input of shape ", formatShape(input.getShape()));
  }
  return k;
}

} // namespace

//===----------------------------------------------------------------------===//
// MatmulOp
//===----------------------------------------------------------------------===//

LogicalResult MatmulOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  auto lhsType = cast<RankedTensorType>(adaptor.getLhs().getType());
  auto rhsType = cast<RankedTensorType>(adaptor.getRhs().getType());
  if (lhsType.getRank() < 1 || rhsType.getRank() < 1) {
    return emitOptionalError(loc, "operands must have rank >= 1, got lhs ",
                             formatShape(lhsType.getShape()), " and rhs ",
                             formatShape(rhsType.getShape()));
  }
  // NumPy promotes a vector lhs to a row [1, K] and a vector rhs to a column
  // [K, 1]; the added dimension is dropped from the result.
  SmallVector<int64_t> lhs(lhsType.getShape()), rhs(rhsType.getShape());
  bool lhsVector = lhs.size() == 1, rhsVector = rhs.size() == 1;
  if (lhsVector) {
    lhs.insert(lhs.begin(), 1);
  }
  if (rhsVector) {
    rhs.push_back(1);
  }
  int64_t lhsK = lhs.back(), rhsK = rhs[rhs.size() - 2];
  if (staticMismatch(lhsK, rhsK)) {
    return emitOptionalError(loc, "inner dimensions differ: lhs ",
                             formatShape(lhsType.getShape()), " has K = ", lhsK,
                             " but rhs ", formatShape(rhsType.getShape()),
                             " has K = ", rhsK);
  }
  ArrayRef<int64_t> lhsBatch = ArrayRef(lhs).drop_back(2);
  ArrayRef<int64_t> rhsBatch = ArrayRef(rhs).drop_back(2);
  SmallVector<int64_t> shape;
  if (failed(broadcastShapes(std::nullopt, {lhsBatch, rhsBatch}, shape))) {
    return emitOptionalError(loc, "batch dimensions ", formatShape(lhsBatch),
                             " of lhs and ", formatShape(rhsBatch),
                             " of rhs do not broadcast");
  }
  if (!lhsVector) {
    shape.push_back(lhs[lhs.size() - 2]);
  }
  if (!rhsVector) {
    shape.push_back(rhs.back());
  }
  types.push_back(RankedTensorType::get(shape, lhsType.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// GemmOp
//===----------------------------------------------------------------------===//

LogicalResult GemmOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  auto a = cast<RankedTensorType>(adaptor.getA().getType());
  auto b = cast<RankedTensorType>(adaptor.getB().getType());
  if (a.getRank() != 2 || b.getRank() != 2) {
    return emitOptionalError(loc, "a and b must be matrices (rank 2), got a ",
                             formatShape(a.getShape()), " and b ",
                             formatShape(b.getShape()));
  }
  bool transA = adaptor.getTransA(), transB = adaptor.getTransB();
  int64_t m = a.getDimSize(transA ? 1 : 0), aK = a.getDimSize(transA ? 0 : 1);
  int64_t bK = b.getDimSize(transB ? 1 : 0), n = b.getDimSize(transB ? 0 : 1);
  if (staticMismatch(aK, bK)) {
    return emitOptionalError(loc, "inner dimensions differ: a ",
                             formatShape(a.getShape()),
                             (transA ? " (transposed)" : ""), " has K = ", aK,
                             " but b ", formatShape(b.getShape()),
                             (transB ? " (transposed)" : ""), " has K = ", bK);
  }
  SmallVector<int64_t> shape = {m, n};
  if (Value cValue = adaptor.getC()) {
    auto c = cast<RankedTensorType>(cValue.getType());
    if (c.getElementType() != a.getElementType()) {
      return emitOptionalError(loc, "c element type ", c.getElementType(),
                               " must match the element type ",
                               a.getElementType(), " of a and b");
    }
    // Unidirectional broadcast: c may not grow [M, N], but a static extent
    // of c other than 1 pins a dynamic M or N.
    SmallVector<int64_t> broadcast;
    if (failed(
            broadcastShapes(std::nullopt, {c.getShape(), shape}, broadcast)) ||
        failed(verifyCompatibleShape(broadcast, shape))) {
      return emitOptionalError(
          loc, "c of shape ", formatShape(c.getShape()),
          " must broadcast to the result shape [M, N] = ", formatShape(shape));
    }
    shape = broadcast;
  }
  types.push_back(RankedTensorType::get(shape, a.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// ConvOp
//===----------------------------------------------------------------------===//

LogicalResult ConvOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  auto weight = cast<RankedTensorType>(adaptor.getWeight().getType());
  if (failed(checkConvRanks(loc, input, weight, "[M, C / group, K1..Kk]"))) {
    return failure();
  }
  int64_t group = adaptor.getGroup();
  int64_t inChannels = input.getDimSize(1);
  int64_t outChannels = weight.getDimSize(0);
  int64_t groupChannels = weight.getDimSize(1);
  if (failed(checkGroup(loc, group, "input channels C", inChannels)) ||
      failed(checkGroup(loc, group, "output channels M (weight[0])",
                        outChannels))) {
    return failure();
  }
  if (!ShapedType::isDynamic(groupChannels) &&
      staticMismatch(inChannels, groupChannels * group)) {
    return emitOptionalError(loc, "weight[1] = ", groupChannels,
                             " channels per group times group = ", group,
                             " must equal the input channels C = ", inChannels);
  }
  if (failed(checkBias(loc, adaptor.getBias(), input.getElementType(),
                       outChannels))) {
    return failure();
  }

  WindowSpec spec;
  spec.kernel = weight.getShape().drop_front(2);
  spec.kernelName = "weight";
  spec.strides = adaptor.getStrides();
  spec.dilations = adaptor.getDilations();
  spec.pads = adaptor.getPads();
  SmallVector<int64_t> shape = {input.getDimSize(0), outChannels};
  if (failed(inferWindowExtents(loc, input.getShape().drop_front(2), spec,
                                shape))) {
    return failure();
  }
  types.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// ConvTransposeOp
//===----------------------------------------------------------------------===//

LogicalResult ConvTransposeOp::inferReturnTypes(MLIRContext *,
                                                std::optional<Location> loc,
                                                Adaptor adaptor,
                                                SmallVectorImpl<Type> &types) {
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  auto weight = cast<RankedTensorType>(adaptor.getWeight().getType());
  if (failed(checkConvRanks(loc, input, weight, "[C, M / group, K1..Kk]"))) {
    return failure();
  }
  int64_t group = adaptor.getGroup();
  int64_t inChannels = input.getDimSize(1);
  if (failed(checkGroup(loc, group, "input channels C", inChannels))) {
    return failure();
  }
  if (staticMismatch(weight.getDimSize(0), inChannels)) {
    return emitOptionalError(loc, "weight[0] = ", weight.getDimSize(0),
                             " must equal the input channels C = ", inChannels);
  }
  int64_t groupChannels = weight.getDimSize(1);
  int64_t outChannels = ShapedType::isDynamic(groupChannels)
                            ? ShapedType::kDynamic
                            : groupChannels * group;
  if (failed(checkBias(loc, adaptor.getBias(), input.getElementType(),
                       outChannels))) {
    return failure();
  }

  WindowSpec spec;
  spec.kernel = weight.getShape().drop_front(2);
  spec.kernelName = "weight";
  spec.strides = adaptor.getStrides();
  spec.dilations = adaptor.getDilations();
  spec.pads = adaptor.getPads();
  spec.outputPadding = adaptor.getOutputPadding();
  spec.transposed = true;
  SmallVector<int64_t> shape = {input.getDimSize(0), outChannels};
  if (failed(inferWindowExtents(loc, input.getShape().drop_front(2), spec,
                                shape))) {
    return failure();
  }
  types.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}
