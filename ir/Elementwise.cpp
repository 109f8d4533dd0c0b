//===- Elementwise.cpp - inference, verifiers, folders of elementwise ops ===//
//
// The binary math and logical families define inference and folding in ODS
// (NNElementwiseOps.td); this file holds the ops with their own rules.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"

#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/APSInt.h"

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

/// Converts one constant element to `to` with nn.cast's rules, or returns
/// null where the conversion is not exact enough to fold (NaN or out of
/// range float to integer).
static Attribute castElement(Attribute value, Type to) {
  if (auto f = dyn_cast<FloatAttr>(value)) {
    APFloat v = f.getValue();
    if (auto toFloat = dyn_cast<FloatType>(to)) {
      bool lost;
      v.convert(toFloat.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                &lost);
      return FloatAttr::get(to, v);
    }
    auto toInt = cast<IntegerType>(to);
    if (toInt.getWidth() == 1) {
      return IntegerAttr::get(to, APInt(1, v.isZero() ? 0 : 1));
    }
    APSInt result(toInt.getWidth(), toInt.isUnsigned());
    bool exact;
    // Truncation is inexact by design; NaN, infinity and out-of-range
    // values are invalid and left to the runtime.
    if (v.convertToInteger(result, APFloat::rmTowardZero, &exact) &
        APFloat::opInvalidOp) {
      return {};
    }
    return IntegerAttr::get(to, result);
  }
  auto i = cast<IntegerAttr>(value);
  unsigned fromWidth = i.getType().getIntOrFloatBitWidth();
  bool fromSigned = fromWidth != 1 && !i.getType().isUnsignedInteger();
  APInt v = i.getValue();
  if (auto toFloat = dyn_cast<FloatType>(to)) {
    APFloat f(toFloat.getFloatSemantics());
    f.convertFromAPInt(v, fromSigned, APFloat::rmNearestTiesToEven);
    return FloatAttr::get(to, f);
  }
  auto toInt = cast<IntegerType>(to);
  if (toInt.getWidth() == 1) {
    return IntegerAttr::get(to, APInt(1, v.isZero() ? 0 : 1));
  }
  return IntegerAttr::get(to, fromSigned ? v.sextOrTrunc(toInt.getWidth())
                                         : v.zextOrTrunc(toInt.getWidth()));
}

OpFoldResult CastOp::fold(FoldAdaptor adaptor) {
  // cast(x : T -> T) = x
  if (getInput().getType() == getType()) {
    return getInput();
  }
  // cast(constant) = constant of the new element type.
  auto dense = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput());
  auto type = cast<RankedTensorType>(getType());
  if (!dense || !type.hasStaticShape() ||
      type.getNumElements() > kMaxFoldElements) {
    return {};
  }
  SmallVector<Attribute> out;
  for (Attribute v : dense.getValues<Attribute>()) {
    Attribute c = castElement(v, type.getElementType());
    if (!c) {
      return {};
    }
    out.push_back(c);
  }
  return DenseElementsAttr::get(type, out);
}
