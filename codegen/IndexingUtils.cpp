//===- IndexingUtils.cpp - index arithmetic for the data-movement lowering ===//

#include "codegen/IndexingUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace mlir::nn;

OpFoldResult IndexMath::c(int64_t x) { return b.getIndexAttr(x); }

Value IndexMath::v(OpFoldResult x) {
  if (auto val = dyn_cast<Value>(x)) {
    return val;
  }
  return arith::ConstantIndexOp::create(b, loc, *getConstantIntValue(x));
}

namespace {
template <typename ArithOp>
OpFoldResult fold(IndexMath &m, OpFoldResult x, OpFoldResult y,
                  function_ref<int64_t(int64_t, int64_t)> f) {
  std::optional<int64_t> cx = getConstantIntValue(x);
  std::optional<int64_t> cy = getConstantIntValue(y);
  if (cx && cy) {
    return m.c(f(*cx, *cy));
  }
  return ArithOp::create(m.b, m.loc, m.v(x), m.v(y)).getResult();
}
} // namespace

OpFoldResult IndexMath::add(OpFoldResult x, OpFoldResult y) {
  if (isConstantIntValue(y, 0)) {
    return x;
  }
  if (isConstantIntValue(x, 0)) {
    return y;
  }
  return fold<arith::AddIOp>(*this, x, y,
                             [](int64_t p, int64_t q) { return p + q; });
}
OpFoldResult IndexMath::sub(OpFoldResult x, OpFoldResult y) {
  if (isConstantIntValue(y, 0)) {
    return x;
  }
  return fold<arith::SubIOp>(*this, x, y,
                             [](int64_t p, int64_t q) { return p - q; });
}
OpFoldResult IndexMath::mul(OpFoldResult x, OpFoldResult y) {
  if (isConstantIntValue(y, 1)) {
    return x;
  }
  if (isConstantIntValue(x, 1)) {
    return y;
  }
  return fold<arith::MulIOp>(*this, x, y,
                             [](int64_t p, int64_t q) { return p * q; });
}
OpFoldResult IndexMath::min(OpFoldResult x, OpFoldResult y) {
  return fold<arith::MinSIOp>(
      *this, x, y, [](int64_t p, int64_t q) { return std::min(p, q); });
}
OpFoldResult IndexMath::max(OpFoldResult x, OpFoldResult y) {
  return fold<arith::MaxSIOp>(
      *this, x, y, [](int64_t p, int64_t q) { return std::max(p, q); });
}
OpFoldResult IndexMath::ceilDiv(OpFoldResult x, OpFoldResult y) {
  if (isConstantIntValue(y, 1)) {
    return x;
  }
  return fold<arith::CeilDivSIOp>(*this, x, y, [](int64_t p, int64_t q) {
    return p >= 0 ? (p + q - 1) / q : -((-p) / q);
  });
}

SmallVector<OpFoldResult> nn::mixedSizes(OpBuilder &b, Location loc, Value v) {
  auto t = cast<RankedTensorType>(v.getType());
  SmallVector<OpFoldResult> sizes;
  for (int64_t d = 0; d < t.getRank(); ++d) {
    if (t.isDynamicDim(d)) {
      sizes.push_back(tensor::DimOp::create(b, loc, v, d).getResult());
    } else {
      sizes.push_back(b.getIndexAttr(t.getDimSize(d)));
    }
  }
  return sizes;
}

Value nn::emptyLike(OpBuilder &b, Location loc, RankedTensorType type,
                    ArrayRef<OpFoldResult> sizes) {
  IndexMath m{b, loc};
  SmallVector<Value> dyn;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (type.isDynamicDim(d)) {
      dyn.push_back(m.v(sizes[d]));
    }
  }
  return tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType(),
                                 dyn);
}

Value nn::castTo(OpBuilder &b, Location loc, Value v, Type type) {
  if (v.getType() == type) {
    return v;
  }
  return tensor::CastOp::create(b, loc, type, v);
}

Value nn::buildIndexedGeneric(
    OpBuilder &b, Location loc, RankedTensorType result,
    ArrayRef<OpFoldResult> sizes, ValueRange inputs,
    ArrayRef<AffineMap> inputMaps,
    function_ref<Value(OpBuilder &, Location, ArrayRef<Value>, ValueRange)>
        body) {
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(b.getMultiDimIdentityMap(result.getRank()));
  Value init = emptyLike(b, loc, result, sizes);
  SmallVector<utils::IteratorType> iterators(result.getRank(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, result, inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        SmallVector<Value> ivs;
        for (int64_t d = 0; d < result.getRank(); ++d) {
          ivs.push_back(linalg::IndexOp::create(nb, nloc, d));
        }
        Value v = body(nb, nloc, ivs, args.drop_back());
        linalg::YieldOp::create(nb, nloc, v);
      });
  return generic.getResult(0);
}
