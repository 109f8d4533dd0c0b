//===- LowerPooling.cpp - nn pooling ops -> linalg ------------------------===//
//
// In: nn.max_pool, nn.max_pool_indices, nn.avg_pool, nn.global_max_pool,
// nn.global_avg_pool. Out: linalg.pooling_nchw_sum for 2-D avg windows, a
// linalg.generic window reduction for max (any rank; kernel loops before the
// last output loop, see WindowLoops) and for 1-D/3-D avg (and for
// max_pool_indices, with a second output carrying the arg-max position), and
// a linalg.generic reduction plus tensor.expand_shape for the global forms.
// The input is padded (-inf for max, 0 for avg) with the explicit pads plus
// what ceil_mode needs at the end; avg_pool then divides each sum by its
// window's count, computed from the output position (linalg.index).
// Windowed pooling needs static spatial extents.
//
//===----------------------------------------------------------------------===//

#include "codegen/ContractionUtils.h"
#include "codegen/LoweringUtils.h"
#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Transforms/DialectConversion.h"

#include <limits>

using namespace mlir;
using namespace mlir::nn;

namespace {

enum class PoolKind { Max, Sum };

double initValue(PoolKind kind) {
  return kind == PoolKind::Max ? -std::numeric_limits<double>::infinity() : 0.0;
}

Value combine(OpBuilder &b, Location loc, PoolKind kind, Value acc, Value x) {
  if (kind == PoolKind::Max) {
    return arith::MaximumFOp::create(b, loc, acc, x);
  }
  return arith::AddFOp::create(b, loc, acc, x);
}

/// The window of one pooling op with ONNX defaults filled in.
struct Window {
  SmallVector<int64_t> kernel, strides, dilations, pads;
};

/// Loop positions of a window reduction over (n, c, o_1..o_k, r_1..r_k):
/// the kernel offsets r run before the last output dimension o_k, so the
/// innermost loop walks o_k (the contiguous output row) and LLVM vectorizes
/// it.
struct WindowLoops {
  int64_t k;
  int64_t numLoops() const { return 2 + 2 * k; }
  int64_t out(int64_t i) const { return i + 1 < k ? 2 + i : 1 + 2 * k; }
  int64_t kernel(int64_t i) const { return 1 + k + i; }
  SmallVector<utils::IteratorType> iterators() const {
    SmallVector<utils::IteratorType> t(numLoops(),
                                       utils::IteratorType::parallel);
    for (int64_t i = 0; i < k; ++i) {
      t[kernel(i)] = utils::IteratorType::reduction;
    }
    return t;
  }
};

/// `input` [N, C, D...] padded with the pool's identity by the explicit pads
/// and by whatever more the last (ceil_mode) window of `resTy` reaches past
/// the end.
Value padForPool(OpBuilder &b, Location loc, PoolKind kind, Value input,
                 const Window &w, RankedTensorType resTy) {
  auto xt = cast<RankedTensorType>(input.getType());
  int64_t k = xt.getRank() - 2;
  SmallVector<int64_t> low(k), high(k), ones(k, 1);
  for (int64_t i = 0; i < k; ++i) {
    int64_t need = (resTy.getDimSize(2 + i) - 1) * w.strides[i] +
                   w.dilations[i] * (w.kernel[i] - 1) + 1;
    int64_t have = xt.getDimSize(2 + i) + w.pads[i] + w.pads[k + i];
    low[i] = w.pads[i];
    high[i] = w.pads[k + i] + std::max<int64_t>(need - have, 0);
  }
  return embedSpatial(b, loc, input, low, high, ones, initValue(kind));
}

/// tensor.dim of the dynamic batch and channel extents of `input`.
SmallVector<Value> batchChannelDims(OpBuilder &b, Location loc, Value input,
                                    RankedTensorType resTy) {
  SmallVector<Value> dyn;
  for (int64_t d = 0; d < 2; ++d) {
    if (resTy.isDynamicDim(d)) {
      dyn.push_back(tensor::DimOp::create(b, loc, input, d));
    }
  }
  return dyn;
}

/// Pools `input` [N, C, D...] over `w` into `resTy` [N, C, O...].
Value pool(OpBuilder &b, Location loc, PoolKind kind, Value input,
           const Window &w, RankedTensorType resTy) {
  auto xt = cast<RankedTensorType>(input.getType());
  int64_t k = xt.getRank() - 2;
  Value padded = padForPool(b, loc, kind, input, w, resTy);
  Value init = filledTensor(
      b, loc, resTy, batchChannelDims(b, loc, input, resTy), initValue(kind));
  Value window =
      tensor::EmptyOp::create(b, loc, w.kernel, resTy.getElementType());
  if (k == 2) {
    // Named ops: the CPU pipeline vectorizes max pools by output rows
    // (nn-cpu-vectorize-pooling).
    Attribute strides = b.getI64TensorAttr(w.strides);
    Attribute dilations = b.getI64TensorAttr(w.dilations);
    SmallVector<Value> ins = {padded, window};
    if (kind == PoolKind::Max) {
      return linalg::PoolingNchwMaxOp::create(b, loc, TypeRange{resTy}, ins,
                                              ValueRange{init}, strides,
                                              dilations)
          .getResult(0);
    }
    return linalg::PoolingNchwSumOp::create(b, loc, TypeRange{resTy}, ins,
                                            ValueRange{init}, strides,
                                            dilations)
        .getResult(0);
  }
  // Loops: see WindowLoops (max pooling of any rank goes here too: the
  // named pooling op's loop order keeps the tiny window innermost).
  MLIRContext *ctx = b.getContext();
  WindowLoops lp{k};
  int64_t numLoops = lp.numLoops();
  auto dim = [&](int64_t i) { return getAffineDimExpr(i, ctx); };
  SmallVector<AffineExpr> xe = {dim(0), dim(1)}, we, oe = {dim(0), dim(1)};
  for (int64_t i = 0; i < k; ++i) {
    xe.push_back(dim(lp.out(i)) * w.strides[i] +
                 dim(lp.kernel(i)) * w.dilations[i]);
    we.push_back(dim(lp.kernel(i)));
    oe.push_back(dim(lp.out(i)));
  }
  SmallVector<AffineMap> maps = {AffineMap::get(numLoops, 0, xe, ctx),
                                 AffineMap::get(numLoops, 0, we, ctx),
                                 AffineMap::get(numLoops, 0, oe, ctx)};
  SmallVector<utils::IteratorType> iters = lp.iterators();
  return linalg::GenericOp::create(
             b, loc, TypeRange{resTy}, ValueRange{padded, window},
             ValueRange{init}, maps, iters,
             [&](OpBuilder &nb, Location l, ValueRange args) {
               linalg::YieldOp::create(nb, l,
                                       combine(nb, l, kind, args[2], args[0]));
             })
      .getResult(0);
}

struct MaxPoolOpLowering : OpConversionPattern<MaxPoolOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MaxPoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getInput();
    auto xt = cast<RankedTensorType>(x.getType());
    auto resTy = cast<RankedTensorType>(op.getType());
    for (int64_t d = 2; d < xt.getRank(); ++d) {
      if (xt.isDynamicDim(d) || resTy.isDynamicDim(d)) {
        return rewriter.notifyMatchFailure(op, "dynamic spatial extents");
      }
    }
    int64_t k = xt.getRank() - 2;
    Window w{SmallVector<int64_t>(op.getKernelShape()),
             attrOr(op.getStrides(), k, 1), attrOr(op.getDilations(), k, 1),
             attrOr(op.getPads(), 2 * k, 0)};
    rewriter.replaceOp(op,
                       pool(rewriter, op.getLoc(), PoolKind::Max, x, w, resTy));
    return success();
  }
};

