//===- LowerReductions.cpp - nn reductions -> linalg ----------------------===//
//
// In: nn.reduce, nn.argmax/argmin, nn.softmax/log_softmax (ONNX semantics).
// Out: linalg.generic ops with reduction iterators accumulating into filled
// tensors of the kept dims, elementwise generics reading those back at full
// rank, and tensor.expand_shape for keepdims. Normalizations and losses live
// in LowerNormalization.cpp and LowerLosses.cpp and register from here.
//
//===----------------------------------------------------------------------===//

#include "codegen/LoweringUtils.h"
#include "codegen/ReductionUtils.h"
#include "codegen/Transforms.h"
#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"

#include <limits>

using namespace mlir;
using namespace mlir::nn;

namespace {

/// Normalizes `axis` in [-rank, rank) to [0, rank).
int64_t normalizeAxis(int64_t axis, int64_t rank) {
  return axis < 0 ? axis + rank : axis;
}

/// The identity of `kind`'s combiner for element type `el`: 0, 1, -inf/+inf
/// or the signed integer extremes.
Value reductionInit(OpBuilder &b, Location loc, ReduceKind kind, Type el) {
  bool isMax = kind == ReduceKind::max;
  double inf = std::numeric_limits<double>::infinity();
  if (auto f = dyn_cast<FloatType>(el)) {
    switch (kind) {
    case ReduceKind::sum:
    case ReduceKind::mean:
      return scalarConstant(b, loc, el, 0.0);
    case ReduceKind::prod:
      return scalarConstant(b, loc, el, 1.0);
    case ReduceKind::max:
    case ReduceKind::min:
      return arith::ConstantOp::create(b, loc,
                                       b.getFloatAttr(f, isMax ? -inf : inf));
    }
  }
  unsigned w = el.getIntOrFloatBitWidth();
  APInt v;
  switch (kind) {
  case ReduceKind::sum:
  case ReduceKind::mean:
    v = APInt(w, 0);
    break;
  case ReduceKind::prod:
    v = APInt(w, 1);
    break;
  case ReduceKind::max:
  case ReduceKind::min:
    v = isMax ? APInt::getSignedMinValue(w) : APInt::getSignedMaxValue(w);
    break;
  }
  return arith::ConstantOp::create(b, loc, b.getIntegerAttr(el, v));
}

Value combine(OpBuilder &b, Location loc, ReduceKind kind, Value x, Value acc) {
  Type el = x.getType();
  bool f = isa<FloatType>(el);
  switch (kind) {
  case ReduceKind::sum:
  case ReduceKind::mean:
    return f ? arith::AddFOp::create(b, loc, x, acc).getResult()
             : arith::AddIOp::create(b, loc, x, acc).getResult();
  case ReduceKind::prod:
    return f ? arith::MulFOp::create(b, loc, x, acc).getResult()
             : arith::MulIOp::create(b, loc, x, acc).getResult();
  case ReduceKind::max:
    if (f) {
      return arith::MaximumFOp::create(b, loc, x, acc);
    }
    return arith::MaxSIOp::create(b, loc, x, acc);
  case ReduceKind::min:
    if (f) {
      return arith::MinimumFOp::create(b, loc, x, acc);
    }
    return arith::MinSIOp::create(b, loc, x, acc);
  }
  llvm_unreachable("unknown reduce kind");
}

struct ReduceOpLowering : OpConversionPattern<ReduceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReduceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    auto t = cast<RankedTensorType>(x.getType());
    if (t.getElementType().isUnsignedInteger() ||
        t.getElementType().isSignedInteger()) {
      return rewriter.notifyMatchFailure(
          op, "signed/unsigned integer tensors are not lowered (linalg "
              "wants signless)");
    }
    int64_t rank = t.getRank();
    SmallVector<bool> reduced(rank, op.getAxes().empty());
    for (int64_t a : op.getAxes()) {
      reduced[normalizeAxis(a, rank)] = true;
    }
    ReduceKind kind = op.getKind();
    Type el = t.getElementType();
    Value init = filledKeptTensor(rewriter, loc, x, reduced,
                                  reductionInit(rewriter, loc, kind, el));
    Value r = buildReduction(
        rewriter, loc, reduced, x, rewriter.getMultiDimIdentityMap(rank), init,
        [&](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          return {combine(b, l, kind, a[0], a[1])};
        })[0];
    if (kind == ReduceKind::mean) {
      Value n = reducedCount(rewriter, loc, x, reduced, el);
      auto rt = cast<RankedTensorType>(r.getType());
      r = buildMap(rewriter, loc, r, el, r,
                   rewriter.getMultiDimIdentityMap(rt.getRank()),
                   [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                     return arith::DivFOp::create(b, l, a[0], n);
                   });
    }
    if (op.getKeepdims()) {
      r = expandKeptDims(rewriter, loc, r, x, reduced);
    }
    rewriter.replaceOp(op, castToType(rewriter, loc, r, op.getType()));
    return success();
  }
};

