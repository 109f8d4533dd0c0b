//===- CpuConvAsMatmul.cpp - transposed conv / weight grad as matmuls -----===//
//
// In: nn.conv_transpose and nn.conv_weight_grad (2-D, groups = 1, static f32
// shapes), also inside fusion groups (then moved in front of the group).
// Out: linalg on tensors shaped so that
// nn-cpu-tile-contractions finds one contraction with a single K loop each:
//   conv_transpose: cols[n, (f,kh,kw), (h,w)] = sum_c W[c, (f,kh,kw)] *
//     X[n, c, (h,w)] (K = C), then a gather "col2im": each output pixel sums
//     the cols entries of the kernel taps that land on it (o = i*s - pad +
//     r*d, solved for i), so no scatter or atomics are needed; the bias is
//     the gather's initial value.
//   conv_weight_grad: dW[f, (c,kh,kw)] = sum_q dY^T[f, q] * col[q, (c,kh,kw)]
//     with q = (n, oh, ow) one reduction loop; col is the im2col of the
//     padded input, written in [q, (c,kh,kw)] order.
// Other cases are left to convert-nn-to-linalg. CPU only: the Vulkan
// pipeline keeps the direct lowering (CpuPipelineOptions::convAsMatmul).
//
//===----------------------------------------------------------------------===//

#include "codegen/ContractionUtils.h"
#include "codegen/ConvAsMatmul.h"
#include "codegen/Passes.h"
#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_CPUCONVASMATMULPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;
using namespace mlir::nn;

/// A copy of `src` into a fresh tensor of `shape` (loop i = result dim i,
/// src read at `srcIndex`, affine in the loops), collapsed by `reassoc`.
/// Unlike gather(), the loads are plain affine accesses LLVM can vectorize
/// along the innermost loop. The collapse_shape sits between this generic
/// and a named contraction, so elementwise fusion has no generic consumer to
/// propagate it into.
Value nn::copyCollapsed(OpBuilder &b, Location loc, Value src,
                        ArrayRef<int64_t> shape, ArrayRef<AffineExpr> srcIndex,
                        ArrayRef<ReassociationIndices> reassoc) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = shape.size();
  Type f32 = b.getF32Type();
  Value empty = tensor::EmptyOp::create(b, loc, shape, f32);
  Value copy =
      linalg::GenericOp::create(
          b, loc, TypeRange{empty.getType()}, ValueRange{src},
          ValueRange{empty},
          SmallVector<AffineMap>{AffineMap::get(rank, 0, srcIndex, ctx),
                                 AffineMap::getMultiDimIdentityMap(rank, ctx)},
          SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
          [](OpBuilder &nb, Location l, ValueRange args) {
            linalg::YieldOp::create(nb, l, args[0]);
          })
          .getResult(0);
  if (reassoc.size() == shape.size()) {
    return copy; // nothing to collapse
  }
  SmallVector<int64_t> collapsed;
  for (const ReassociationIndices &group : reassoc) {
    int64_t size = 1;
    for (int64_t i : group) {
      size *= shape[i];
    }
    collapsed.push_back(size);
  }
  return tensor::CollapseShapeOp::create(
      b, loc, RankedTensorType::get(collapsed, f32), copy, reassoc);
}

/// Sets the insertion point before `op`, or, inside nn.fusion_groups (an
/// epilogue group: conv_transpose + relu), before the outermost group, so
/// the contraction and gather run on their own and the group keeps only the
/// elementwise rest. Fails if an operand is defined inside that group.
LogicalResult nn::setInsertionPointOutsideGroups(RewriterBase &rewriter,
                                                 Operation *op) {
  Operation *anchor = op;
  for (Operation *p = op->getParentOp(); p; p = p->getParentOp()) {
    if (isa<FusionGroupOp>(p)) {
      anchor = p;
    }
  }
  if (anchor != op) {
    for (Value v : op->getOperands()) {
      if (anchor->isAncestor(v.getParentRegion()->getParentOp())) {
        return failure();
      }
    }
  }
  rewriter.setInsertionPoint(anchor);
  return success();
}