/// Most window positions max_pool_indices unrolls (see unrolledArgMax).
constexpr int64_t kMaxUnrolledWindow = 16;

/// max_pool_indices without padding whose windows all lie inside the input
/// and hold at most kMaxUnrolledWindow positions: one all-parallel generic
/// over the output whose body reads the window with tensor.extract, unrolled
/// in window order (strictly greater replaces, so ties keep the first).
/// No -inf padded copy, no reduction loops keeping the running maximum and
/// index in memory. Null otherwise.
Value unrolledArgMax(OpBuilder &b, Location loc, Value x, const Window &w,
                     RankedTensorType idxTy, Value channels,
                     int64_t spatialSize, ArrayRef<int64_t> spatialStride) {
  auto xt = cast<RankedTensorType>(x.getType());
  int64_t k = xt.getRank() - 2, positions = 1;
  for (int64_t i = 0; i < k; ++i) {
    int64_t last = (idxTy.getDimSize(2 + i) - 1) * w.strides[i] +
                   (w.kernel[i] - 1) * w.dilations[i];
    if (w.pads[i] != 0 || w.pads[k + i] != 0 || last >= xt.getDimSize(2 + i)) {
      return nullptr;
    }
    positions *= w.kernel[i];
  }
  if (positions > kMaxUnrolledWindow) {
    return nullptr;
  }
  MLIRContext *ctx = b.getContext();
  Value init =
      filledTensor(b, loc, idxTy, batchChannelDims(b, loc, x, idxTy), 0.0);
  auto body = [&](OpBuilder &nb, Location l, ValueRange) {
    auto idx = [&](int64_t v) {
      return arith::ConstantIndexOp::create(nb, l, v).getResult();
    };
    Value n = linalg::IndexOp::create(nb, l, 0);
    Value c = linalg::IndexOp::create(nb, l, 1);
    Value base = arith::MulIOp::create(
        nb, l,
        arith::AddIOp::create(nb, l, arith::MulIOp::create(nb, l, n, channels),
                              c),
        idx(spatialSize));
    SmallVector<Value> start;
    for (int64_t i = 0; i < k; ++i) {
      start.push_back(arith::MulIOp::create(
          nb, l, linalg::IndexOp::create(nb, l, 2 + i), idx(w.strides[i])));
    }
    Value best, bestIdx;
    SmallVector<int64_t> r(k, 0);
    for (int64_t q = 0; q < positions; ++q) {
      // r = the q-th window offset in row-major (window) order.
      for (int64_t i = k - 1, rest = q; i >= 0; --i) {
        r[i] = rest % w.kernel[i];
        rest /= w.kernel[i];
      }
      SmallVector<Value> at = {n, c};
      Value flat = base;
      for (int64_t i = 0; i < k; ++i) {
        Value p =
            arith::AddIOp::create(nb, l, start[i], idx(r[i] * w.dilations[i]));
        at.push_back(p);
        flat = arith::AddIOp::create(
            nb, l, flat,
            arith::MulIOp::create(nb, l, p, idx(spatialStride[i])));
      }
      Value v = tensor::ExtractOp::create(nb, l, x, at);
      Value f64 = arith::IndexCastOp::create(nb, l, nb.getI64Type(), flat);
      if (q == 0) {
        best = v;
        bestIdx = f64;
        continue;
      }
      Value gt =
          arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OGT, v, best);
      best = arith::SelectOp::create(nb, l, gt, v, best);
      bestIdx = arith::SelectOp::create(nb, l, gt, f64, bestIdx);
    }
    linalg::YieldOp::create(nb, l, ValueRange{bestIdx});
  };
  int64_t rank = idxTy.getRank();
  return linalg::GenericOp::create(
             b, loc, TypeRange{idxTy}, ValueRange{}, ValueRange{init},
             SmallVector<AffineMap>{
                 AffineMap::getMultiDimIdentityMap(rank, ctx)},
             SmallVector<utils::IteratorType>(rank,
                                              utils::IteratorType::parallel),
             body)
      .getResult(0);
}

