//===- LowerLosses.cpp - nn losses -> linalg ------------------------------===//
//
// In: nn.mse, nn.bce, nn.nll, nn.softmax_cross_entropy. Out: a per-element
// loss (an elementwise generic; the class losses gather the target's score
// with tensor.extract at linalg.index positions), then for `sum`/`mean` one
// reduction over every dim into rank-0 tensors. Class losses accumulate the
// applied weights beside the loss: ONNX's `mean` divides by their sum, and
// elements labelled `ignore_index` weigh 0. softmax_cross_entropy is nll of
// log_softmax over the class dim.
//
//===----------------------------------------------------------------------===//

#include "codegen/LoweringUtils.h"
#include "codegen/ReductionUtils.h"
#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace mlir::nn;

namespace {

/// Reduces per-element losses `v` with `reduction`: `none` keeps them, `sum`
/// adds all into a rank-0 tensor, `mean` divides that by the element count.
Value reduceLosses(OpBuilder &b, Location loc, Value v,
                   LossReduction reduction) {
  if (reduction == LossReduction::none) {
    return v;
  }
  auto t = cast<RankedTensorType>(v.getType());
  Type el = t.getElementType();
  SmallVector<bool> all(t.getRank(), true);
  Value sum = buildReduction(
      b, loc, all, v, b.getMultiDimIdentityMap(t.getRank()),
      filledKeptTensor(b, loc, v, all, scalarConstant(b, loc, el, 0.0)),
      [](OpBuilder &nb, Location l, ValueRange a) -> SmallVector<Value> {
        return {arith::AddFOp::create(nb, l, a[0], a[1])};
      })[0];
  if (reduction == LossReduction::sum) {
    return sum;
  }
  Value n = reducedCount(b, loc, v, all, el);
  return buildMap(b, loc, sum, el, sum, b.getMultiDimIdentityMap(0),
                  [&](OpBuilder &nb, Location l, ValueRange a) -> Value {
                    return arith::DivFOp::create(nb, l, a[0], n);
                  });
}

struct MseOpLowering : OpConversionPattern<MseOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MseOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value p = adaptor.getPred();
    auto t = cast<RankedTensorType>(p.getType());
    AffineMap id = rewriter.getMultiDimIdentityMap(t.getRank());
    Value sq = buildMap(rewriter, loc, p, t.getElementType(),
                        ValueRange{p, adaptor.getTarget()}, {id, id},
                        [](OpBuilder &b, Location l, ValueRange a) -> Value {
                          Value d = arith::SubFOp::create(b, l, a[0], a[1]);
                          return arith::MulFOp::create(b, l, d, d);
                        });
    Value r = reduceLosses(rewriter, loc, sq, op.getReduction());
    rewriter.replaceOp(op, castToType(rewriter, loc, r, op.getType()));
    return success();
  }
};

/// max(log(v), -100): PyTorch's clamp keeps log(0) finite in BCE.
Value clampedLog(OpBuilder &b, Location loc, Value v) {
  return arith::MaximumFOp::create(b, loc, math::LogOp::create(b, loc, v),
                                   scalarConstant(b, loc, v.getType(), -100.0));
}

struct BceOpLowering : OpConversionPattern<BceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value p = adaptor.getPred();
    auto t = cast<RankedTensorType>(p.getType());
    AffineMap id = rewriter.getMultiDimIdentityMap(t.getRank());
    SmallVector<Value> inputs = {p, adaptor.getTarget()};
    SmallVector<AffineMap> maps = {id, id};
    if (Value w = adaptor.getWeight()) {
      inputs.push_back(w);
      maps.push_back(broadcastMap(cast<RankedTensorType>(w.getType()), t));
    }
    bool fromLogits = op.getFromLogits();
    Value loss = buildMap(
        rewriter, loc, p, t.getElementType(), inputs, maps,
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value x = a[0], y = a[1];
          Value one = scalarConstant(b, l, x.getType(), 1.0);
          Value e;
          if (fromLogits) {
            // -(y log s(x) + (1-y) log(1-s(x))) = max(x,0) - x y +
            // log1p(exp(-|x|)), finite for every x.
            Value zero = scalarConstant(b, l, x.getType(), 0.0);
            Value neg =
                arith::NegFOp::create(b, l, math::AbsFOp::create(b, l, x));
            e = arith::AddFOp::create(
                b, l,
                arith::SubFOp::create(b, l,
                                      arith::MaximumFOp::create(b, l, x, zero),
                                      arith::MulFOp::create(b, l, x, y)),
                math::Log1pOp::create(b, l, math::ExpOp::create(b, l, neg)));
          } else {
            Value pos = arith::MulFOp::create(b, l, y, clampedLog(b, l, x));
            Value negPart = arith::MulFOp::create(
                b, l, arith::SubFOp::create(b, l, one, y),
                clampedLog(b, l, arith::SubFOp::create(b, l, one, x)));
            e = arith::NegFOp::create(
                b, l, arith::AddFOp::create(b, l, pos, negPart));
          }
          return a.size() > 2 ? arith::MulFOp::create(b, l, a[2], e).getResult()
                              : e;
        });
    Value r = reduceLosses(rewriter, loc, loss, op.getReduction());
    rewriter.replaceOp(op, castToType(rewriter, loc, r, op.getType()));
    return success();
  }
};

