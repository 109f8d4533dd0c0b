//===- LowerGradientOps.cpp - backward-pass ops -> linalg -------*- C++ -*-===//
//
// In: nn.conv_weight_grad, nn.max_pool_grad, nn.avg_pool_grad,
// nn.gather_grad (static shapes). Out: one linalg.generic each.
//   conv_weight_grad: over (g, m, c, r..., n, o...) with the input padded
//     and split into groups: dW[g, m, c, r] += x[n, g, c, o*s + r*d] dy[n, g,
//     m, o].
//   pool grads: in gather form, so no scatter is needed: each input position
//     i sums, over kernel offsets r, the window o = (i + pad - r*d) / s when
//     that division is exact and o is in range (tensor.extract of dy); max
//     keeps only windows whose arg-max index is i, avg divides by the
//     window's divisor as nn.avg_pool counts it.
//   gather_grad: out[pre, a, post] = sum over index positions p with
//     idx[p] == a of dy[pre, p, post].
//
//===----------------------------------------------------------------------===//

#include "codegen/ContractionUtils.h"
#include "codegen/LoweringUtils.h"
#include "codegen/Transforms.h"
#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace mlir::nn;

namespace {

bool allStatic(ArrayRef<Value> values) {
  return llvm::all_of(values, [](Value v) {
    return cast<RankedTensorType>(v.getType()).hasStaticShape();
  });
}

/// [.., X, ..] -> [.., G, X / G, ..] at `dim`.
Value splitDim(OpBuilder &b, Location loc, Value v, int64_t dim,
               int64_t group) {
  auto t = cast<RankedTensorType>(v.getType());
  SmallVector<int64_t> shape;
  SmallVector<ReassociationIndices> reassoc;
  for (int64_t d = 0; d < t.getRank(); ++d) {
    if (d == dim) {
      shape.append({group, t.getDimSize(d) / group});
      reassoc.push_back({(int64_t)shape.size() - 2, (int64_t)shape.size() - 1});
    } else {
      shape.push_back(t.getDimSize(d));
      reassoc.push_back({(int64_t)shape.size() - 1});
    }
  }
  return tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get(shape, t.getElementType()), v, reassoc);
}

struct ConvWeightGradLowering : OpConversionPattern<ConvWeightGradOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConvWeightGradOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value x = adaptor.getInput(), dy = adaptor.getOutputGrad();
    auto resTy = cast<RankedTensorType>(op.getType());
    if (!allStatic({x, dy, op.getOutput()})) {
      return rewriter.notifyMatchFailure(op, "dynamic shapes");
    }
    ArrayRef<int64_t> xs = cast<RankedTensorType>(x.getType()).getShape();
    ArrayRef<int64_t> ds = cast<RankedTensorType>(dy.getType()).getShape();
    int64_t k = xs.size() - 2, group = op.getGroup();
    SmallVector<int64_t> strides = attrOr(op.getStrides(), k, 1);
    SmallVector<int64_t> dilations = attrOr(op.getDilations(), k, 1);
    SmallVector<int64_t> pads = attrOr(op.getPads(), 2 * k, 0);
    SmallVector<int64_t> low, high, ones(k, 1);
    for (int64_t i = 0; i < k; ++i) {
      // Pad the end only as far as the last window reads.
      int64_t last = (ds[2 + i] - 1) * strides[i] +
                     (resTy.getDimSize(2 + i) - 1) * dilations[i] - pads[i];
      low.push_back(pads[i]);
      high.push_back(std::max<int64_t>(0, last + 1 - xs[2 + i]));
    }
    Value padded = embedSpatial(rewriter, loc, x, low, high, ones, 0.0);
    Value xg = splitDim(rewriter, loc, padded, 1, group);
    Value dg = splitDim(rewriter, loc, dy, 1, group);
    SmallVector<int64_t> outShape = {group, resTy.getDimSize(0) / group};
    outShape.append(resTy.getShape().begin() + 1, resTy.getShape().end());
    auto outTy = RankedTensorType::get(outShape, resTy.getElementType());
    Value init = filledTensor(rewriter, loc, outTy, {}, 0.0);

    // Loops: g, m, c, r_1..r_k (parallel), n, o_1..o_k (reduction).
    int64_t numLoops = 4 + 2 * k;
    auto dim = [&](int64_t i) { return getAffineDimExpr(i, ctx); };
    AffineExpr g = dim(0), m = dim(1), c = dim(2), n = dim(3 + k);
    SmallVector<AffineExpr> xe = {n, g, c}, de = {n, g, m}, oe = {g, m, c};
    for (int64_t i = 0; i < k; ++i) {
      AffineExpr r = dim(3 + i), o = dim(4 + k + i);
      xe.push_back(o * strides[i] + r * dilations[i]);
      de.push_back(o);
      oe.push_back(r);
    }
    SmallVector<AffineMap> maps = {AffineMap::get(numLoops, 0, xe, ctx),
                                   AffineMap::get(numLoops, 0, de, ctx),
                                   AffineMap::get(numLoops, 0, oe, ctx)};
    SmallVector<utils::IteratorType> iters(3 + k,
                                           utils::IteratorType::parallel);
    iters.append(1 + k, utils::IteratorType::reduction);
    Value out = linalg::GenericOp::create(rewriter, loc, TypeRange{outTy},
                                          ValueRange{xg, dg}, ValueRange{init},
                                          maps, iters, nn::macBody)
                    .getResult(0);
    SmallVector<ReassociationIndices> reassoc = {{0, 1}};
    for (int64_t d = 2; d < outTy.getRank(); ++d) {
      reassoc.push_back({d});
    }
    rewriter.replaceOp(op, tensor::CollapseShapeOp::create(rewriter, loc, resTy,
                                                           out, reassoc));
    return success();
  }
};

