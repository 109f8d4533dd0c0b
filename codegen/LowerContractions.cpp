//===- LowerContractions.cpp - nn contraction ops -> linalg ---------------===//
//
// In: nn.matmul, nn.gemm, nn.conv, nn.conv_transpose on tensors. Out: linalg
// contractions (linalg.matmul, linalg.conv_2d_nchw_fchw,
// linalg.depthwise_conv_2d_nchw_chw, or a linalg.generic with the contraction
// in its indexing maps) on zero- or bias-initialised outputs. Padding and the
// zero-dilation of transposed convolution are a linalg.fill plus a strided
// tensor.insert_slice. Convolutions need static spatial and kernel extents
// (batch and channels may be dynamic). Pooling lives in LowerPooling.cpp.
//
//===----------------------------------------------------------------------===//

#include "codegen/ContractionUtils.h"
#include "codegen/LoweringUtils.h"
#include "codegen/Transforms.h"
#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace mlir::nn;

//===----------------------------------------------------------------------===//
// Shared helpers (ContractionUtils.h)
//===----------------------------------------------------------------------===//

void nn::macBody(OpBuilder &b, Location loc, ValueRange args) {
  Value mul = arith::MulFOp::create(b, loc, args[0], args[1]);
  Value add = arith::AddFOp::create(b, loc, args.back(), mul);
  linalg::YieldOp::create(b, loc, add);
}

Value nn::filledTensor(OpBuilder &b, Location loc, RankedTensorType type,
                       ValueRange dynamicDims, double value) {
  Value empty = emptyTensor(b, loc, type, dynamicDims);
  Value v = scalarConstant(b, loc, type.getElementType(), value);
  return linalg::FillOp::create(b, loc, v, empty).getResult(0);
}

SmallVector<Value> nn::dynamicDimsOf(OpBuilder &b, Location loc, Value v) {
  auto t = cast<RankedTensorType>(v.getType());
  SmallVector<Value> dims;
  for (int64_t d = 0; d < t.getRank(); ++d) {
    if (t.isDynamicDim(d)) {
      dims.push_back(tensor::DimOp::create(b, loc, v, d));
    }
  }
  return dims;
}

Value nn::embedSpatial(OpBuilder &b, Location loc, Value src,
                       ArrayRef<int64_t> low, ArrayRef<int64_t> high,
                       ArrayRef<int64_t> stride, double padValue) {
  auto t = cast<RankedTensorType>(src.getType());
  int64_t k = t.getRank() - 2;
  SmallVector<int64_t> shape(t.getShape());
  bool identity = true;
  for (int64_t i = 0; i < k; ++i) {
    int64_t d = t.getDimSize(2 + i);
    shape[2 + i] = low[i] + (d - 1) * stride[i] + 1 + high[i];
    identity &= low[i] == 0 && high[i] == 0 && stride[i] == 1;
  }
  if (identity) {
    return src;
  }
  SmallVector<Value> dyn;
  for (int64_t d = 0; d < 2; ++d) {
    if (t.isDynamicDim(d)) {
      dyn.push_back(tensor::DimOp::create(b, loc, src, d));
    }
  }
  auto type = RankedTensorType::get(shape, t.getElementType());
  Value dest = filledTensor(b, loc, type, dyn, padValue);
  SmallVector<OpFoldResult> offsets(2, b.getIndexAttr(0));
  SmallVector<OpFoldResult> strides(2, b.getIndexAttr(1));
  for (int64_t i = 0; i < k; ++i) {
    offsets.push_back(b.getIndexAttr(low[i]));
    strides.push_back(b.getIndexAttr(stride[i]));
  }
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, src);
  return tensor::InsertSliceOp::create(b, loc, src, dest, offsets, sizes,
                                       strides);
}

SmallVector<int64_t> nn::attrOr(std::optional<ArrayRef<int64_t>> attr,
                                int64_t size, int64_t value) {
  if (attr) {
    return SmallVector<int64_t>(*attr);
  }
  return SmallVector<int64_t>(size, value);
}

