//===- ConstantFolding.cpp - folding nn ops over small constants -*- C++
//-*-===//

#include "ir/ConstantFolding.h"

#include "ir/ShapeUtils.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;

namespace {

/// Row-major strides of `shape`.
SmallVector<int64_t> stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i) {
    strides[i] = strides[i + 1] * shape[i + 1];
  }
  return strides;
}

/// Linear index into an operand of `operandShape` broadcast to `resultShape`,
/// for the result element at linear index `index`.
int64_t broadcastIndex(int64_t index, ArrayRef<int64_t> resultShape,
                       ArrayRef<int64_t> resultStrides,
                       ArrayRef<int64_t> operandShape,
                       ArrayRef<int64_t> operandStrides) {
  int64_t offset = resultShape.size() - operandShape.size();
  int64_t linear = 0;
  for (size_t d = 0; d < resultShape.size(); ++d) {
    int64_t coord = (index / resultStrides[d]) % resultShape[d];
    if (static_cast<int64_t>(d) < offset) {
      continue;
    }
    size_t od = d - offset;
    if (operandShape[od] != 1) {
      linear += coord * operandStrides[od];
    }
  }
  return linear;
}

double toDouble(const APFloat &v) {
  APFloat d = v;
  bool lost;
  d.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &lost);
  return d.convertToDouble();
}

APFloat fromDouble(double v, FloatType type) {
  APFloat r(v);
  bool lost;
  r.convert(type.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
  return r;
}

/// Dense constant of static shape within the folding budget, or null.
DenseElementsAttr foldableConstant(Attribute attr) {
  auto dense = dyn_cast_or_null<DenseElementsAttr>(attr);
  if (!dense || !dense.getType().hasStaticShape()) {
    return {};
  }
  return dense;
}

} // namespace

bool nn::isSplatValue(Attribute attr, double value) {
  auto dense = dyn_cast_or_null<DenseElementsAttr>(attr);
  if (!dense || !dense.isSplat()) {
    return false;
  }
  Type elt = dense.getElementType();
  if (isa<FloatType>(elt)) {
    return toDouble(dense.getSplatValue<APFloat>()) == value;
  }
  if (auto intTy = dyn_cast<IntegerType>(elt)) {
    if (intTy.getWidth() == 1) {
      return false;
    }
    return static_cast<double>(dense.getSplatValue<APInt>().getSExtValue()) ==
           value;
  }
  return false;
}

OpFoldResult nn::foldUnaryFloat(Attribute operand, Type resultType,
                                llvm::function_ref<double(double)> fn) {
  DenseElementsAttr dense = foldableConstant(operand);
  auto type = dyn_cast<RankedTensorType>(resultType);
  if (!dense || !type || !type.hasStaticShape() ||
      type.getNumElements() > kMaxFoldElements ||
      dense.getType() != resultType) {
    return {};
  }
  auto floatTy = cast<FloatType>(type.getElementType());
  if (dense.isSplat()) {
    return DenseElementsAttr::get(
        type,
        fromDouble(fn(toDouble(dense.getSplatValue<APFloat>())), floatTy));
  }
  SmallVector<APFloat> values;
  for (const APFloat &v : dense.getValues<APFloat>()) {
    values.push_back(fromDouble(fn(toDouble(v)), floatTy));
  }
  return DenseElementsAttr::get(type, values);
}

