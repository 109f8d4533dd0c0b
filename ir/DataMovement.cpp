//===- DataMovement.cpp - constants, reshapes and layout ops ----*- C++ -*-===//

#include "ir/NNOps.h"

using namespace mlir;
using namespace mlir::nn;

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::inferReturnTypes(MLIRContext *,
                                           std::optional<Location> loc,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &types) {
  auto value = dyn_cast_or_null<ElementsAttr>(adaptor.getValueAttr());
  if (!value) {
    return emitOptionalError(loc, "expected an elements attribute as value");
  }
  types.push_back(value.getType());
  return success();
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValueAttr(); }

//===----------------------------------------------------------------------===//
// ReshapeOp
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  std::optional<int64_t> inCount = staticElementCount(in.getShape());
  std::optional<int64_t> outCount = staticElementCount(out.getShape());
  if (inCount && outCount && *inCount != *outCount) {
    return emitOpError("cannot reshape ")
           << formatShape(in.getShape()) << " (" << *inCount << " elements) to "
           << formatShape(out.getShape()) << " (" << *outCount << " elements)";
  }
  if (inCount && !outCount && out.getNumDynamicDims() > 1) {
    return emitOpError("result ")
           << formatShape(out.getShape())
           << " has more than one dynamic dimension; a reshape of a static "
              "input can leave only one extent to compute";
  }
  if (inCount && !outCount) {
    int64_t known = 1;
    for (int64_t d : out.getShape()) {
      known *= ShapedType::isDynamic(d) ? 1 : d;
    }
    if (known == 0 ? *inCount != 0 : *inCount % known != 0) {
      return emitOpError("cannot reshape ")
             << formatShape(in.getShape()) << " (" << *inCount
             << " elements) to " << formatShape(out.getShape())
             << ": the static extents do not divide the element count";
    }
  }
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  // reshape(x : T -> T) = x
  if (getInput().getType() == getType()) {
    return getInput();
  }
  // reshape(constant) = constant of the new shape.
  if (auto dense = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput())) {
    if (getType().hasStaticShape()) {
      return dense.reshape(getType());
    }
  }
  return {};
}
