//===- Elementwise.cpp - inference, verifiers, folders of elementwise ops ===//
//
// The binary math and logical families define inference and folding in ODS
// (NNElementwiseOps.td); this file holds the ops with their own rules.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"

#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mlir::nn;

LogicalResult PReluOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  auto slope = cast<RankedTensorType>(adaptor.getSlope().getType());
  SmallVector<int64_t> shape;
  if (failed(broadcastShapes(loc, {input, slope}, shape))) {
    return failure();
  }
  // Unidirectional: the slope may not grow the input.
  if (failed(verifyCompatibleShape(shape, input.getShape())) ||
      shape.size() != static_cast<size_t>(input.getRank())) {
    return emitOptionalError(
        loc, "slope of shape ", formatShape(slope.getShape()),
        " must broadcast to the input shape ", formatShape(input.getShape()));
  }
  types.push_back(input);
  return success();
}

LogicalResult CmpOp::inferReturnTypes(MLIRContext *ctx,
                                      std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &types) {
  return inferBroadcastResult(
      loc, {adaptor.getLhs().getType(), adaptor.getRhs().getType()},
      IntegerType::get(ctx, 1), types);
}

LogicalResult SelectOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  return inferBroadcastResult(loc,
                              {adaptor.getCondition().getType(),
                               adaptor.getOnTrue().getType(),
                               adaptor.getOnFalse().getType()},
                              getElementTypeOrSelf(adaptor.getOnTrue()), types);
}

OpFoldResult SelectOp::fold(FoldAdaptor adaptor) {
  // select(true, a, b) = a; select(false, a, b) = b (when no broadcast).
  auto cond = dyn_cast_or_null<DenseElementsAttr>(adaptor.getCondition());
  if (cond && cond.isSplat()) {
    Value chosen = cond.getSplatValue<bool>() ? getOnTrue() : getOnFalse();
    if (chosen.getType() == getType()) {
      return chosen;
    }
  }
  // select(c, a, a) = a.
  if (getOnTrue() == getOnFalse() && getOnTrue().getType() == getType()) {
    return getOnTrue();
  }
  return {};
}

LogicalResult ClampOp::verify() {
  if (getMin() && getMax() &&
      getMin()->convertToDouble() > getMax()->convertToDouble()) {
    return emitOpError("min (")
           << getMin()->convertToDouble() << ") must not exceed max ("
           << getMax()->convertToDouble() << ")";
  }
  return success();
}

LogicalResult CastOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  if (failed(verifyCompatibleShape(in.getShape(), out.getShape()))) {
    return emitOpError("changes the shape from ")
           << formatShape(in.getShape()) << " to "
           << formatShape(out.getShape())
           << "; a cast only converts element types (use nn.reshape)";
  }
  return success();
}

OpFoldResult CastOp::fold(FoldAdaptor) {
  // cast(x : T -> T) = x
  if (getInput().getType() == getType()) {
    return getInput();
  }
  return {};
}