OpFoldResult nn::foldUnary(Attribute operand, Type resultType,
                           llvm::function_ref<double(double)> floatFn,
                           int64_t (*intFn)(int64_t)) {
  auto type = dyn_cast<RankedTensorType>(resultType);
  if (!type) {
    return {};
  }
  if (isa<FloatType>(type.getElementType())) {
    return foldUnaryFloat(operand, resultType, floatFn);
  }
  DenseElementsAttr dense = foldableConstant(operand);
  auto intTy = dyn_cast<IntegerType>(type.getElementType());
  if (!dense || !intTy || intTy.getWidth() == 1 || !type.hasStaticShape() ||
      type.getNumElements() > kMaxFoldElements ||
      dense.getType() != resultType) {
    return {};
  }
  bool isUnsigned = intTy.isUnsigned();
  SmallVector<APInt> out;
  for (const APInt &v : dense.getValues<APInt>()) {
    int64_t x =
        isUnsigned ? static_cast<int64_t>(v.getZExtValue()) : v.getSExtValue();
    out.push_back(APInt(intTy.getWidth(), static_cast<uint64_t>(intFn(x)),
                        /*isSigned=*/!isUnsigned, /*implicitTrunc=*/true));
  }
  return DenseElementsAttr::get(type, out);
}

OpFoldResult nn::foldBinaryConstants(Attribute lhsAttr, Attribute rhsAttr,
                                     Type resultType,
                                     double (*floatFn)(double, double),
                                     int64_t (*intFn)(int64_t, int64_t)) {
  DenseElementsAttr lhs = foldableConstant(lhsAttr);
  DenseElementsAttr rhs = foldableConstant(rhsAttr);
  auto type = dyn_cast<RankedTensorType>(resultType);
  if (!lhs || !rhs || !type || !type.hasStaticShape() ||
      type.getNumElements() > kMaxFoldElements) {
    return {};
  }
  Type elt = type.getElementType();
  ArrayRef<int64_t> shape = type.getShape();
  ArrayRef<int64_t> lShape = lhs.getType().getShape();
  ArrayRef<int64_t> rShape = rhs.getType().getShape();
  SmallVector<int64_t> strides = stridesOf(shape);
  SmallVector<int64_t> lStrides = stridesOf(lShape);
  SmallVector<int64_t> rStrides = stridesOf(rShape);
  int64_t n = type.getNumElements();
  auto lIndex = [&](int64_t i) {
    return lhs.isSplat() ? 0
                         : broadcastIndex(i, shape, strides, lShape, lStrides);
  };
  auto rIndex = [&](int64_t i) {
    return rhs.isSplat() ? 0
                         : broadcastIndex(i, shape, strides, rShape, rStrides);
  };

  if (auto floatTy = dyn_cast<FloatType>(elt)) {
    auto lv = lhs.tryGetValues<APFloat>();
    auto rv = rhs.tryGetValues<APFloat>();
    if (failed(lv) || failed(rv)) {
      return {};
    }
    SmallVector<APFloat> out;
    out.reserve(n);
    for (int64_t i = 0; i < n; ++i) {
      double a = toDouble((*lv)[lIndex(i)]);
      double b = toDouble((*rv)[rIndex(i)]);
      out.push_back(fromDouble(floatFn(a, b), floatTy));
    }
    return DenseElementsAttr::get(type, out);
  }
  auto intTy = dyn_cast<IntegerType>(elt);
  if (!intTy || !intFn || intTy.getWidth() == 1) {
    return {};
  }
  auto lv = lhs.tryGetValues<APInt>();
  auto rv = rhs.tryGetValues<APInt>();
  if (failed(lv) || failed(rv)) {
    return {};
  }
  bool isUnsigned = intTy.isUnsigned();
  SmallVector<APInt> out;
  out.reserve(n);
  for (int64_t i = 0; i < n; ++i) {
    const APInt &a = (*lv)[lIndex(i)];
    const APInt &b = (*rv)[rIndex(i)];
    int64_t av =
        isUnsigned ? static_cast<int64_t>(a.getZExtValue()) : a.getSExtValue();
    int64_t bv =
        isUnsigned ? static_cast<int64_t>(b.getZExtValue()) : b.getSExtValue();
    out.push_back(APInt(intTy.getWidth(), static_cast<uint64_t>(intFn(av, bv)),
                        /*isSigned=*/!isUnsigned, /*implicitTrunc=*/true));
  }
  return DenseElementsAttr::get(type, out);
}

//===----------------------------------------------------------------------===//
// Data movement over constants
//===----------------------------------------------------------------------===//