/// sum over the last loop of lhs * rhs into a zero tensor, with `maps`, as
/// linalg.contract: a named op, so linalg-fuse-elementwise-ops (which fuses
/// into generics) cannot pull the im2col / transpose producers into it and
/// break the single-K shape nn-cpu-tile-contractions needs.
Value nn::contraction(OpBuilder &b, Location loc, Value lhs, Value rhs,
                      RankedTensorType outTy, ArrayRef<AffineMap> maps) {
  Value init = filledTensor(b, loc, outTy, {}, 0.0);
  return linalg::ContractOp::create(b, loc, TypeRange{outTy},
                                    ValueRange{lhs, rhs}, ValueRange{init},
                                    b.getAffineMapArrayAttr(maps))
      .getResult(0);
}

Value nn::matmul(OpBuilder &b, Location loc, Value lhs, Value rhs,
                 RankedTensorType outTy) {
  MLIRContext *ctx = b.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  // Loops (m, n, k).
  SmallVector<AffineMap> maps = {AffineMap::get(3, 0, {d(0), d(2)}, ctx),
                                 AffineMap::get(3, 0, {d(2), d(1)}, ctx),
                                 AffineMap::get(3, 0, {d(0), d(1)}, ctx)};
  return contraction(b, loc, lhs, rhs, outTy, maps);
}

namespace {

/// Static f32 ranked tensor of rank 4.
bool isStatic4DF32(Value v) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  return t && t.getRank() == 4 && t.hasStaticShape() &&
         t.getElementType().isF32();
}

Value cIdx(OpBuilder &b, Location l, int64_t v) {
  return arith::ConstantIndexOp::create(b, l, v);
}

/// `flat` split into indices of the row-major `shape`.
SmallVector<Value> unflatten(OpBuilder &b, Location l, Value flat,
                             ArrayRef<int64_t> shape) {
  SmallVector<Value> out(shape.size());
  for (int64_t i = shape.size() - 1; i >= 0; --i) {
    out[i] = i == 0 ? flat
                    : arith::RemUIOp::create(b, l, flat, cIdx(b, l, shape[i]))
                          .getResult();
    if (i > 0) {
      flat = arith::DivUIOp::create(b, l, flat, cIdx(b, l, shape[i]));
    }
  }
  return out;
}

/// linear index of `idx` in the row-major `shape`.
Value flatten(OpBuilder &b, Location l, ValueRange idx,
              ArrayRef<int64_t> shape) {
  Value flat = idx[0];
  for (size_t i = 1; i < idx.size(); ++i) {
    flat = arith::AddIOp::create(
        b, l, arith::MulIOp::create(b, l, flat, cIdx(b, l, shape[i])), idx[i]);
  }
  return flat;
}

using IndexFn =
    function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange)>;

/// An f32 tensor of `shape` whose element at ivs is src[index(ivs)], as a
/// linalg.generic without inputs (tensor.extract in the body). Copies into
/// and out of the contractions go through these rather than reshapes:
/// linalg-fuse-elementwise-ops propagates reshapes through a contraction,
/// turning it into a multi-K generic the micro-kernel no longer matches.
Value gather(OpBuilder &b, Location loc, Value src, ArrayRef<int64_t> shape,
             IndexFn index) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = shape.size();
  Value empty = tensor::EmptyOp::create(b, loc, shape, b.getF32Type());
  return linalg::GenericOp::create(
             b, loc, TypeRange{empty.getType()}, ValueRange{},
             ValueRange{empty},
             SmallVector<AffineMap>{
                 AffineMap::getMultiDimIdentityMap(rank, ctx)},
             SmallVector<utils::IteratorType>(rank,
                                              utils::IteratorType::parallel),
             [&](OpBuilder &nb, Location l, ValueRange) {
               SmallVector<Value> ivs;
               for (int64_t i = 0; i < rank; ++i) {
                 ivs.push_back(linalg::IndexOp::create(nb, l, i));
               }
               linalg::YieldOp::create(nb, l,
                                       ValueRange{tensor::ExtractOp::create(
                                           nb, l, src, index(nb, l, ivs))});
             })
      .getResult(0);
}