/// What distinguishes the two pooling gradients in the shared gather loop.
struct PoolGradSpec {
  SmallVector<int64_t> kernel, strides, dilations, pads;
  /// max: the arg-max indices; avg: null.
  Value indices;
  bool countIncludePad = false;
};

/// dx[n, c, i] = sum over r of the contribution of window
/// o = (i + pad - r * d) / s (see the file comment).
Value poolGradGeneric(OpBuilder &rewriter, Location loc, Value dy,
                      RankedTensorType resTy, const PoolGradSpec &spec) {
  MLIRContext *ctx = rewriter.getContext();
  int64_t k = resTy.getRank() - 2;
  ArrayRef<int64_t> in = resTy.getShape();
  ArrayRef<int64_t> out = cast<RankedTensorType>(dy.getType()).getShape();
  int64_t numLoops = 2 + 2 * k;
  SmallVector<AffineExpr> re, oe;
  for (int64_t i = 0; i < k; ++i) {
    re.push_back(getAffineDimExpr(2 + k + i, ctx));
  }
  for (int64_t i = 0; i < 2 + k; ++i) {
    oe.push_back(getAffineDimExpr(i, ctx));
  }
  // An unread tensor of the kernel's shape gives the r loops their extents.
  Value window = tensor::EmptyOp::create(rewriter, loc, spec.kernel,
                                         resTy.getElementType());
  Value init = filledTensor(rewriter, loc, resTy, {}, 0.0);
  SmallVector<AffineMap> maps = {AffineMap::get(numLoops, 0, re, ctx),
                                 AffineMap::get(numLoops, 0, oe, ctx)};
  SmallVector<utils::IteratorType> iters(2 + k, utils::IteratorType::parallel);
  iters.append(k, utils::IteratorType::reduction);
  auto body = [&](OpBuilder &b, Location l, ValueRange args) {
    auto idx = [&](int64_t v) {
      return arith::ConstantIndexOp::create(b, l, v).getResult();
    };
    Value zero = idx(0);
    Value valid = arith::ConstantIntOp::create(b, l, 1, 1);
    SmallVector<Value> at = {linalg::IndexOp::create(b, l, 0),
                             linalg::IndexOp::create(b, l, 1)};
    Value count = idx(1), flat = at[0];
    flat = arith::AddIOp::create(
        b, l, arith::MulIOp::create(b, l, flat, idx(in[1])), at[1]);
    for (int64_t i = 0; i < k; ++i) {
      Value pos = linalg::IndexOp::create(b, l, 2 + i);
      Value r = linalg::IndexOp::create(b, l, 2 + k + i);
      flat = arith::AddIOp::create(
          b, l, arith::MulIOp::create(b, l, flat, idx(in[2 + i])), pos);
      // t = i + pad - r * d must be a non-negative multiple of s, t / s < O.
      Value t = arith::SubIOp::create(
          b, l, arith::AddIOp::create(b, l, pos, idx(spec.pads[i])),
          arith::MulIOp::create(b, l, r, idx(spec.dilations[i])));
      Value nonNeg =
          arith::CmpIOp::create(b, l, arith::CmpIPredicate::sge, t, zero);
      Value tc = arith::SelectOp::create(b, l, nonNeg, t, zero);
      Value o = arith::DivUIOp::create(b, l, tc, idx(spec.strides[i]));
      Value exact = arith::CmpIOp::create(
          b, l, arith::CmpIPredicate::eq,
          arith::RemUIOp::create(b, l, tc, idx(spec.strides[i])), zero);
      Value inRange = arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt, o,
                                            idx(out[2 + i]));
      valid = arith::AndIOp::create(
          b, l, valid,
          arith::AndIOp::create(b, l, nonNeg,
                                arith::AndIOp::create(b, l, exact, inRange)));
      Value oc = arith::SelectOp::create(b, l, inRange, o, zero);
      at.push_back(oc);
      if (!spec.indices) {
        // The window's divisor, as nn.avg_pool computes it.
        int64_t lo = spec.countIncludePad ? -spec.pads[i] : 0;
        int64_t hi =
            spec.countIncludePad ? in[2 + i] + spec.pads[k + i] : in[2 + i];
        Value start = arith::SubIOp::create(
            b, l, arith::MulIOp::create(b, l, oc, idx(spec.strides[i])),
            idx(spec.pads[i]));
        Value end = arith::MinSIOp::create(
            b, l, arith::AddIOp::create(b, l, start, idx(spec.kernel[i])),
            idx(hi));
        Value begin = arith::MaxSIOp::create(b, l, start, idx(lo));
        count = arith::MulIOp::create(b, l, count,
                                      arith::SubIOp::create(b, l, end, begin));
      }
    }
    Value g = tensor::ExtractOp::create(b, l, dy, at);
    if (spec.indices) {
      Value where = tensor::ExtractOp::create(b, l, spec.indices, at);
      Value flat64 = arith::IndexCastOp::create(b, l, b.getI64Type(), flat);
      valid = arith::AndIOp::create(
          b, l, valid,
          arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, where, flat64));
    } else {
      Value c64 = arith::IndexCastOp::create(b, l, b.getI64Type(), count);
      Value cf = arith::SIToFPOp::create(b, l, g.getType(), c64);
      g = arith::DivFOp::create(b, l, g, cf);
    }
    Value zeroF = arith::ConstantOp::create(b, l, b.getZeroAttr(g.getType()));
    Value add = arith::SelectOp::create(b, l, valid, g, zeroF);
    linalg::YieldOp::create(
        b, l, ValueRange{arith::AddFOp::create(b, l, args[1], add)});
  };
  return linalg::GenericOp::create(rewriter, loc, TypeRange{resTy},
                                   ValueRange{window}, ValueRange{init}, maps,
                                   iters, body)
      .getResult(0);
}

