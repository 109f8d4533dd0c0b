//===- ReductionUtils.cpp - helpers for the reduction lowerings ----------===//

#include "codegen/ReductionUtils.h"
#include "codegen/LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

#include <limits>

using namespace mlir;

AffineMap nn::keptMap(MLIRContext *ctx, ArrayRef<bool> reduced) {
  SmallVector<AffineExpr> exprs;
  for (auto [d, r] : llvm::enumerate(reduced)) {
    if (!r) {
      exprs.push_back(getAffineDimExpr(d, ctx));
    }
  }
  return AffineMap::get(reduced.size(), 0, exprs, ctx);
}

AffineMap nn::singleDimMap(MLIRContext *ctx, unsigned rank, unsigned dim) {
  return AffineMap::get(rank, 0, getAffineDimExpr(dim, ctx), ctx);
}

SmallVector<Value> nn::dynamicDims(OpBuilder &b, Location loc, Value v,
                                   ArrayRef<bool> keep) {
  auto t = cast<RankedTensorType>(v.getType());
  SmallVector<Value> dims;
  for (int64_t d = 0; d < t.getRank(); ++d) {
    if (t.isDynamicDim(d) && (keep.empty() || keep[d])) {
      dims.push_back(tensor::DimOp::create(b, loc, v, d));
    }
  }
  return dims;
}

Value nn::filledKeptTensor(OpBuilder &b, Location loc, Value input,
                           ArrayRef<bool> reduced, Value init) {
  auto t = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> shape;
  SmallVector<bool> keep;
  for (int64_t d = 0; d < t.getRank(); ++d) {
    keep.push_back(!reduced[d]);
    if (!reduced[d]) {
      shape.push_back(t.getDimSize(d));
    }
  }
  auto kept = RankedTensorType::get(shape, init.getType());
  Value empty = emptyTensor(b, loc, kept, dynamicDims(b, loc, input, keep));
  return linalg::FillOp::create(b, loc, ValueRange{init}, ValueRange{empty})
      .getResult(0);
}

SmallVector<Value> nn::buildReduction(
    OpBuilder &b, Location loc, ArrayRef<bool> reduced, ValueRange inputs,
    ArrayRef<AffineMap> inputMaps, ValueRange inits,
    function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange)> body) {
  SmallVector<AffineMap> maps(inputMaps);
  AffineMap out = keptMap(b.getContext(), reduced);
  maps.append(inits.size(), out);
  SmallVector<utils::IteratorType> iterators;
  for (bool r : reduced) {
    iterators.push_back(r ? utils::IteratorType::reduction
                          : utils::IteratorType::parallel);
  }
  auto generic = linalg::GenericOp::create(
      b, loc, inits.getTypes(), inputs, inits, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        linalg::YieldOp::create(nb, nloc, body(nb, nloc, args));
      });
  return SmallVector<Value>(generic.getResults());
}

Value nn::buildMap(
    OpBuilder &b, Location loc, Value like, Type element, ValueRange inputs,
    ArrayRef<AffineMap> inputMaps,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  auto t = cast<RankedTensorType>(like.getType());
  auto result = RankedTensorType::get(t.getShape(), element);
  Value init = emptyTensor(b, loc, result, dynamicDims(b, loc, like));
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(b.getMultiDimIdentityMap(t.getRank()));
  SmallVector<utils::IteratorType> iterators(t.getRank(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, result, inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        linalg::YieldOp::create(nb, nloc, body(nb, nloc, args.drop_back()));
      });
  return generic.getResult(0);
}

Value nn::reducedCount(OpBuilder &b, Location loc, Value v,
                       ArrayRef<bool> reduced, Type type) {
  auto t = cast<RankedTensorType>(v.getType());
  Value n = arith::ConstantIndexOp::create(b, loc, 1);
  for (int64_t d = 0; d < t.getRank(); ++d) {
    if (reduced[d]) {
      n = arith::MulIOp::create(b, loc, n, tensor::DimOp::create(b, loc, v, d));
    }
  }
  Value i = arith::IndexCastOp::create(b, loc, b.getI64Type(), n);
  return arith::SIToFPOp::create(b, loc, type, i);
}

Value nn::expandKeptDims(OpBuilder &b, Location loc, Value v, Value input,
                         ArrayRef<bool> reduced) {
  // Nothing reduced (a rank-0 input): no unit dims to put back.
  if (llvm::none_of(reduced, [](bool r) { return r; })) {
    return v;
  }
  auto in = cast<RankedTensorType>(input.getType());
  auto src = cast<RankedTensorType>(v.getType());
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < in.getRank(); ++d) {
    shape.push_back(reduced[d] ? 1 : in.getDimSize(d));
  }
  auto type = RankedTensorType::get(shape, src.getElementType());
  // Each kept dim groups with the reduced (unit) dims before it; trailing
  // reduced dims join the last group. A rank-0 source expands with no groups.
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices current;
  for (int64_t d = 0; d < in.getRank(); ++d) {
    current.push_back(d);
    if (!reduced[d]) {
      groups.push_back(current);
      current.clear();
    }
  }
  if (!current.empty() && !groups.empty()) {
    groups.back().append(current.begin(), current.end());
  }
  SmallVector<OpFoldResult> outShape;
  int64_t srcDim = 0;
  for (int64_t d = 0; d < in.getRank(); ++d) {
    if (reduced[d]) {
      outShape.push_back(b.getIndexAttr(1));
    } else {
      outShape.push_back(tensor::getMixedSize(b, loc, v, srcDim++));
    }
  }
  return tensor::ExpandShapeOp::create(b, loc, type, v, groups, outShape);
}