namespace {

bool hasStaticSpatial(RankedTensorType t) {
  for (int64_t d = 2; d < t.getRank(); ++d) {
    if (t.isDynamicDim(d)) {
      return false;
    }
  }
  return true;
}

//===----------------------------------------------------------------------===//
// nn.matmul
//===----------------------------------------------------------------------===//

/// One linalg.generic over (batch..., m?, n?, k): batch dimensions broadcast
/// through the operand maps (size-1 extents read index 0, missing ones are
/// not read), and a 1-D operand simply has no m (or n) dimension, which is
/// NumPy's promote-then-squeeze. Plain 2-D products become linalg.matmul.
struct MatmulOpLowering : OpConversionPattern<MatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
    auto lt = cast<RankedTensorType>(lhs.getType());
    auto rt = cast<RankedTensorType>(rhs.getType());
    auto resTy = cast<RankedTensorType>(op.getType());
    int64_t a = lt.getRank(), r = rt.getRank(), res = resTy.getRank();
    bool hasM = a >= 2, hasN = r >= 2;
    int64_t nb = res - hasM - hasN;
    int64_t mDim = nb, nDim = nb + hasM, kDim = res;

    // [batch..., m, k] x [k, n] with a small m (a transformer's [seq, 1, d] x
    // [d, e] projection): the batch dimensions of the lhs are rows of one 2-D
    // product, which the contraction micro-kernel tiles as one large M
    // instead of `batch` GEMVs. With m of at least one register tile (8
    // rows) the batched form is kept: it needs no reshape, and a returned
    // result is then written in place.
    if (a > 2 && r == 2 && lt.hasStaticShape() && resTy.hasStaticShape() &&
        lt.getDimSize(a - 2) < 8) {
      SmallVector<ReassociationIndices> rows(2);
      for (int64_t d = 0; d < a - 1; ++d) {
        rows[0].push_back(d);
      }
      rows[1].push_back(a - 1);
      Value lhs2 = tensor::CollapseShapeOp::create(rewriter, loc, lhs, rows);
      int64_t m = cast<RankedTensorType>(lhs2.getType()).getDimSize(0);
      auto flatTy =
          RankedTensorType::get({m, rt.getDimSize(1)}, resTy.getElementType());
      Value flatInit = filledTensor(rewriter, loc, flatTy, {}, 0.0);
      Value prod =
          linalg::MatmulOp::create(rewriter, loc, TypeRange{flatTy},
                                   ValueRange{lhs2, rhs}, ValueRange{flatInit})
              .getResult(0);
      rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(op, resTy, prod, rows);
      return success();
    }

    // Dynamic result extents.
    SmallVector<Value> dyn;
    for (int64_t d = 0; d < res; ++d) {
      if (!resTy.isDynamicDim(d)) {
        continue;
      }
      Value size;
      if (hasM && d == mDim) {
        size = tensor::DimOp::create(rewriter, loc, lhs, a - 2);
      } else if (hasN && d == nDim) {
        size = tensor::DimOp::create(rewriter, loc, rhs, r - 1);
      } else {
        for (auto [v, t] : {std::pair{lhs, lt}, std::pair{rhs, rt}}) {
          int64_t batchRank = t.getRank() - 2;
          int64_t od = d - (nb - batchRank);
          if (batchRank > 0 && od >= 0 && t.isDynamicDim(od)) {
            size = tensor::DimOp::create(rewriter, loc, v, od);
            break;
          }
        }
      }
      if (!size) {
        return rewriter.notifyMatchFailure(op, "dynamic extent of no operand");
      }
      dyn.push_back(size);
    }
    Value init = filledTensor(rewriter, loc, resTy, dyn, 0.0);

    if (a == 2 && r == 2) {
      rewriter.replaceOp(
          op, linalg::MatmulOp::create(rewriter, loc, TypeRange{resTy},
                                       ValueRange{lhs, rhs}, ValueRange{init})
                  .getResult(0));
      return success();
    }