/// Stride 1, dilation 1, no output padding, pads <= K - 1: the transposed
/// convolution is the plain convolution of x, padded by K - 1 - pad on each
/// side, with the filter's channel axes swapped and its taps flipped
/// (W'[f, c, i, j] = W[c, f, KH-1-i, KW-1-j]); nn.conv then takes the im2col
/// path of nn-cpu-tile-contractions, with no col2im pass over the output.
bool rewriteConvTransposeAsConv(IRRewriter &rewriter, ConvTransposeOp op,
                                ArrayRef<int64_t> strides,
                                ArrayRef<int64_t> dilations,
                                ArrayRef<int64_t> pads) {
  Value w = op.getWeight();
  ArrayRef<int64_t> ws = cast<RankedTensorType>(w.getType()).getShape();
  SmallVector<int64_t> outPad = attrOr(op.getOutputPadding(), 2, 0);
  SmallVector<int64_t> convPads(4);
  for (int64_t i = 0; i < 2; ++i) {
    int64_t k = ws[2 + i];
    if (strides[i] != 1 || dilations[i] != 1 || outPad[i] != 0 ||
        pads[i] > k - 1 || pads[2 + i] > k - 1) {
      return false;
    }
    convPads[i] = k - 1 - pads[i];
    convPads[2 + i] = k - 1 - pads[2 + i];
  }
  Location loc = op.getLoc();
  int64_t kh = ws[2], kw = ws[3];
  Value flipped =
      gather(rewriter, loc, w, {ws[1], ws[0], kh, kw},
             [&](OpBuilder &b, Location l, ValueRange iv) {
               return SmallVector<Value>{
                   iv[1], iv[0],
                   arith::SubIOp::create(b, l, cIdx(b, l, kh - 1), iv[2]),
                   arith::SubIOp::create(b, l, cIdx(b, l, kw - 1), iv[3])};
             });
  // The filter flip runs in front of any fusion group; the convolution
  // takes the op's place, so an epilogue group keeps conv + its epilogue.
  rewriter.setInsertionPoint(op);
  Value conv = ConvOp::create(
      rewriter, loc, op.getType(), op.getInput(), flipped, op.getBias(),
      DenseI64ArrayAttr(), DenseI64ArrayAttr(),
      rewriter.getDenseI64ArrayAttr(convPads), rewriter.getI64IntegerAttr(1));
  rewriter.replaceOp(op, conv);
  return true;
}