/// Where each maximum came from: a window reduction over the -inf-padded
/// input with two outputs, the running maximum and its flattened input
/// position n * C * P + c * P + spatial (P the spatial size; spatial
/// row-major, or column-major with `column_major`). Only a strictly greater
/// value replaces the running one, so ties keep the first in window order.
struct MaxPoolIndicesOpLowering : OpConversionPattern<MaxPoolIndicesOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MaxPoolIndicesOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value x = adaptor.getInput();
    auto xt = cast<RankedTensorType>(x.getType());
    auto idxTy = cast<RankedTensorType>(op.getType());
    for (int64_t d = 2; d < xt.getRank(); ++d) {
      if (xt.isDynamicDim(d) || idxTy.isDynamicDim(d)) {
        return rewriter.notifyMatchFailure(op, "dynamic spatial extents");
      }
    }
    int64_t k = xt.getRank() - 2;
    Window w{SmallVector<int64_t>(op.getKernelShape()),
             attrOr(op.getStrides(), k, 1), attrOr(op.getDilations(), k, 1),
             attrOr(op.getPads(), 2 * k, 0)};
    auto valTy = RankedTensorType::get(idxTy.getShape(), xt.getElementType());
    Value padded = padForPool(rewriter, loc, PoolKind::Max, x, w, valTy);
    SmallVector<Value> dyn = batchChannelDims(rewriter, loc, x, idxTy);
    Value valInit =
        filledTensor(rewriter, loc, valTy, dyn, initValue(PoolKind::Max));
    Value idxInit = filledTensor(rewriter, loc, idxTy, dyn, 0.0);
    Value window =
        tensor::EmptyOp::create(rewriter, loc, w.kernel, xt.getElementType());
    // Row-major (or column-major) strides of the spatial dimensions.
    int64_t spatialSize = 1;
    SmallVector<int64_t> spatialStride(k);
    for (int64_t j = 0; j < k; ++j) {
      int64_t i = op.getColumnMajor() ? j : k - 1 - j;
      spatialStride[i] = spatialSize;
      spatialSize *= xt.getDimSize(2 + i);
    }
    Value channels = tensor::DimOp::create(rewriter, loc, x, 1);
    if (Value unrolled = unrolledArgMax(rewriter, loc, x, w, idxTy, channels,
                                        spatialSize, spatialStride)) {
      rewriter.replaceOp(op, unrolled);
      return success();
    }

    // Kernel loops innermost: two accumulators (value, index) stay in
    // registers across the window (WindowLoops' order measured slower here).
    int64_t numLoops = 2 + 2 * k;
    auto dim = [&](int64_t i) { return getAffineDimExpr(i, ctx); };
    SmallVector<AffineExpr> xe = {dim(0), dim(1)}, we, oe = {dim(0), dim(1)};
    for (int64_t i = 0; i < k; ++i) {
      xe.push_back(dim(2 + i) * w.strides[i] + dim(2 + k + i) * w.dilations[i]);
      we.push_back(dim(2 + k + i));
      oe.push_back(dim(2 + i));
    }
    AffineMap outMap = AffineMap::get(numLoops, 0, oe, ctx);
    SmallVector<AffineMap> maps = {AffineMap::get(numLoops, 0, xe, ctx),
                                   AffineMap::get(numLoops, 0, we, ctx), outMap,
                                   outMap};
    SmallVector<utils::IteratorType> iters(2 + k,
                                           utils::IteratorType::parallel);
    iters.append(k, utils::IteratorType::reduction);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{valTy, idxTy}, ValueRange{padded, window},
        ValueRange{valInit, idxInit}, maps, iters,
        [&](OpBuilder &b, Location l, ValueRange args) {
          auto idx = [&](int64_t v) {
            return arith::ConstantIndexOp::create(b, l, v).getResult();
          };
          // ((n * C + c) * P + sum_i p_i * stride_i, p_i the unpadded
          // position o_i * s_i + r_i * d_i - pad_begin_i.
          Value n = linalg::IndexOp::create(b, l, 0);
          Value c = linalg::IndexOp::create(b, l, 1);
          Value flat = arith::AddIOp::create(
              b, l, arith::MulIOp::create(b, l, n, channels), c);
          flat = arith::MulIOp::create(b, l, flat, idx(spatialSize));
          for (int64_t i = 0; i < k; ++i) {
            Value o = linalg::IndexOp::create(b, l, 2 + i);
            Value r = linalg::IndexOp::create(b, l, 2 + k + i);
            Value p = arith::AddIOp::create(
                b, l, arith::MulIOp::create(b, l, o, idx(w.strides[i])),
                arith::MulIOp::create(b, l, r, idx(w.dilations[i])));
            p = arith::SubIOp::create(b, l, p, idx(w.pads[i]));
            flat = arith::AddIOp::create(
                b, l, flat,
                arith::MulIOp::create(b, l, p, idx(spatialStride[i])));
          }
          Value flat64 = arith::IndexCastOp::create(b, l, b.getI64Type(), flat);
          Value gt = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OGT,
                                           args[0], args[2]);
          Value v = arith::SelectOp::create(b, l, gt, args[0], args[2]);
          Value i = arith::SelectOp::create(b, l, gt, flat64, args[3]);
          linalg::YieldOp::create(b, l, ValueRange{v, i});
        });
    rewriter.replaceOp(op, generic.getResult(1));
    return success();
  }
};

