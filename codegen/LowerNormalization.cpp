//===- LowerNormalization.cpp - nn normalizations -> linalg ---------------===//
//
// In: nn.batch_norm (inference), nn.layer_norm, nn.instance_norm. Out: for
// batch_norm one elementwise generic over the input reading the per-channel
// parameters through (d0, ..., dn) -> (d1); for layer/instance norm two
// reductions (mean, then the population variance around it) over the
// normalized dims and one elementwise generic applying
// (x - mean) * rsqrt(var + eps) * scale + bias.
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

/// Mean and population variance of `x` over `reduced`, as tensors of the
/// kept dims. The variance is taken around the mean (two passes), which is
/// more accurate than E[x^2] - E[x]^2.
std::pair<Value, Value> moments(OpBuilder &b, Location loc, Value x,
                                ArrayRef<bool> reduced) {
  auto t = cast<RankedTensorType>(x.getType());
  Type el = t.getElementType();
  AffineMap id = b.getMultiDimIdentityMap(t.getRank());
  AffineMap kept = keptMap(b.getContext(), reduced);
  Value zero = scalarConstant(b, loc, el, 0.0);
  Value n = reducedCount(b, loc, x, reduced, el);
  auto divideByN = [&](Value v) {
    auto vt = cast<RankedTensorType>(v.getType());
    return buildMap(b, loc, v, el, v, b.getMultiDimIdentityMap(vt.getRank()),
                    [&](OpBuilder &nb, Location l, ValueRange a) -> Value {
                      return arith::DivFOp::create(nb, l, a[0], n);
                    });
  };
  Value sum = buildReduction(
      b, loc, reduced, x, id, filledKeptTensor(b, loc, x, reduced, zero),
      [](OpBuilder &nb, Location l, ValueRange a) -> SmallVector<Value> {
        return {arith::AddFOp::create(nb, l, a[0], a[1])};
      })[0];
  Value mean = divideByN(sum);
  Value sq = buildReduction(
      b, loc, reduced, ValueRange{x, mean}, {id, kept},
      filledKeptTensor(b, loc, x, reduced, zero),
      [](OpBuilder &nb, Location l, ValueRange a) -> SmallVector<Value> {
        Value d = arith::SubFOp::create(nb, l, a[0], a[1]);
        Value d2 = arith::MulFOp::create(nb, l, d, d);
        return {arith::AddFOp::create(nb, l, d2, a[2])};
      })[0];
  return {mean, divideByN(sq)};
}

/// (x - mean) * rsqrt(var + eps) * scale (+ bias), all scalars.
Value normalizeScalar(OpBuilder &b, Location loc, Value x, Value mean,
                      Value var, double epsilon, Value scale, Value bias) {
  Value eps = scalarConstant(b, loc, x.getType(), epsilon);
  Value inv =
      math::RsqrtOp::create(b, loc, arith::AddFOp::create(b, loc, var, eps));
  Value y = arith::MulFOp::create(b, loc,
                                  arith::SubFOp::create(b, loc, x, mean), inv);
  y = arith::MulFOp::create(b, loc, y, scale);
  return bias ? arith::AddFOp::create(b, loc, y, bias).getResult() : y;
}

struct BatchNormOpLowering : OpConversionPattern<BatchNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BatchNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    auto t = cast<RankedTensorType>(x.getType());
    unsigned rank = t.getRank();
    AffineMap channel = singleDimMap(rewriter.getContext(), rank, 1);
    double eps = op.getEpsilon().convertToDouble();
    Value y = buildMap(rewriter, loc, x, t.getElementType(),
                       ValueRange{x, adaptor.getScale(), adaptor.getBias(),
                                  adaptor.getMean(), adaptor.getVar()},
                       {rewriter.getMultiDimIdentityMap(rank), channel, channel,
                        channel, channel},
                       [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                         return normalizeScalar(b, l, a[0], a[3], a[4], eps,
                                                a[1], a[2]);
                       });
    rewriter.replaceOp(op, castToType(rewriter, loc, y, op.getType()));
    return success();
  }
};

struct LayerNormOpLowering : OpConversionPattern<LayerNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LayerNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    auto t = cast<RankedTensorType>(x.getType());
    int64_t rank = t.getRank();
    // The I64Attr getter is unsigned; read it back as signed.
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0) {
      axis += rank;
    }
    SmallVector<bool> reduced(rank, false);
    for (int64_t d = axis; d < rank; ++d) {
      reduced[d] = true;
    }
    auto [mean, var] = moments(rewriter, loc, x, reduced);
    AffineMap kept = keptMap(rewriter.getContext(), reduced);
    // scale and bias broadcast (trailing-aligned) to input.shape[axis:],
    // hence to the input.
    SmallVector<Value> inputs = {x, mean, var, adaptor.getScale()};
    SmallVector<AffineMap> maps = {
        rewriter.getMultiDimIdentityMap(rank), kept, kept,
        broadcastMap(cast<RankedTensorType>(adaptor.getScale().getType()), t)};
    if (Value bias = adaptor.getBias()) {
      inputs.push_back(bias);
      maps.push_back(broadcastMap(cast<RankedTensorType>(bias.getType()), t));
    }
    double eps = op.getEpsilon().convertToDouble();
    Value y =
        buildMap(rewriter, loc, x, t.getElementType(), inputs, maps,
                 [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                   return normalizeScalar(b, l, a[0], a[1], a[2], eps, a[3],
                                          a.size() > 4 ? a[4] : Value());
                 });
    rewriter.replaceOp(op, castToType(rewriter, loc, y, op.getType()));
    return success();
  }
};

struct InstanceNormOpLowering : OpConversionPattern<InstanceNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(InstanceNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    auto t = cast<RankedTensorType>(x.getType());
    unsigned rank = t.getRank();
    SmallVector<bool> reduced(rank, true);
    reduced[0] = reduced[1] = false;
    auto [mean, var] = moments(rewriter, loc, x, reduced);
    AffineMap kept = keptMap(rewriter.getContext(), reduced);
    AffineMap channel = singleDimMap(rewriter.getContext(), rank, 1);
    double eps = op.getEpsilon().convertToDouble();
    Value y = buildMap(
        rewriter, loc, x, t.getElementType(),
        ValueRange{x, mean, var, adaptor.getScale(), adaptor.getBias()},
        {rewriter.getMultiDimIdentityMap(rank), kept, kept, channel, channel},
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          return normalizeScalar(b, l, a[0], a[1], a[2], eps, a[3], a[4]);
        });
    rewriter.replaceOp(op, castToType(rewriter, loc, y, op.getType()));
    return success();
  }
};

} // namespace

void mlir::nn::populateNormalizationToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns
      .add<BatchNormOpLowering, LayerNormOpLowering, InstanceNormOpLowering>(
          patterns.getContext());
}