/// argmax/argmin as one generic with two accumulators (best value, its
/// index): a strict comparison keeps the first of equal elements,
/// a non-strict one (select_last_index) the last.
template <typename OpTy, bool IsMax>
struct ArgReduceLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    auto t = cast<RankedTensorType>(x.getType());
    Type el = t.getElementType();
    if (el.isUnsignedInteger() || el.isSignedInteger()) {
      return rewriter.notifyMatchFailure(
          op, "signed/unsigned integer tensors are not lowered");
    }
    int64_t rank = t.getRank();
    int64_t axis = normalizeAxis(op.getAxis(), rank);
    SmallVector<bool> reduced(rank, false);
    reduced[axis] = true;
    Value valueInit = filledKeptTensor(
        rewriter, loc, x, reduced,
        reductionInit(rewriter, loc, IsMax ? ReduceKind::max : ReduceKind::min,
                      el));
    Value indexInit = filledKeptTensor(
        rewriter, loc, x, reduced,
        scalarConstant(rewriter, loc, rewriter.getI64Type(), 0));
    bool last = op.getSelectLastIndex();
    bool isFloat = isa<FloatType>(el);
    SmallVector<Value> r = buildReduction(
        rewriter, loc, reduced, x, rewriter.getMultiDimIdentityMap(rank),
        ValueRange{valueInit, indexInit},
        [&](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          Value better;
          if (isFloat) {
            auto p = IsMax ? (last ? arith::CmpFPredicate::OGE
                                   : arith::CmpFPredicate::OGT)
                           : (last ? arith::CmpFPredicate::OLE
                                   : arith::CmpFPredicate::OLT);
            better = arith::CmpFOp::create(b, l, p, a[0], a[1]);
          } else {
            auto p = IsMax ? (last ? arith::CmpIPredicate::sge
                                   : arith::CmpIPredicate::sgt)
                           : (last ? arith::CmpIPredicate::sle
                                   : arith::CmpIPredicate::slt);
            better = arith::CmpIOp::create(b, l, p, a[0], a[1]);
          }
          Value idx = arith::IndexCastOp::create(
              b, l, b.getI64Type(), linalg::IndexOp::create(b, l, axis));
          return {arith::SelectOp::create(b, l, better, a[0], a[1]),
                  arith::SelectOp::create(b, l, better, idx, a[2])};
        });
    Value idx = r[1];
    if (op.getKeepdims()) {
      idx = expandKeptDims(rewriter, loc, idx, x, reduced);
    }
    rewriter.replaceOp(op, castToType(rewriter, loc, idx, op.getType()));
    return success();
  }
};

/// softmax = exp(x - max) / sum(exp(x - max)); log_softmax = x - max -
/// log(sum(exp(x - max))). Subtracting the max keeps exp from overflowing.
template <typename OpTy, bool IsLog>
struct SoftmaxLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    auto t = cast<RankedTensorType>(x.getType());
    int64_t axis = normalizeAxis(op.getAxis(), t.getRank());
    Value y;
    if (IsLog) {
      y = buildLogSoftmax(rewriter, loc, x, axis);
    } else {
      y = buildSoftmax(rewriter, loc, x, axis);
    }
    rewriter.replaceOp(op, castToType(rewriter, loc, y, op.getType()));
    return success();
  }
};

} // namespace

void mlir::nn::populateReductionToLinalgPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ReduceOpLowering, ArgReduceLowering<ArgMaxOp, true>,
               ArgReduceLowering<ArgMinOp, false>,
               SoftmaxLowering<SoftmaxOp, false>,
               SoftmaxLowering<LogSoftmaxOp, true>>(ctx);
  populateNormalizationToLinalgPatterns(patterns);
  populateLossToLinalgPatterns(patterns);
}