Value nn::castToType(OpBuilder &b, Location loc, Value v, Type type) {
  if (v.getType() == type) {
    return v;
  }
  return tensor::CastOp::create(b, loc, type, v);
}

/// max over the `reduced` dims of `x` (kept as unit dims), from -inf.
static Value rowMaximum(OpBuilder &b, Location loc, Value x,
                        ArrayRef<bool> reduced) {
  Type el = cast<RankedTensorType>(x.getType()).getElementType();
  AffineMap id = b.getMultiDimIdentityMap(reduced.size());
  Value negInf = arith::ConstantOp::create(
      b, loc, b.getFloatAttr(el, -std::numeric_limits<double>::infinity()));
  return nn::buildReduction(
      b, loc, reduced, x, id, nn::filledKeptTensor(b, loc, x, reduced, negInf),
      [](OpBuilder &nb, Location nloc, ValueRange a) -> SmallVector<Value> {
        return {arith::MaximumFOp::create(nb, nloc, a[0], a[1])};
      })[0];
}

namespace {
/// A softmax's rows along `axis` of x: its element type, the reduced-dims
/// mask, and the maps reading x (identity) and a per-row value (kept dims).
struct AxisRows {
  Type el;
  SmallVector<bool> reduced;
  AffineMap id, kept;
};
} // namespace

static AxisRows axisRows(OpBuilder &b, Value x, int64_t axis) {
  auto t = cast<RankedTensorType>(x.getType());
  AxisRows rows{t.getElementType(), SmallVector<bool>(t.getRank(), false),
                b.getMultiDimIdentityMap(t.getRank()), AffineMap()};
  rows.reduced[axis] = true;
  rows.kept = nn::keptMap(b.getContext(), rows.reduced);
  return rows;
}

std::pair<Value, Value> nn::softmaxStatistics(OpBuilder &b, Location loc,
                                              Value x, int64_t axis) {
  AxisRows r = axisRows(b, x, axis);
  Value max = rowMaximum(b, loc, x, r.reduced);
  Value zero = scalarConstant(b, loc, r.el, 0.0);
  Value sum = buildReduction(
      b, loc, r.reduced, ValueRange{x, max}, {r.id, r.kept},
      filledKeptTensor(b, loc, x, r.reduced, zero),
      [](OpBuilder &nb, Location nloc, ValueRange a) -> SmallVector<Value> {
        Value e = math::ExpOp::create(
            nb, nloc, arith::SubFOp::create(nb, nloc, a[0], a[1]));
        return {arith::AddFOp::create(nb, nloc, e, a[2])};
      })[0];
  return {max, sum};
}

Value nn::buildSoftmax(OpBuilder &b, Location loc, Value x, int64_t axis) {
  AxisRows r = axisRows(b, x, axis);
  Type el = r.el;
  AffineMap id = r.id, kept = r.kept;
  ArrayRef<bool> reduced = r.reduced;
  Value max = rowMaximum(b, loc, x, reduced);
  // exp(x - max) once, summed and then scaled (computing it in both the
  // sum and the division doubled the exponentials, a softmax's main cost).
  Value e = buildMap(b, loc, x, el, ValueRange{x, max}, {id, kept},
                     [](OpBuilder &nb, Location l, ValueRange a) -> Value {
                       return math::ExpOp::create(
                           nb, l, arith::SubFOp::create(nb, l, a[0], a[1]));
                     });
  Value zero = scalarConstant(b, loc, el, 0.0);
  Value sum = buildReduction(
      b, loc, reduced, e, id, filledKeptTensor(b, loc, x, reduced, zero),
      [](OpBuilder &nb, Location nloc, ValueRange a) -> SmallVector<Value> {
        return {arith::AddFOp::create(nb, nloc, a[0], a[1])};
      })[0];
  // One division per row, then a multiplication per element: a vector
  // division costs ~10 cycles a register (half of a softmax row's time).
  Value inverse =
      buildMap(b, loc, sum, el, ValueRange{sum},
               {b.getMultiDimIdentityMap(
                   cast<RankedTensorType>(sum.getType()).getRank())},
               [&](OpBuilder &nb, Location l, ValueRange a) -> Value {
                 return arith::DivFOp::create(
                     nb, l, scalarConstant(nb, l, el, 1.0), a[0]);
               });
  return buildMap(b, loc, x, el, ValueRange{e, inverse}, {id, kept},
                  [](OpBuilder &nb, Location l, ValueRange a) -> Value {
                    return arith::MulFOp::create(nb, l, a[0], a[1]);
                  });
}

Value nn::buildLogSoftmax(OpBuilder &b, Location loc, Value x, int64_t axis) {
  AxisRows r = axisRows(b, x, axis);
  auto [max, sum] = softmaxStatistics(b, loc, x, axis);
  return buildMap(b, loc, x, r.el, ValueRange{x, max, sum},
                  {r.id, r.kept, r.kept},
                  [](OpBuilder &nb, Location nloc, ValueRange a) -> Value {
                    Value shifted = arith::SubFOp::create(nb, nloc, a[0], a[1]);
                    return arith::SubFOp::create(
                        nb, nloc, shifted, math::LogOp::create(nb, nloc, a[2]));
                  });
}