    MLIRContext *ctx = rewriter.getContext();
    auto batchExprs = [&](RankedTensorType t) {
      SmallVector<AffineExpr> exprs;
      int64_t batchRank = t.getRank() - 2;
      for (int64_t j = 0; j < batchRank; ++j) {
        int64_t d = j + nb - batchRank;
        if (t.getDimSize(j) == 1 && resTy.getDimSize(d) != 1) {
          exprs.push_back(getAffineConstantExpr(0, ctx));
        } else {
          exprs.push_back(getAffineDimExpr(d, ctx));
        }
      }
      return exprs;
    };
    SmallVector<AffineExpr> le, re;
    if (hasM) {
      le = batchExprs(lt);
      le.push_back(getAffineDimExpr(mDim, ctx));
    }
    le.push_back(getAffineDimExpr(kDim, ctx));
    if (hasN) {
      re = batchExprs(rt);
      re.push_back(getAffineDimExpr(kDim, ctx));
      re.push_back(getAffineDimExpr(nDim, ctx));
    } else {
      re.push_back(getAffineDimExpr(kDim, ctx));
    }
    SmallVector<AffineExpr> oe;
    for (int64_t d = 0; d < res; ++d) {
      oe.push_back(getAffineDimExpr(d, ctx));
    }
    SmallVector<AffineMap> maps = {AffineMap::get(res + 1, 0, le, ctx),
                                   AffineMap::get(res + 1, 0, re, ctx),
                                   AffineMap::get(res + 1, 0, oe, ctx)};
    SmallVector<utils::IteratorType> iters(res, utils::IteratorType::parallel);
    iters.push_back(utils::IteratorType::reduction);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resTy}, ValueRange{lhs, rhs}, ValueRange{init},
        maps, iters,
        [](OpBuilder &b, Location l, ValueRange args) { macBody(b, l, args); });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// nn.gemm
//===----------------------------------------------------------------------===//

/// A linalg.generic contraction over (m, n, k) whose maps apply the
/// transposes, then an elementwise alpha * AB + beta * C when needed.
struct GemmOpLowering : OpConversionPattern<GemmOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GemmOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value a = adaptor.getA(), bv = adaptor.getB(), c = adaptor.getC();
    auto resTy = cast<RankedTensorType>(op.getType());
    bool ta = op.getTransA(), tb = op.getTransB();
    SmallVector<Value> dyn;
    if (resTy.isDynamicDim(0)) {
      dyn.push_back(tensor::DimOp::create(rewriter, loc, a, ta ? 1 : 0));
    }
    if (resTy.isDynamicDim(1)) {
      dyn.push_back(tensor::DimOp::create(rewriter, loc, bv, tb ? 0 : 1));
    }
    Value init = filledTensor(rewriter, loc, resTy, dyn, 0.0);
    AffineExpr m = getAffineDimExpr(0, ctx), n = getAffineDimExpr(1, ctx),
               k = getAffineDimExpr(2, ctx);
    SmallVector<AffineMap> maps = {
        AffineMap::get(3, 0, ta ? ArrayRef<AffineExpr>{k, m} : ArrayRef{m, k},
                       ctx),
        AffineMap::get(3, 0, tb ? ArrayRef<AffineExpr>{n, k} : ArrayRef{k, n},
                       ctx),
        AffineMap::get(3, 0, {m, n}, ctx)};
    SmallVector<utils::IteratorType> iters = {utils::IteratorType::parallel,
                                              utils::IteratorType::parallel,
                                              utils::IteratorType::reduction};
    Value mm = linalg::GenericOp::create(
                   rewriter, loc, TypeRange{resTy}, ValueRange{a, bv},
                   ValueRange{init}, maps, iters,
                   [](OpBuilder &b, Location l, ValueRange args) {
                     macBody(b, l, args);
                   })
                   .getResult(0);
    double alpha = op.getAlpha().convertToDouble();
    double beta = op.getBeta().convertToDouble();
    if (alpha == 1.0 && (!c || beta == 0.0)) {
      rewriter.replaceOp(op, mm);
      return success();
    }
    SmallVector<Value> inputs = {mm};
    if (c && beta != 0.0) {
      inputs.push_back(c);
    }
    Value out = buildElementwiseGeneric(
        rewriter, loc, resTy, inputs,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Type et = args[0].getType();
          Value v = args[0];
          if (alpha != 1.0) {
            v = arith::MulFOp::create(b, l, scalarConstant(b, l, et, alpha), v);
          }
          if (args.size() > 1) {
            Value cv = args[1];
            if (beta != 1.0) {
              cv = arith::MulFOp::create(b, l, scalarConstant(b, l, et, beta),
                                         cv);
            }
            v = arith::AddFOp::create(b, l, v, cv);
          }
          return v;
        });
    rewriter.replaceOp(op, out);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// nn.conv, nn.conv_transpose