LogicalResult rewriteConvTranspose(IRRewriter &rewriter, ConvTransposeOp op) {
  Value x = op.getInput(), w = op.getWeight(), bias = op.getBias();
  if (op.getGroup() != 1 || !isStatic4DF32(x) || !isStatic4DF32(w) ||
      !isStatic4DF32(op.getResult()) ||
      (bias && !cast<RankedTensorType>(bias.getType()).hasStaticShape())) {
    return failure();
  }
  MLIRContext *ctx = rewriter.getContext();
  Location loc = op.getLoc();
  if (failed(setInsertionPointOutsideGroups(rewriter, op))) {
    return failure();
  }
  auto resTy = cast<RankedTensorType>(op.getType());
  ArrayRef<int64_t> xs = cast<RankedTensorType>(x.getType()).getShape();
  ArrayRef<int64_t> ws = cast<RankedTensorType>(w.getType()).getShape();
  ArrayRef<int64_t> os = resTy.getShape();
  int64_t n = xs[0], c = xs[1], h = xs[2], wd = xs[3];
  int64_t f = ws[1], kh = ws[2], kw = ws[3];
  SmallVector<int64_t> strides = attrOr(op.getStrides(), 2, 1);
  SmallVector<int64_t> dilations = attrOr(op.getDilations(), 2, 1);
  SmallVector<int64_t> pads = attrOr(op.getPads(), 4, 0);
  Type f32 = resTy.getElementType();
  // A 1x1 input (a DCGAN's first layer) is one matmul by phases; as a conv
  // it would be a padded im2col with a column per kernel tap.
  bool oneByOne = h == 1 && wd == 1;
  if ((!oneByOne &&
       rewriteConvTransposeAsConv(rewriter, op, strides, dilations, pads)) ||
      succeeded(rewriteConvTransposeAsPhases(rewriter, op))) {
    return success();
  }

  // 1. cols[n, m, p] = sum_c wm[c, m] * xm[n, c, p]; xm is gathered (a
  //    copy) so elementwise fusion cannot fold x's producer into the
  //    contraction through the reshape.
  Value wm =
      gather(rewriter, loc, w, {c, f * kh * kw},
             [&](OpBuilder &b, Location l, ValueRange iv) {
               SmallVector<Value> at = {iv[0]};
               llvm::append_range(at, unflatten(b, l, iv[1], {f, kh, kw}));
               return at;
             });
  Value xm = gather(rewriter, loc, x, {n, c, h * wd},
                    [&](OpBuilder &b, Location l, ValueRange iv) {
                      SmallVector<Value> at = {iv[0], iv[1]};
                      llvm::append_range(at, unflatten(b, l, iv[2], {h, wd}));
                      return at;
                    });
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  // Loops: n, m, p, c.
  SmallVector<AffineMap> maps = {AffineMap::get(4, 0, {d(3), d(1)}, ctx),
                                 AffineMap::get(4, 0, {d(0), d(3), d(2)}, ctx),
                                 AffineMap::get(4, 0, {d(0), d(1), d(2)}, ctx)};
  auto colsTy = RankedTensorType::get({n, f * kh * kw, h * wd}, f32);
  Value cols = contraction(rewriter, loc, wm, xm, colsTy, maps);

  // 2. Initial value: the bias broadcast along f, else zero.
  Value init;
  if (bias) {
    Value empty = tensor::EmptyOp::create(rewriter, loc, os, f32);
    init =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{resTy}, ValueRange{bias},
            ValueRange{empty},
            SmallVector<AffineMap>{AffineMap::get(4, 0, {d(1)}, ctx),
                                   AffineMap::getMultiDimIdentityMap(4, ctx)},
            SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
            [](OpBuilder &b, Location l, ValueRange args) {
              linalg::YieldOp::create(b, l, args[0]);
            })
            .getResult(0);
  } else {
    init = filledTensor(rewriter, loc, resTy, {}, 0.0);
  }

  // 3. col2im as a gather over (n, f, oh, ow, r_h, r_w): input row
  //    i = (o + pad - r * d) / s when exact and in range. An unread
  //    [KH, KW] tensor gives the r loops their extents.
  Value window = tensor::EmptyOp::create(rewriter, loc, {kh, kw}, f32);
  SmallVector<AffineMap> gmaps = {
      AffineMap::get(6, 0, {d(4), d(5)}, ctx),
      AffineMap::get(6, 0, {d(0), d(1), d(2), d(3)}, ctx)};
  SmallVector<utils::IteratorType> iters(4, utils::IteratorType::parallel);
  iters.append(2, utils::IteratorType::reduction);
  int64_t extent[2] = {h, wd};
  auto body = [&](OpBuilder &b, Location l, ValueRange args) {
    auto idx = [&](int64_t v) {
      return arith::ConstantIndexOp::create(b, l, v).getResult();
    };
    Value zero = idx(0);
    Value valid = arith::ConstantIntOp::create(b, l, 1, 1);
    SmallVector<Value> at = {
        linalg::IndexOp::create(b, l, 0), linalg::IndexOp::create(b, l, 1),
        linalg::IndexOp::create(b, l, 4), linalg::IndexOp::create(b, l, 5)};
    for (int64_t i = 0; i < 2; ++i) {
      Value o = linalg::IndexOp::create(b, l, 2 + i);
      Value r = linalg::IndexOp::create(b, l, 4 + i);
      Value t = arith::SubIOp::create(
          b, l, arith::AddIOp::create(b, l, o, idx(pads[i])),
          arith::MulIOp::create(b, l, r, idx(dilations[i])));
      Value nonNeg =
          arith::CmpIOp::create(b, l, arith::CmpIPredicate::sge, t, zero);
      Value tc = arith::SelectOp::create(b, l, nonNeg, t, zero);
      Value q = arith::DivUIOp::create(b, l, tc, idx(strides[i]));
      Value exact = arith::CmpIOp::create(
          b, l, arith::CmpIPredicate::eq,
          arith::RemUIOp::create(b, l, tc, idx(strides[i])), zero);
      Value inRange = arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt, q,
                                            idx(extent[i]));
      valid = arith::AndIOp::create(
          b, l, valid,
          arith::AndIOp::create(b, l, nonNeg,
                                arith::AndIOp::create(b, l, exact, inRange)));
      at.push_back(arith::SelectOp::create(b, l, inRange, q, zero));
    }
    // at = n, f, r_h, r_w, i_h, i_w -> cols[n, (f, r_h, r_w), (i_h, i_w)].
    Value v = tensor::ExtractOp::create(
        b, l, cols,
        ValueRange{at[0],
                   flatten(b, l, ValueRange{at[1], at[2], at[3]}, {f, kh, kw}),
                   flatten(b, l, ValueRange{at[4], at[5]}, {h, wd})});
    Value zeroF = arith::ConstantOp::create(b, l, b.getZeroAttr(v.getType()));
    Value add = arith::SelectOp::create(b, l, valid, v, zeroF);
    linalg::YieldOp::create(
        b, l, ValueRange{arith::AddFOp::create(b, l, args[1], add)});
  };
  Value out = linalg::GenericOp::create(rewriter, loc, TypeRange{resTy},
                                        ValueRange{window}, ValueRange{init},
                                        gmaps, iters, body)
                  .getResult(0);
  rewriter.replaceOp(op, out);
  return success();
}