/// Non-overlapping windows (stride = kernel, dilation 1, no pads, every
/// window inside the input): each input position lies in at most one
/// window, so the gradient is one all-parallel generic over (n, c, o_1, r_1,
/// ..., o_k, r_k) writing input position o_i * K_i + r_i, with plain affine
/// maps (no division, no window search, no tensor.extract); positions past
/// the last window get zero by a tensor.pad. Null if the window overlaps.
Value tiledPoolGrad(OpBuilder &b, Location loc, Value dy,
                    RankedTensorType resTy, const PoolGradSpec &spec) {
  MLIRContext *ctx = b.getContext();
  int64_t k = resTy.getRank() - 2;
  ArrayRef<int64_t> in = resTy.getShape();
  ArrayRef<int64_t> out = cast<RankedTensorType>(dy.getType()).getShape();
  int64_t divisor = 1;
  for (int64_t i = 0; i < k; ++i) {
    if (spec.strides[i] != spec.kernel[i] || spec.dilations[i] != 1 ||
        spec.pads[i] != 0 || spec.pads[k + i] != 0 ||
        out[2 + i] * spec.kernel[i] > in[2 + i]) {
      return nullptr;
    }
    divisor *= spec.kernel[i];
  }
  // Loops and expanded result: n, c, o_1, r_1, ..., o_k, r_k.
  int64_t numLoops = 2 + 2 * k;
  SmallVector<int64_t> shape = {in[0], in[1]};
  SmallVector<AffineExpr> ye = {getAffineDimExpr(0, ctx),
                                getAffineDimExpr(1, ctx)};
  SmallVector<ReassociationIndices> reassoc = {{0}, {1}};
  for (int64_t i = 0; i < k; ++i) {
    shape.append({out[2 + i], spec.kernel[i]});
    ye.push_back(getAffineDimExpr(2 + 2 * i, ctx));
    reassoc.push_back({2 + 2 * i, 3 + 2 * i});
  }
  Type f32 = resTy.getElementType();
  Value empty = tensor::EmptyOp::create(b, loc, shape, f32);
  AffineMap yMap = AffineMap::get(numLoops, 0, ye, ctx);
  SmallVector<Value> ins = {dy};
  SmallVector<AffineMap> maps = {yMap};
  if (spec.indices) {
    ins.push_back(spec.indices);
    maps.push_back(yMap);
  }
  maps.push_back(AffineMap::getMultiDimIdentityMap(numLoops, ctx));
  auto body = [&](OpBuilder &nb, Location l, ValueRange args) {
    Value g = args[0];
    if (!spec.indices) {
      Value d = arith::ConstantOp::create(
          nb, l, nb.getFloatAttr(g.getType(), double(divisor)));
      linalg::YieldOp::create(nb, l,
                              ValueRange{arith::DivFOp::create(nb, l, g, d)});
      return;
    }
    auto idx = [&](int64_t v) {
      return arith::ConstantIndexOp::create(nb, l, v).getResult();
    };
    // Row-major flat input position, as nn.max_pool_indices writes it.
    Value flat = arith::AddIOp::create(
        nb, l,
        arith::MulIOp::create(nb, l, linalg::IndexOp::create(nb, l, 0),
                              idx(in[1])),
        linalg::IndexOp::create(nb, l, 1));
    for (int64_t i = 0; i < k; ++i) {
      Value pos = arith::AddIOp::create(
          nb, l,
          arith::MulIOp::create(nb, l,
                                linalg::IndexOp::create(nb, l, 2 + 2 * i),
                                idx(spec.kernel[i])),
          linalg::IndexOp::create(nb, l, 3 + 2 * i));
      flat = arith::AddIOp::create(
          nb, l, arith::MulIOp::create(nb, l, flat, idx(in[2 + i])), pos);
    }
    Value flat64 = arith::IndexCastOp::create(nb, l, nb.getI64Type(), flat);
    Value hit =
        arith::CmpIOp::create(nb, l, arith::CmpIPredicate::eq, args[1], flat64);
    Value zero = arith::ConstantOp::create(nb, l, nb.getZeroAttr(g.getType()));
    linalg::YieldOp::create(
        nb, l, ValueRange{arith::SelectOp::create(nb, l, hit, g, zero)});
  };
  Value grad =
      linalg::GenericOp::create(b, loc, TypeRange{empty.getType()}, ins,
                                ValueRange{empty}, maps,
                                SmallVector<utils::IteratorType>(
                                    numLoops, utils::IteratorType::parallel),
                                body)
          .getResult(0);
  SmallVector<int64_t> covered = {in[0], in[1]};
  SmallVector<OpFoldResult> low(2 + k, b.getIndexAttr(0)), high = low;
  bool partial = false;
  for (int64_t i = 0; i < k; ++i) {
    covered.push_back(out[2 + i] * spec.kernel[i]);
    high[2 + i] = b.getIndexAttr(in[2 + i] - covered.back());
    partial |= in[2 + i] != covered.back();
  }
  Value collapsed = tensor::CollapseShapeOp::create(
      b, loc, RankedTensorType::get(covered, f32), grad, reassoc);
  if (!partial) {
    return collapsed;
  }
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(f32));
  return tensor::PadOp::create(b, loc, resTy, collapsed, low, high, zero);
}