//===----------------------------------------------------------------------===//

/// The [N, M, O...] output initialised with the bias broadcast along M, or
/// zero without one.
Value convInit(OpBuilder &b, Location loc, RankedTensorType resTy, Value input,
               Value weight, int64_t weightOutDim, int64_t group, Value bias) {
  SmallVector<Value> dyn;
  if (resTy.isDynamicDim(0)) {
    dyn.push_back(tensor::DimOp::create(b, loc, input, 0));
  }
  if (resTy.isDynamicDim(1)) {
    Value m = tensor::DimOp::create(b, loc, weight, weightOutDim);
    if (group != 1) {
      m = arith::MulIOp::create(b, loc, m,
                                arith::ConstantIndexOp::create(b, loc, group));
    }
    dyn.push_back(m);
  }
  if (!bias) {
    return filledTensor(b, loc, resTy, dyn, 0.0);
  }
  Value empty = emptyTensor(b, loc, resTy, dyn);
  MLIRContext *ctx = b.getContext();
  int64_t rank = resTy.getRank();
  SmallVector<AffineMap> maps = {
      AffineMap::get(rank, 0, {getAffineDimExpr(1, ctx)}, ctx),
      AffineMap::getMultiDimIdentityMap(rank, ctx)};
  SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{resTy}, ValueRange{bias}, ValueRange{empty},
             maps, iters,
             [](OpBuilder &nb, Location l, ValueRange args) {
               linalg::YieldOp::create(nb, l, args[0]);
             })
      .getResult(0);
}

/// Splits dimension `dim` of `v` into [group, extent / group].
Value splitGroups(OpBuilder &b, Location loc, Value v, int64_t dim,
                  int64_t group) {
  auto t = cast<RankedTensorType>(v.getType());
  SmallVector<int64_t> shape;
  SmallVector<ReassociationIndices> reassoc;
  for (int64_t d = 0; d < t.getRank(); ++d) {
    int64_t e = t.getDimSize(d);
    if (d == dim) {
      shape.push_back(group);
      shape.push_back(ShapedType::isDynamic(e) ? e : e / group);
      reassoc.push_back({static_cast<int64_t>(shape.size()) - 2,
                         static_cast<int64_t>(shape.size()) - 1});
    } else {
      shape.push_back(e);
      reassoc.push_back({static_cast<int64_t>(shape.size()) - 1});
    }
  }
  auto type = RankedTensorType::get(shape, t.getElementType());
  return tensor::ExpandShapeOp::create(b, loc, type, v, reassoc);
}

