//===- WeightUtils.cpp - reading and writing constant weights ---*- C++ -*-===//
//
// f32 constants in and out of nn.constant (see WeightUtils.h).
//
//===----------------------------------------------------------------------===//

#include "passes/WeightUtils.h"
#include "ir/NNOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"

using namespace mlir;

std::optional<SmallVector<float>> nn::readF32Constant(Value v) {
  auto constant = v.getDefiningOp<ConstantOp>();
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!constant || !type || !type.hasStaticShape() ||
      !type.getElementType().isF32()) {
    return std::nullopt;
  }
  Attribute value = constant.getValue();
  if (auto dense = dyn_cast<DenseElementsAttr>(value)) {
    auto values = dense.getValues<float>();
    return SmallVector<float>(values.begin(), values.end());
  }
  if (auto blob = dyn_cast<DenseF32ResourceElementsAttr>(value)) {
    std::optional<ArrayRef<float>> data = blob.tryGetAsArrayRef();
    if (!data || (int64_t)data->size() != type.getNumElements()) {
      return std::nullopt;
    }
    return SmallVector<float>(data->begin(), data->end());
  }
  return std::nullopt;
}

Value nn::createF32Constant(OpBuilder &b, Location loc, RankedTensorType type,
                            ArrayRef<float> values) {
  return ConstantOp::create(b, loc, type, DenseElementsAttr::get(type, values));
}