/// ONNX divides each window sum by the number of its positions inside the
/// input (count_include_pad = false) or inside the explicitly padded input
/// (true); positions past the padded end that ceil_mode adds never count.
/// Per spatial dimension that is min(start + K, hi) - max(start, lo) with
/// start = o * stride - pad_begin.
struct AvgPoolOpLowering : OpConversionPattern<AvgPoolOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AvgPoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    auto xt = cast<RankedTensorType>(x.getType());
    auto resTy = cast<RankedTensorType>(op.getType());
    for (int64_t d = 2; d < xt.getRank(); ++d) {
      if (xt.isDynamicDim(d) || resTy.isDynamicDim(d)) {
        return rewriter.notifyMatchFailure(op, "dynamic spatial extents");
      }
    }
    int64_t k = xt.getRank() - 2;
    Window w{SmallVector<int64_t>(op.getKernelShape()),
             attrOr(op.getStrides(), k, 1), SmallVector<int64_t>(k, 1),
             attrOr(op.getPads(), 2 * k, 0)};
    Value sum = pool(rewriter, loc, PoolKind::Sum, x, w, resTy);
    bool includePad = op.getCountIncludePad();
    Value avg = buildElementwiseGeneric(
        rewriter, loc, resTy, {sum},
        [&](OpBuilder &b, Location l, ValueRange args) {
          auto idx = [&](int64_t v) {
            return arith::ConstantIndexOp::create(b, l, v).getResult();
          };
          Value count = idx(1);
          for (int64_t i = 0; i < k; ++i) {
            int64_t padBegin = w.pads[i], padEnd = w.pads[k + i];
            int64_t extent = xt.getDimSize(2 + i);
            int64_t lo = includePad ? -padBegin : 0;
            int64_t hi = includePad ? extent + padEnd : extent;
            Value o = linalg::IndexOp::create(b, l, 2 + i);
            Value start = arith::SubIOp::create(
                b, l, arith::MulIOp::create(b, l, o, idx(w.strides[i])),
                idx(padBegin));
            Value end = arith::MinSIOp::create(
                b, l, arith::AddIOp::create(b, l, start, idx(w.kernel[i])),
                idx(hi));
            Value begin = arith::MaxSIOp::create(b, l, start, idx(lo));
            count = arith::MulIOp::create(
                b, l, count, arith::SubIOp::create(b, l, end, begin));
          }
          Value c64 = arith::IndexCastOp::create(b, l, b.getI64Type(), count);
          Value cf = arith::SIToFPOp::create(b, l, args[0].getType(), c64);
          return arith::DivFOp::create(b, l, args[0], cf).getResult();
        });
    rewriter.replaceOp(op, avg);
    return success();
  }
};