/// The grouped convolution as a linalg.generic over
/// (n, g, m, o_1..o_k, c, r_1..r_k):
///   out[n, g, m, o] += x[n, g, c, o * stride + r * dilation + offset]
///                      * w[g, m, c, r]          (flipped = false), or
///                      * w[g, c, m, K - 1 - r]  (flipped = true).
/// `x` is [N, G, C/G, S...] (already padded), `init` is [N, G, M/G, O...].
/// A flipped kernel's maps do not name the r_i loops plainly, so an unread
/// tensor.empty of the kernel's shape gives their extents.
Value groupedConvGeneric(OpBuilder &b, Location loc, Value x, Value w,
                         Value init, ArrayRef<int64_t> kernel,
                         ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
                         ArrayRef<int64_t> offsets, bool flipped) {
  MLIRContext *ctx = b.getContext();
  int64_t k = kernel.size();
  int64_t numLoops = 4 + 2 * k;
  auto dim = [&](int64_t i) { return getAffineDimExpr(i, ctx); };
  AffineExpr n = dim(0), g = dim(1), m = dim(2), c = dim(3 + k);
  SmallVector<AffineExpr> xe = {n, g, c}, we = {g}, oe = {n, g, m};
  if (flipped) {
    we.append({c, m});
  } else {
    we.append({m, c});
  }
  for (int64_t i = 0; i < k; ++i) {
    AffineExpr o = dim(3 + i), r = dim(4 + k + i);
    xe.push_back(o * strides[i] + r * dilations[i] + offsets[i]);
    we.push_back(flipped ? (kernel[i] - 1) - r : r);
    oe.push_back(o);
  }
  SmallVector<AffineMap> maps = {AffineMap::get(numLoops, 0, xe, ctx),
                                 AffineMap::get(numLoops, 0, we, ctx)};
  SmallVector<Value> inputs = {x, w};
  if (flipped) {
    SmallVector<AffineExpr> re;
    for (int64_t i = 0; i < k; ++i) {
      re.push_back(dim(4 + k + i));
    }
    maps.push_back(AffineMap::get(numLoops, 0, re, ctx));
    inputs.push_back(tensor::EmptyOp::create(
        b, loc, kernel, cast<RankedTensorType>(x.getType()).getElementType()));
  }
  maps.push_back(AffineMap::get(numLoops, 0, oe, ctx));
  SmallVector<utils::IteratorType> iters(3 + k, utils::IteratorType::parallel);
  iters.append(1 + k, utils::IteratorType::reduction);
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, inputs, ValueRange{init}, maps,
             iters,
             [](OpBuilder &nb, Location l, ValueRange args) {
               macBody(nb, l, args);
             })
      .getResult(0);
}

/// Collapses [N, G, M/G, O...] back to [N, M, O...].
Value mergeGroups(OpBuilder &b, Location loc, Value v, RankedTensorType type) {
  SmallVector<ReassociationIndices> reassoc = {{0}, {1, 2}};
  for (int64_t d = 3; d < cast<RankedTensorType>(v.getType()).getRank(); ++d) {
    reassoc.push_back({d});
  }
  return tensor::CollapseShapeOp::create(b, loc, type, v, reassoc);
}

struct ConvOpLowering : OpConversionPattern<ConvOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConvOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput(), w = adaptor.getWeight();
    auto xt = cast<RankedTensorType>(x.getType());
    auto wt = cast<RankedTensorType>(w.getType());
    auto resTy = cast<RankedTensorType>(op.getType());
    if (!hasStaticSpatial(xt) || !hasStaticSpatial(wt) ||
        !hasStaticSpatial(resTy)) {
      return rewriter.notifyMatchFailure(op, "dynamic spatial extents");
    }
    int64_t k = xt.getRank() - 2, group = op.getGroup();
    SmallVector<int64_t> kernel(wt.getShape().drop_front(2));
    SmallVector<int64_t> strides = attrOr(op.getStrides(), k, 1);
    SmallVector<int64_t> dilations = attrOr(op.getDilations(), k, 1);
    SmallVector<int64_t> pads = attrOr(op.getPads(), 2 * k, 0);
    SmallVector<int64_t> ones(k, 1), zeros(k, 0);
    Value padded =
        embedSpatial(rewriter, loc, x, ArrayRef(pads).take_front(k),
                     ArrayRef(pads).drop_front(k), ones, /*padValue=*/0.0);
    Value init =
        convInit(rewriter, loc, resTy, x, w, 0, /*group=*/1, adaptor.getBias());

    if (k == 2 && group == 1) {
      rewriter.replaceOp(op, linalg::Conv2DNchwFchwOp::create(
                                 rewriter, loc, TypeRange{resTy},
                                 ValueRange{padded, w}, ValueRange{init},
                                 rewriter.getI64TensorAttr(strides),
                                 rewriter.getI64TensorAttr(dilations))
                                 .getResult(0));
      return success();
    }
    int64_t channels = xt.getDimSize(1);
    if (k == 2 && group != 1 && channels == group &&
        resTy.getDimSize(1) == channels && wt.getDimSize(1) == 1) {
      Value w3 = tensor::CollapseShapeOp::create(
          rewriter, loc, w,
          SmallVector<ReassociationIndices>{{0, 1}, {2}, {3}});
      rewriter.replaceOp(op, linalg::DepthwiseConv2DNchwChwOp::create(
                                 rewriter, loc, TypeRange{resTy},
                                 ValueRange{padded, w3}, ValueRange{init},
                                 rewriter.getI64TensorAttr(strides),
                                 rewriter.getI64TensorAttr(dilations))
                                 .getResult(0));
      return success();
    }
    Value xg = splitGroups(rewriter, loc, padded, 1, group);
    Value wg = splitGroups(rewriter, loc, w, 0, group);
    Value ig = splitGroups(rewriter, loc, init, 1, group);
    Value out = groupedConvGeneric(rewriter, loc, xg, wg, ig, kernel, strides,
                                   dilations, zeros, /*flipped=*/false);
    rewriter.replaceOp(op, mergeGroups(rewriter, loc, out, resTy));
    return success();
  }
};

