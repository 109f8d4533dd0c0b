//===- GradientBuilder.cpp - vocabulary of the gradient rules ---*- C++ -*-===//
//
// Constants, reshapes, reductions and the un-broadcast (`sumToShape`) used by
// every family of gradient rules; and `attachGradientRules`, which the
// dialect calls so that every context with nn ops has their rules.
//
//===----------------------------------------------------------------------===//

#include "ir/gradients/GradientBuilder.h"

using namespace mlir;
using namespace mlir::nn;

static Attribute scalarAttr(Type element, double v) {
  if (auto f = dyn_cast<FloatType>(element)) {
    return FloatAttr::get(f, v);
  }
  return IntegerAttr::get(element, static_cast<int64_t>(v));
}

Value GradientBuilder::fill(double v, Type type) {
  auto tensor = cast<RankedTensorType>(type);
  auto attr = DenseElementsAttr::get(
      tensor, ArrayRef<Attribute>{scalarAttr(tensor.getElementType(), v)});
  return ConstantOp::create(b, loc, tensor, attr);
}

Value GradientBuilder::scalar(double v, Value like) {
  return fill(v, RankedTensorType::get({}, getElementTypeOrSelf(like)));
}

Value GradientBuilder::convert(Value x, Type elementType) {
  auto type = cast<RankedTensorType>(x.getType());
  if (type.getElementType() == elementType) {
    return x;
  }
  return CastOp::create(b, loc, type.clone(elementType), x);
}

Value GradientBuilder::reshape(Value x, ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(x.getType());
  if (type.getShape() == shape) {
    return x;
  }
  // A scalar becomes [1, ..., 1] by broadcasting (the same elements).
  if (type.getRank() == 0) {
    return BroadcastOp::create(b, loc, type.clone(shape), x);
  }
  return ReshapeOp::create(b, loc, type.clone(shape), x);
}

Value GradientBuilder::transpose(Value x, ArrayRef<int64_t> perm) {
  return op<TransposeOp>(x, perm);
}

Value GradientBuilder::broadcastTo(Value x, ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(x.getType());
  if (type.getShape() == shape) {
    return x;
  }
  return BroadcastOp::create(b, loc, type.clone(shape), x);
}

Value GradientBuilder::slice(Value x, int64_t axis, int64_t begin,
                             int64_t end) {
  SmallVector<NamedAttribute> attrs = {
      b.getNamedAttr("starts", b.getDenseI64ArrayAttr({begin})),
      b.getNamedAttr("ends", b.getDenseI64ArrayAttr({end})),
      b.getNamedAttr("axes", b.getDenseI64ArrayAttr({axis}))};
  return SliceOp::create(b, loc, ValueRange{x}, attrs).getResult();
}

Value GradientBuilder::reduce(ReduceKind kind, Value x, ArrayRef<int64_t> axes,
                              bool keepdims) {
  return op<ReduceOp>(kind, x, axes, keepdims);
}

Value GradientBuilder::sumToShape(Value g, Type type) {
  auto target = cast<RankedTensorType>(type);
  ArrayRef<int64_t> gShape = shape(g), tShape = target.getShape();
  if (gShape == tShape) {
    return g;
  }
  int64_t lead = static_cast<int64_t>(gShape.size() - tShape.size());
  SmallVector<int64_t> axes;
  for (int64_t i = 0; i < static_cast<int64_t>(gShape.size()); ++i) {
    if (i < lead || (tShape[i - lead] == 1 && gShape[i] != 1)) {
      axes.push_back(i);
    }
  }
  Value r = axes.empty() ? g : sum(g, axes, /*keepdims=*/true);
  return reshape(r, tShape);
}

Value GradientBuilder::channelView(Value v, int64_t rank) {
  SmallVector<int64_t> s(rank, 1);
  s[1] = shape(v)[0];
  return reshape(v, s);
}

Value GradientBuilder::sumButChannel(Value x) {
  SmallVector<int64_t> axes;
  for (int64_t i = 0; i < rank(x); ++i) {
    if (i != 1) {
      axes.push_back(i);
    }
  }
  return sum(x, axes, /*keepdims=*/false);
}

Value GradientBuilder::iota(int64_t n, Type element, int64_t axis,
                            int64_t rank) {
  SmallVector<int64_t> s(rank, 1);
  s[axis] = n;
  auto type = RankedTensorType::get(s, element);
  SmallVector<Attribute> values;
  for (int64_t i = 0; i < n; ++i) {
    values.push_back(scalarAttr(element, static_cast<double>(i)));
  }
  return ConstantOp::create(b, loc, type, DenseElementsAttr::get(type, values));
}

SmallVector<NamedAttribute>
GradientBuilder::copyAttrs(Operation *op, ArrayRef<StringRef> names) {
  SmallVector<NamedAttribute> attrs;
  for (StringRef name : names) {
    std::optional<Attribute> a = op->getInherentAttr(name);
    if (a && *a) {
      attrs.push_back(NamedAttribute(name, *a));
    }
  }
  return attrs;
}

void mlir::nn::attachGradientRules(MLIRContext &context) {
  attachElementwiseGradients(context);
  attachContractionGradients(context);
  attachNormalizationGradients(context);
  attachPoolingGradients(context);
  attachDataMovementGradients(context);
  attachResizeGatherGradients(context);
  attachLossGradients(context);
  attachRecurrentGradients(context);
}
