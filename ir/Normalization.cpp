//===- Normalization.cpp - normalizations, softmax, reductions -*- C++ -*-===//
//
// Result-type inference (with every shape invariant), verifiers and folders of
// the ops in NNNormalizationOps.td. Dynamic extents flow through: a dynamic
// extent is only replaced when another operand pins it to a static value.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"

using namespace mlir;
using namespace mlir::nn;

namespace {

/// The more static of two extents that must be equal at run time.
int64_t mergeExtent(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) ? b : a;
}

/// False only when both extents are static and differ.
bool extentsMayMatch(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

/// Checks that the per-channel parameter `name` is a 1-D tensor whose extent
/// matches `channels`, and refines a dynamic `channels` from it.
LogicalResult checkChannelParam(std::optional<Location> loc, StringRef name,
                                Type type, int64_t &channels) {
  auto param = cast<RankedTensorType>(type);
  if (param.getRank() != 1) {
    return emitOptionalError(loc, name,
                             " must be a 1-D tensor of C elements, got shape ",
                             formatShape(param.getShape()));
  }
  int64_t extent = param.getDimSize(0);
  if (!extentsMayMatch(extent, channels)) {
    return emitOptionalError(loc, name, " has ", extent,
                             " elements but the channel extent C is ",
                             channels);
  }
  channels = mergeExtent(channels, extent);
  return success();
}

/// Checks that `operand` broadcasts unidirectionally onto `target` (it may
/// not grow it) and refines dynamic extents of `target` that a static extent
/// > 1 of `operand` pins.
LogicalResult broadcastOnto(std::optional<Location> loc, StringRef name,
                            ArrayRef<int64_t> operand,
                            MutableArrayRef<int64_t> target,
                            StringRef targetName) {
  auto fail = [&] {
    return emitOptionalError(loc, name, " of shape ", formatShape(operand),
                             " does not broadcast to the ", targetName, " ",
                             formatShape(target));
  };
  if (operand.size() > target.size()) {
    return fail();
  }
  size_t offset = target.size() - operand.size();
  for (auto [i, d] : llvm::enumerate(operand)) {
    int64_t &t = target[offset + i];
    if (ShapedType::isDynamic(d) || d == 1) {
      continue;
    }
    if (!extentsMayMatch(d, t)) {
      return fail();
    }
    t = d;
  }
  return success();
}

/// Normalizations accept epsilon = 0 (ONNX does) but never a negative or NaN
/// one, which would take the square root of a negative variance.
LogicalResult verifyEpsilon(Operation *op, const APFloat &epsilon) {
  double eps = epsilon.convertToDouble();
  if (!(eps >= 0.0)) {
    return op->emitOpError("epsilon must be non-negative, got ") << eps;
  }
  return success();
}

/// Normalization over channels of `[N, C, D...]` with 1-D parameters.
LogicalResult inferChannelNorm(std::optional<Location> loc, Value input,
                               int64_t minRank, StringRef layout,
                               ArrayRef<std::pair<StringRef, Value>> params,
                               SmallVectorImpl<Type> &types) {
  auto type = cast<RankedTensorType>(input.getType());
  if (type.getRank() < minRank) {
    return emitOptionalError(loc, "input must have rank >= ", minRank, " (",
                             layout, "), got shape ",
                             formatShape(type.getShape()));
  }
  SmallVector<int64_t> shape(type.getShape());
  for (auto [name, value] : params) {
    if (failed(checkChannelParam(loc, name, value.getType(), shape[1]))) {
      return failure();
    }
  }
  types.push_back(type.clone(shape));
  return success();
}

/// Shape of `input` after reducing the (normalized) `axes`.
SmallVector<int64_t> reducedShape(ArrayRef<int64_t> shape,
                                  ArrayRef<int64_t> axes, bool keepdims) {
  SmallVector<int64_t> result;
  for (auto [i, d] : llvm::enumerate(shape)) {
    if (!llvm::is_contained(axes, static_cast<int64_t>(i))) {
      result.push_back(d);
    } else if (keepdims) {
      result.push_back(1);
    }
  }
  return result;
}

/// Softmax-like ops: the axis must be valid; the shape is unchanged.
LogicalResult inferAlongAxis(std::optional<Location> loc, Value input,
                             int64_t axis, SmallVectorImpl<Type> &types) {
  auto type = cast<RankedTensorType>(input.getType());
  if (failed(normalizeAxis(loc, axis, type.getRank()))) {
    return failure();
  }
  types.push_back(type);
  return success();
}

/// Arg-max/min: the axis is reduced (kept as 1 or dropped); indices are i64.
LogicalResult inferArgReduce(MLIRContext *ctx, std::optional<Location> loc,
                             Value input, int64_t axis, bool keepdims,
                             SmallVectorImpl<Type> &types) {
  auto type = cast<RankedTensorType>(input.getType());
  FailureOr<int64_t> dim = normalizeAxis(loc, axis, type.getRank());
  if (failed(dim)) {
    return failure();
  }
  types.push_back(
      RankedTensorType::get(reducedShape(type.getShape(), {*dim}, keepdims),
                            IntegerType::get(ctx, 64)));
  return success();
}

} // namespace

//===----------------------------------------------------------------------===//
// BatchNormOp
//===----------------------------------------------------------------------===//