/// The tiled form when the windows do not overlap, else the general gather.
Value lowerPoolGrad(OpBuilder &b, Location loc, Value dy,
                    RankedTensorType resTy, const PoolGradSpec &spec) {
  if (Value v = tiledPoolGrad(b, loc, dy, resTy, spec)) {
    return v;
  }
  return poolGradGeneric(b, loc, dy, resTy, spec);
}

struct MaxPoolGradLowering : OpConversionPattern<MaxPoolGradOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MaxPoolGradOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resTy = cast<RankedTensorType>(op.getType());
    if (!allStatic({adaptor.getOutputGrad(), op.getOutput()})) {
      return rewriter.notifyMatchFailure(op, "dynamic shapes");
    }
    int64_t k = resTy.getRank() - 2;
    PoolGradSpec spec{SmallVector<int64_t>(op.getKernelShape()),
                      attrOr(op.getStrides(), k, 1),
                      attrOr(op.getDilations(), k, 1),
                      attrOr(op.getPads(), 2 * k, 0), adaptor.getIndices()};
    rewriter.replaceOp(op, lowerPoolGrad(rewriter, op.getLoc(),
                                         adaptor.getOutputGrad(), resTy, spec));
    return success();
  }
};

struct AvgPoolGradLowering : OpConversionPattern<AvgPoolGradOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AvgPoolGradOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resTy = cast<RankedTensorType>(op.getType());
    if (!allStatic({adaptor.getOutputGrad(), op.getOutput()})) {
      return rewriter.notifyMatchFailure(op, "dynamic shapes");
    }
    int64_t k = resTy.getRank() - 2;
    PoolGradSpec spec{SmallVector<int64_t>(op.getKernelShape()),
                      attrOr(op.getStrides(), k, 1),
                      SmallVector<int64_t>(k, 1),
                      attrOr(op.getPads(), 2 * k, 0),
                      Value(),
                      op.getCountIncludePad()};
    rewriter.replaceOp(op, lowerPoolGrad(rewriter, op.getLoc(),
                                         adaptor.getOutputGrad(), resTy, spec));
    return success();
  }
};