/// The negative log-likelihood of `logProbs` [N, C, D...] at `target`
/// [N, D...] with ONNX's weight, ignore_index and reduction rules.
Value buildNll(OpBuilder &b, Location loc, Value logProbs, Value target,
               Value weight, std::optional<int64_t> ignoreIndex,
               LossReduction reduction) {
  auto tt = cast<RankedTensorType>(target.getType());
  Type el = cast<RankedTensorType>(logProbs.getType()).getElementType();
  Type labelType = tt.getElementType();
  int64_t rank = tt.getRank();
  // Per element: {loss, applied weight}; an ignored element reads class 0
  // (its label may be out of range) and weighs 0.
  auto elementLoss = [&](OpBuilder &nb, Location l,
                         Value label) -> std::pair<Value, Value> {
    Value zero = scalarConstant(nb, l, el, 0.0);
    Value valid;
    if (ignoreIndex) {
      valid = arith::CmpIOp::create(
          nb, l, arith::CmpIPredicate::ne, label,
          scalarConstant(nb, l, labelType, static_cast<double>(*ignoreIndex)));
      label = arith::SelectOp::create(nb, l, valid, label,
                                      scalarConstant(nb, l, labelType, 0));
    }
    Value cls = arith::IndexCastOp::create(nb, l, nb.getIndexType(), label);
    SmallVector<Value> idx = {linalg::IndexOp::create(nb, l, 0), cls};
    for (int64_t d = 1; d < rank; ++d) {
      idx.push_back(linalg::IndexOp::create(nb, l, d));
    }
    Value lp = tensor::ExtractOp::create(nb, l, logProbs, idx);
    Value w = weight ? tensor::ExtractOp::create(nb, l, weight, cls).getResult()
                     : scalarConstant(nb, l, el, 1.0);
    if (valid) {
      w = arith::SelectOp::create(nb, l, valid, w, zero);
    }
    Value loss =
        arith::NegFOp::create(nb, l, arith::MulFOp::create(nb, l, w, lp));
    if (valid) {
      loss = arith::SelectOp::create(nb, l, valid, loss, zero);
    }
    return {loss, w};
  };
  AffineMap id = b.getMultiDimIdentityMap(rank);
  if (reduction == LossReduction::none) {
    return buildMap(b, loc, target, el, target, id,
                    [&](OpBuilder &nb, Location l, ValueRange a) -> Value {
                      return elementLoss(nb, l, a[0]).first;
                    });
  }
  SmallVector<bool> all(rank, true);
  Value zero = scalarConstant(b, loc, el, 0.0);
  SmallVector<Value> sums = buildReduction(
      b, loc, all, target, id,
      ValueRange{filledKeptTensor(b, loc, target, all, zero),
                 filledKeptTensor(b, loc, target, all, zero)},
      [&](OpBuilder &nb, Location l, ValueRange a) -> SmallVector<Value> {
        auto [loss, w] = elementLoss(nb, l, a[0]);
        return {arith::AddFOp::create(nb, l, loss, a[1]),
                arith::AddFOp::create(nb, l, w, a[2])};
      });
  if (reduction == LossReduction::sum) {
    return sums[0];
  }
  AffineMap scalar = b.getMultiDimIdentityMap(0);
  return buildMap(b, loc, sums[0], el, ValueRange{sums[0], sums[1]},
                  {scalar, scalar},
                  [](OpBuilder &nb, Location l, ValueRange a) -> Value {
                    return arith::DivFOp::create(nb, l, a[0], a[1]);
                  });
}

struct NllOpLowering : OpConversionPattern<NllOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(NllOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value r = buildNll(rewriter, op.getLoc(), adaptor.getLogProbs(),
                       adaptor.getTarget(), adaptor.getWeight(),
                       op.getIgnoreIndex(), op.getReduction());
    rewriter.replaceOp(op, castToType(rewriter, op.getLoc(), r, op.getType()));
    return success();
  }
};

struct SoftmaxCrossEntropyOpLowering
    : OpConversionPattern<SoftmaxCrossEntropyOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SoftmaxCrossEntropyOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value lp = buildLogSoftmax(rewriter, loc, adaptor.getLogits(), 1);
    Value r =
        buildNll(rewriter, loc, lp, adaptor.getLabels(), adaptor.getWeight(),
                 op.getIgnoreIndex(), op.getReduction());
    rewriter.replaceOp(op, castToType(rewriter, loc, r, op.getType()));
    return success();
  }
};

} // namespace

void mlir::nn::populateLossToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<MseOpLowering, BceOpLowering, NllOpLowering,
               SoftmaxCrossEntropyOpLowering>(patterns.getContext());
}