LogicalResult BatchNormOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  return inferChannelNorm(loc, adaptor.getInput(), 2, "[N, C, ...]",
                          {{"scale", adaptor.getScale()},
                           {"bias", adaptor.getBias()},
                           {"mean", adaptor.getMean()},
                           {"var", adaptor.getVar()}},
                          types);
}

LogicalResult BatchNormOp::verify() {
  return verifyEpsilon(*this, getEpsilon());
}

//===----------------------------------------------------------------------===//
// LayerNormOp
//===----------------------------------------------------------------------===//

LogicalResult LayerNormOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  FailureOr<int64_t> axis =
      normalizeAxis(loc, adaptor.getAxis(), input.getRank());
  if (failed(axis)) {
    return failure();
  }
  SmallVector<int64_t> shape(input.getShape());
  MutableArrayRef<int64_t> normalized =
      MutableArrayRef(shape).drop_front(*axis);
  auto scale = cast<RankedTensorType>(adaptor.getScale().getType());
  if (failed(broadcastOnto(loc, "scale", scale.getShape(), normalized,
                           "normalized shape input.shape[axis:]"))) {
    return failure();
  }
  if (Value bias = adaptor.getBias()) {
    auto biasType = cast<RankedTensorType>(bias.getType());
    if (biasType.getElementType() != input.getElementType()) {
      return emitOptionalError(
          loc, "bias element type ", biasType.getElementType(),
          " does not match input element type ", input.getElementType());
    }
    if (failed(broadcastOnto(loc, "bias", biasType.getShape(), normalized,
                             "normalized shape input.shape[axis:]"))) {
      return failure();
    }
  }
  types.push_back(input.clone(shape));
  return success();
}

LogicalResult LayerNormOp::verify() {
  return verifyEpsilon(*this, getEpsilon());
}

//===----------------------------------------------------------------------===//
// InstanceNormOp
//===----------------------------------------------------------------------===//

LogicalResult InstanceNormOp::inferReturnTypes(MLIRContext *,
                                               std::optional<Location> loc,
                                               Adaptor adaptor,
                                               SmallVectorImpl<Type> &types) {
  return inferChannelNorm(
      loc, adaptor.getInput(), 3, "[N, C, D1, ...]",
      {{"scale", adaptor.getScale()}, {"bias", adaptor.getBias()}}, types);
}

LogicalResult InstanceNormOp::verify() {
  return verifyEpsilon(*this, getEpsilon());
}

//===----------------------------------------------------------------------===//
// SoftmaxOp, LogSoftmaxOp
//===----------------------------------------------------------------------===//

LogicalResult SoftmaxOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  return inferAlongAxis(loc, adaptor.getInput(), adaptor.getAxis(), types);
}

LogicalResult LogSoftmaxOp::inferReturnTypes(MLIRContext *,
                                             std::optional<Location> loc,
                                             Adaptor adaptor,
                                             SmallVectorImpl<Type> &types) {
  return inferAlongAxis(loc, adaptor.getInput(), adaptor.getAxis(), types);
}

//===----------------------------------------------------------------------===//
// ReduceOp
//===----------------------------------------------------------------------===//

LogicalResult ReduceOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  SmallVector<int64_t> axes;
  if (failed(normalizeAxes(loc, adaptor.getAxes(), input.getRank(), axes))) {
    return failure();
  }
  // Empty axes reduce over every dimension.
  if (axes.empty()) {
    axes = llvm::to_vector(llvm::seq<int64_t>(0, input.getRank()));
  }
  types.push_back(
      input.clone(reducedShape(input.getShape(), axes, adaptor.getKeepdims())));
  return success();
}

LogicalResult ReduceOp::verify() {
  Type element = getInput().getType().getElementType();
  if (getKind() == ReduceKind::mean && !isa<FloatType>(element)) {
    return emitOpError("mean reduction requires a float tensor, got element "
                       "type ")
           << element;
  }
  return success();
}

OpFoldResult ReduceOp::fold(FoldAdaptor) {
  // reduce<kind>(x) = x when every reduced extent is 1 and the result keeps
  // x's type: each output element reduces exactly one input element.
  RankedTensorType type = getInput().getType();
  if (type != getType()) {
    return {};
  }
  int64_t rank = type.getRank();
  SmallVector<int64_t> axes;
  for (int64_t a : getAxes()) {
    axes.push_back(a < 0 ? a + rank : a);
  }
  if (axes.empty()) {
    axes = llvm::to_vector(llvm::seq<int64_t>(0, rank));
  }
  for (int64_t a : axes) {
    if (type.getDimSize(a) != 1) {
      return {};
    }
  }
  return getInput();
}

//===----------------------------------------------------------------------===//
// ArgMaxOp, ArgMinOp
//===----------------------------------------------------------------------===//

LogicalResult ArgMaxOp::inferReturnTypes(MLIRContext *ctx,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  return inferArgReduce(ctx, loc, adaptor.getInput(), adaptor.getAxis(),
                        adaptor.getKeepdims(), types);
}

LogicalResult ArgMinOp::inferReturnTypes(MLIRContext *ctx,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  return inferArgReduce(ctx, loc, adaptor.getInput(), adaptor.getAxis(),
                        adaptor.getKeepdims(), types);
}