/// Reduces every spatial dimension into [N, C], then expands back to
/// [N, C, 1..1]; the average divides by the product of the spatial extents.
template <typename OpTy, PoolKind Kind, bool Average>
struct GlobalPoolLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value x = adaptor.getInput();
    auto xt = cast<RankedTensorType>(x.getType());
    auto resTy = cast<RankedTensorType>(op.getType());
    int64_t rank = xt.getRank();
    auto flatTy =
        RankedTensorType::get(xt.getShape().take_front(2), xt.getElementType());
    SmallVector<Value> dyn;
    for (int64_t d = 0; d < 2; ++d) {
      if (xt.isDynamicDim(d)) {
        dyn.push_back(tensor::DimOp::create(rewriter, loc, x, d));
      }
    }
    Value init = filledTensor(rewriter, loc, flatTy, dyn, initValue(Kind));
    SmallVector<AffineMap> maps = {
        AffineMap::getMultiDimIdentityMap(rank, ctx),
        AffineMap::get(rank, 0,
                       {getAffineDimExpr(0, ctx), getAffineDimExpr(1, ctx)},
                       ctx)};
    SmallVector<utils::IteratorType> iters(2, utils::IteratorType::parallel);
    iters.append(rank - 2, utils::IteratorType::reduction);
    Value red = linalg::GenericOp::create(
                    rewriter, loc, TypeRange{flatTy}, ValueRange{x},
                    ValueRange{init}, maps, iters,
                    [](OpBuilder &b, Location l, ValueRange args) {
                      linalg::YieldOp::create(
                          b, l, combine(b, l, Kind, args[1], args[0]));
                    })
                    .getResult(0);
    if (Average) {
      Value count = arith::ConstantIndexOp::create(rewriter, loc, 1);
      for (int64_t d = 2; d < rank; ++d) {
        count = arith::MulIOp::create(
            rewriter, loc, count, tensor::DimOp::create(rewriter, loc, x, d));
      }
      Value c64 = arith::IndexCastOp::create(rewriter, loc,
                                             rewriter.getI64Type(), count);
      Value cf =
          arith::SIToFPOp::create(rewriter, loc, xt.getElementType(), c64);
      red = buildElementwiseGeneric(
          rewriter, loc, flatTy, {red},
          [&](OpBuilder &b, Location l, ValueRange args) {
            return arith::DivFOp::create(b, l, args[0], cf).getResult();
          });
    }
    SmallVector<ReassociationIndices> reassoc = {{0}, {}};
    for (int64_t d = 1; d < rank; ++d) {
      reassoc[1].push_back(d);
    }
    auto expandedTy = RankedTensorType::get(
        {xt.getDimSize(0), xt.getDimSize(1)}, xt.getElementType());
    SmallVector<int64_t> shape(expandedTy.getShape());
    shape.append(rank - 2, 1);
    Value out = tensor::ExpandShapeOp::create(
        rewriter, loc, RankedTensorType::get(shape, xt.getElementType()), red,
        reassoc);
    if (out.getType() != resTy) {
      out = tensor::CastOp::create(rewriter, loc, resTy, out);
    }
    rewriter.replaceOp(op, out);
    return success();
  }
};

using GlobalMaxPoolLowering =
    GlobalPoolLowering<GlobalMaxPoolOp, PoolKind::Max, false>;
using GlobalAvgPoolLowering =
    GlobalPoolLowering<GlobalAvgPoolOp, PoolKind::Sum, true>;

} // namespace

void mlir::nn::populatePoolingToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<MaxPoolOpLowering, MaxPoolIndicesOpLowering, AvgPoolOpLowering,
               GlobalMaxPoolLowering, GlobalAvgPoolLowering>(
      patterns.getContext());
}