LogicalResult rewriteWeightGrad(IRRewriter &rewriter, ConvWeightGradOp op) {
  Value x = op.getInput(), dy = op.getOutputGrad();
  if (op.getGroup() != 1 || !isStatic4DF32(x) || !isStatic4DF32(dy) ||
      !isStatic4DF32(op.getResult())) {
    return failure();
  }
  MLIRContext *ctx = rewriter.getContext();
  Location loc = op.getLoc();
  if (failed(setInsertionPointOutsideGroups(rewriter, op))) {
    return failure();
  }
  auto resTy = cast<RankedTensorType>(op.getType());
  ArrayRef<int64_t> xs = cast<RankedTensorType>(x.getType()).getShape();
  ArrayRef<int64_t> ds = cast<RankedTensorType>(dy.getType()).getShape();
  ArrayRef<int64_t> rs = resTy.getShape();
  int64_t n = xs[0], c = xs[1], f = ds[1], oh = ds[2], ow = ds[3];
  int64_t kh = rs[2], kw = rs[3];
  SmallVector<int64_t> strides = attrOr(op.getStrides(), 2, 1);
  SmallVector<int64_t> dilations = attrOr(op.getDilations(), 2, 1);
  SmallVector<int64_t> pads = attrOr(op.getPads(), 4, 0);
  Type f32 = resTy.getElementType();

  SmallVector<int64_t> low, high, ones(2, 1);
  for (int64_t i = 0; i < 2; ++i) {
    // Pad the end only as far as the last window reads.
    int64_t last =
        (ds[2 + i] - 1) * strides[i] + (rs[2 + i] - 1) * dilations[i] - pads[i];
    low.push_back(pads[i]);
    high.push_back(std::max<int64_t>(0, last + 1 - xs[2 + i]));
  }
  Value padded = embedSpatial(rewriter, loc, x, low, high, ones, 0.0);

  // 1. col[(n, oh, ow), (c, kh, kw)] = padded[n, c, oh*s + kh*d,
  //    ow*s + kw*d], and 2. dyT[f, (n, oh, ow)] = dy[n, f, oh, ow]: copies
  //    with affine maps over the unflattened loops (no index division, dyT
  //    whole contiguous rows), collapsed to 2-D for the contraction.
  auto e = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  Value colm =
      copyCollapsed(rewriter, loc, padded, {n, oh, ow, c, kh, kw},
                    {e(0), e(3), e(1) * strides[0] + e(4) * dilations[0],
                     e(2) * strides[1] + e(5) * dilations[1]},
                    {{0, 1, 2}, {3, 4, 5}});
  Value dym = copyCollapsed(rewriter, loc, dy, {f, n, oh, ow},
                            {e(1), e(0), e(2), e(3)}, {{0}, {1, 2, 3}});

  // 3. dW[f, j] = sum_q dyT[f, q] * col[q, j]; loops f, j, q.
  auto dwTy = RankedTensorType::get({f, c * kh * kw}, f32);
  Value dw = matmul(rewriter, loc, dym, colm, dwTy);
  rewriter.replaceOp(
      op, gather(rewriter, loc, dw, resTy.getShape(),
                 [&](OpBuilder &b, Location l, ValueRange iv) {
                   return SmallVector<Value>{
                       iv[0], flatten(b, l, iv.drop_front(), {c, kh, kw})};
                 }));
  return success();
}

struct CpuConvAsMatmulPass
    : nn::impl::CpuConvAsMatmulPassBase<CpuConvAsMatmulPass> {
  void runOnOperation() override {
    SmallVector<Operation *> ops;
    getOperation().walk([&](Operation *op) {
      if (isa<ConvTransposeOp, ConvWeightGradOp>(op)) {
        ops.push_back(op);
      }
    });
    IRRewriter rewriter(&getContext());
    for (Operation *op : ops) {
      if (auto t = dyn_cast<ConvTransposeOp>(op)) {
        (void)rewriteConvTranspose(rewriter, t); // else: direct lowering
      } else {
        (void)rewriteWeightGrad(rewriter, cast<ConvWeightGradOp>(op));
      }
    }
  }
};

} // namespace