struct GatherGradLowering : OpConversionPattern<GatherGradOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GatherGradOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value dy = adaptor.getOutputGrad(), ids = adaptor.getIndices();
    auto resTy = cast<RankedTensorType>(op.getType());
    if (!allStatic({dy, ids, op.getOutput()})) {
      return rewriter.notifyMatchFailure(op, "dynamic shapes");
    }
    int64_t rank = resTy.getRank(), axis = op.getAxis();
    axis = axis < 0 ? axis + rank : axis;
    int64_t q = cast<RankedTensorType>(ids.getType()).getRank();
    int64_t extent = resTy.getDimSize(axis);
    // Loops: the result's dims (parallel), then the index dims (reduction).
    int64_t numLoops = rank + q;
    auto dim = [&](int64_t i) { return getAffineDimExpr(i, ctx); };
    SmallVector<AffineExpr> ge, ie, oe;
    for (int64_t d = 0; d < rank; ++d) {
      oe.push_back(dim(d));
      if (d == axis) {
        for (int64_t p = 0; p < q; ++p) {
          ge.push_back(dim(rank + p));
          ie.push_back(dim(rank + p));
        }
      } else {
        ge.push_back(dim(d));
      }
    }
    SmallVector<AffineMap> maps = {AffineMap::get(numLoops, 0, ge, ctx),
                                   AffineMap::get(numLoops, 0, ie, ctx),
                                   AffineMap::get(numLoops, 0, oe, ctx)};
    SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
    iters.append(q, utils::IteratorType::reduction);
    Value init = filledTensor(rewriter, loc, resTy, {}, 0.0);
    Value out =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{resTy}, ValueRange{dy, ids},
            ValueRange{init}, maps, iters,
            [&](OpBuilder &b, Location l, ValueRange args) {
              Type it = args[1].getType();
              Value id = args[1];
              Value neg = arith::CmpIOp::create(
                  b, l, arith::CmpIPredicate::slt, id,
                  arith::ConstantOp::create(b, l, b.getIntegerAttr(it, 0)));
              id = arith::SelectOp::create(
                  b, l, neg,
                  arith::AddIOp::create(
                      b, l, id,
                      arith::ConstantOp::create(b, l,
                                                b.getIntegerAttr(it, extent))),
                  id);
              Value a = arith::IndexCastOp::create(
                  b, l, it, linalg::IndexOp::create(b, l, axis));
              Value hit =
                  arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, id, a);
              Value zero = arith::ConstantOp::create(
                  b, l, b.getZeroAttr(args[0].getType()));
              Value add = arith::SelectOp::create(b, l, hit, args[0], zero);
              linalg::YieldOp::create(
                  b, l, ValueRange{arith::AddFOp::create(b, l, args[2], add)});
            })
            .getResult(0);
    rewriter.replaceOp(op, out);
    return success();
  }
};
} // namespace

void mlir::nn::populateGradientOpsToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<ConvWeightGradLowering, MaxPoolGradLowering, AvgPoolGradLowering,
               GatherGradLowering>(patterns.getContext());
}