namespace {
/// Row-major coordinate of linear index `i` in `shape`.
void delinearize(int64_t i, ArrayRef<int64_t> shape,
                 SmallVectorImpl<int64_t> &coord) {
  coord.assign(shape.size(), 0);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
    coord[d] = shape[d] ? i % shape[d] : 0;
    i = shape[d] ? i / shape[d] : 0;
  }
}

/// Static result type within the budget, or null.
RankedTensorType foldableResult(Type resultType) {
  auto type = dyn_cast<RankedTensorType>(resultType);
  if (!type || !type.hasStaticShape() ||
      type.getNumElements() > nn::kMaxFoldElements) {
    return {};
  }
  return type;
}
} // namespace

OpFoldResult nn::foldDataMovement(Attribute inputAttr, Type resultType,
                                  SourceIndexFn source) {
  DenseElementsAttr input = foldableConstant(inputAttr);
  RankedTensorType type = foldableResult(resultType);
  if (!input || !type || input.getElementType() != type.getElementType()) {
    return {};
  }
  if (input.isSplat()) {
    return input.resizeSplat(type);
  }
  auto values = input.getValues<Attribute>();
  ArrayRef<int64_t> inShape = input.getType().getShape();
  SmallVector<int64_t> inStrides = stridesOf(inShape);
  SmallVector<Attribute> out;
  out.reserve(type.getNumElements());
  SmallVector<int64_t> coord, src;
  for (int64_t i = 0, e = type.getNumElements(); i < e; ++i) {
    delinearize(i, type.getShape(), coord);
    src.clear();
    source(coord, src);
    int64_t linear = 0;
    for (auto [d, c] : llvm::enumerate(src)) {
      if (c < 0 || c >= inShape[d]) {
        return {}; // out of bounds: leave it to the runtime's semantics
      }
      linear += c * inStrides[d];
    }
    out.push_back(values[linear]);
  }
  return DenseElementsAttr::get(type, out);
}

OpFoldResult nn::foldConcat(ArrayRef<Attribute> inputs, int64_t axis,
                            Type resultType) {
  RankedTensorType type = foldableResult(resultType);
  if (!type || axis < 0 || axis >= type.getRank()) {
    return {};
  }
  SmallVector<DenseElementsAttr> dense;
  for (Attribute a : inputs) {
    DenseElementsAttr d = foldableConstant(a);
    if (!d || d.getElementType() != type.getElementType()) {
      return {};
    }
    dense.push_back(d);
  }
  SmallVector<Attribute> out;
  out.reserve(type.getNumElements());
  SmallVector<int64_t> coord;
  for (int64_t i = 0, e = type.getNumElements(); i < e; ++i) {
    delinearize(i, type.getShape(), coord);
    int64_t c = coord[axis];
    for (DenseElementsAttr d : dense) {
      ArrayRef<int64_t> shape = d.getType().getShape();
      if (c >= shape[axis]) {
        c -= shape[axis];
        continue;
      }
      int64_t linear = 0;
      SmallVector<int64_t> strides = stridesOf(shape);
      for (size_t k = 0; k < coord.size(); ++k) {
        linear += (k == static_cast<size_t>(axis) ? c : coord[k]) * strides[k];
      }
      out.push_back(d.isSplat() ? d.getSplatValue<Attribute>()
                                : d.getValues<Attribute>()[linear]);
      break;
    }
  }
  if (static_cast<int64_t>(out.size()) != type.getNumElements()) {
    return {};
  }
  return DenseElementsAttr::get(type, out);
}

OpFoldResult nn::foldReshapeConstant(Attribute inputAttr, Type resultType) {
  DenseElementsAttr input = foldableConstant(inputAttr);
  auto type = dyn_cast<RankedTensorType>(resultType);
  if (!input || !type || !type.hasStaticShape() ||
      input.getElementType() != type.getElementType() ||
      input.getNumElements() != type.getNumElements()) {
    return {};
  }
  return input.reshape(type);
}