/// out[o] = sum over i, r with o = i * stride + r * dilation - pad_begin of
/// in[i] * w[r]: dilate the input with stride - 1 zeros between elements, pad
/// it by dilation * (K - 1) - pad_begin in front (and what reaches the
/// output's end behind), and run a stride-1 convolution with the flipped
/// kernel. A negative front pad becomes a read offset.
struct ConvTransposeOpLowering : OpConversionPattern<ConvTransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConvTransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput(), w = adaptor.getWeight();
    auto xt = cast<RankedTensorType>(x.getType());
    auto wt = cast<RankedTensorType>(w.getType());
    auto resTy = cast<RankedTensorType>(op.getType());
    if (!hasStaticSpatial(xt) || !hasStaticSpatial(wt) ||
        !hasStaticSpatial(resTy)) {
      return rewriter.notifyMatchFailure(op, "dynamic spatial extents");
    }
    int64_t k = xt.getRank() - 2, group = op.getGroup();
    SmallVector<int64_t> kernel(wt.getShape().drop_front(2));
    SmallVector<int64_t> strides = attrOr(op.getStrides(), k, 1);
    SmallVector<int64_t> dilations = attrOr(op.getDilations(), k, 1);
    SmallVector<int64_t> pads = attrOr(op.getPads(), 2 * k, 0);
    SmallVector<int64_t> outPad = attrOr(op.getOutputPadding(), k, 0);
    SmallVector<int64_t> low(k), high(k), offsets(k), ones(k, 1);
    for (int64_t i = 0; i < k; ++i) {
      int64_t reach = dilations[i] * (kernel[i] - 1);
      int64_t front = reach - pads[i];
      int64_t back = outPad[i] + reach - pads[k + i];
      low[i] = std::max<int64_t>(front, 0);
      high[i] = std::max<int64_t>(back, 0);
      offsets[i] = low[i] - front;
    }
    Value dilated = embedSpatial(rewriter, loc, x, low, high, strides, 0.0);
    Value init =
        convInit(rewriter, loc, resTy, x, w, 1, group, adaptor.getBias());
    Value xg = splitGroups(rewriter, loc, dilated, 1, group);
    Value wg = splitGroups(rewriter, loc, w, 0, group);
    Value ig = splitGroups(rewriter, loc, init, 1, group);
    Value out = groupedConvGeneric(rewriter, loc, xg, wg, ig, kernel, ones,
                                   dilations, offsets, /*flipped=*/true);
    rewriter.replaceOp(op, mergeGroups(rewriter, loc, out, resTy));
    return success();
  }
};

} // namespace

void mlir::nn::populateContractionToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<MatmulOpLowering, GemmOpLowering, ConvOpLowering,
               ConvTransposeOpLowering>(patterns.getContext());
  populatePoolingToLinalgPatterns(patterns);
}
