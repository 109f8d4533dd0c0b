//===- LowerGatherPadResize.cpp - nn gather/pad/resize -> linalg ----------===//
//
// In: nn gather, gather_elements, pad and resize. Out: tensor.pad for
// constant padding; otherwise an all-parallel linalg.generic over the result
// whose body computes source indices from linalg.index with arith and reads
// the input with tensor.extract.
//
// Out-of-range gather indices (an error in ONNX) are clamped into
// [0, extent - 1] after negative ones wrap, so a bad index reads the nearest
// border element instead of memory outside the tensor.
//
//===----------------------------------------------------------------------===//

#include "codegen/IndexingUtils.h"
#include "codegen/LoweringUtils.h"
#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace mlir::nn;

namespace {

int64_t normalizeAxis(int64_t axis, int64_t rank) {
  return axis < 0 ? axis + rank : axis;
}

/// An index element read from an indices tensor, wrapped when negative and
/// clamped into [0, extent - 1].
Value gatherIndex(OpBuilder &b, Location loc, Value raw, Value extent) {
  Value i = arith::IndexCastOp::create(b, loc, b.getIndexType(), raw);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value neg = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, i, zero);
  i = arith::SelectOp::create(b, loc, neg,
                              arith::AddIOp::create(b, loc, i, extent), i);
  IndexMath m{b, loc};
  return m.v(m.clamp(i, m.c(0), m.sub(extent, m.c(1))));
}

struct GatherOpLowering : OpConversionPattern<GatherOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GatherOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value data = adaptor.getData(), indices = adaptor.getIndices();
    auto out = cast<RankedTensorType>(op.getType());
    int64_t r = cast<RankedTensorType>(data.getType()).getRank();
    int64_t q = cast<RankedTensorType>(indices.getType()).getRank();
    int64_t axis = normalizeAxis(op.getAxis(), r);
    SmallVector<OpFoldResult> dataSizes = mixedSizes(rewriter, loc, data);
    SmallVector<OpFoldResult> indSizes = mixedSizes(rewriter, loc, indices);
    // out shape = data[:axis] + indices + data[axis+1:]
    SmallVector<OpFoldResult> sizes(dataSizes.begin(),
                                    dataSizes.begin() + axis);
    sizes.append(indSizes);
    sizes.append(dataSizes.begin() + axis + 1, dataSizes.end());
    SmallVector<AffineExpr> exprs;
    for (int64_t d = 0; d < q; ++d) {
      exprs.push_back(rewriter.getAffineDimExpr(axis + d));
    }
    AffineMap indMap =
        AffineMap::get(out.getRank(), 0, exprs, rewriter.getContext());
    IndexMath m{rewriter, loc};
    Value extent = m.v(dataSizes[axis]);
    Value v = buildIndexedGeneric(
        rewriter, loc, out, sizes, indices, indMap,
        [&](OpBuilder &b, Location l, ArrayRef<Value> ivs, ValueRange args) {
          SmallVector<Value> idx(ivs.begin(), ivs.begin() + axis);
          idx.push_back(gatherIndex(b, l, args[0], extent));
          idx.append(ivs.begin() + axis + q, ivs.end());
          return tensor::ExtractOp::create(b, l, data, idx).getResult();
        });
    rewriter.replaceOp(op, v);
    return success();
  }
};

struct GatherElementsOpLowering : OpConversionPattern<GatherElementsOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GatherElementsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value data = adaptor.getData(), indices = adaptor.getIndices();
    auto out = cast<RankedTensorType>(op.getType());
    int64_t axis = normalizeAxis(op.getAxis(), out.getRank());
    IndexMath m{rewriter, loc};
    Value extent = m.v(mixedSizes(rewriter, loc, data)[axis]);
    // out[i] = data[i with i[axis] = indices[i]]
    Value v = buildIndexedGeneric(
        rewriter, loc, out, mixedSizes(rewriter, loc, indices), indices,
        rewriter.getMultiDimIdentityMap(out.getRank()),
        [&](OpBuilder &b, Location l, ArrayRef<Value> ivs, ValueRange args) {
          SmallVector<Value> idx(ivs);
          idx[axis] = gatherIndex(b, l, args[0], extent);
          return tensor::ExtractOp::create(b, l, data, idx).getResult();
        });
    rewriter.replaceOp(op, v);
    return success();
  }
};

struct PadOpLowering : OpConversionPattern<PadOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto out = cast<RankedTensorType>(op.getType());
    int64_t rank = out.getRank();
    ArrayRef<int64_t> pads = op.getPads();
    IndexMath m{rewriter, loc};
    SmallVector<OpFoldResult> dims = mixedSizes(rewriter, loc, input);

    if (op.getMode() == PadMode::constant) {
      // Negative pads crop first; the rest is a tensor.pad.
      SmallVector<OpFoldResult> offsets, sizes, strides(rank, m.c(1)), lo, hi;
      bool crop = false;
      for (int64_t d = 0; d < rank; ++d) {
        int64_t cutLo = std::max<int64_t>(-pads[d], 0);
        int64_t cutHi = std::max<int64_t>(-pads[rank + d], 0);
        crop |= cutLo || cutHi;
        offsets.push_back(m.c(cutLo));
        sizes.push_back(m.sub(m.sub(dims[d], m.c(cutLo)), m.c(cutHi)));
        lo.push_back(m.c(std::max<int64_t>(pads[d], 0)));
        hi.push_back(m.c(std::max<int64_t>(pads[rank + d], 0)));
      }
      Value src = input;
      if (crop) {
        src = tensor::ExtractSliceOp::create(rewriter, loc, input, offsets,
                                             sizes, strides);
      }
      Value fill = scalarConstant(rewriter, loc, out.getElementType(),
                                  op.getValue().convertToDouble());
      Value v = tensor::PadOp::create(rewriter, loc, Type(), src, lo, hi, fill);
      rewriter.replaceOp(op, castTo(rewriter, loc, v, out));
      return success();
    }

    bool reflect = op.getMode() == PadMode::reflect;
    SmallVector<OpFoldResult> sizes;
    SmallVector<Value> lasts;
    for (int64_t d = 0; d < rank; ++d) {
      sizes.push_back(m.add(m.add(dims[d], m.c(pads[d])), m.c(pads[rank + d])));
      lasts.push_back(m.v(m.sub(dims[d], m.c(1))));
    }
    // x = i - lo; edge clamps x into [0, n - 1]; reflect mirrors about the
    // border elements: -x below 0, 2 (n - 1) - x above n - 1 (each pad is
    // smaller than n, so one reflection suffices).
    Value v = buildIndexedGeneric(
        rewriter, loc, out, sizes, {}, {},
        [&](OpBuilder &b, Location l, ArrayRef<Value> ivs, ValueRange) {
          IndexMath bm{b, l};
          SmallVector<Value> idx;
          for (int64_t d = 0; d < rank; ++d) {
            Value x = bm.v(bm.sub(ivs[d], bm.c(pads[d])));
            if (pads[d] <= 0 && pads[rank + d] <= 0) {
              idx.push_back(x);
              continue;
            }
            if (!reflect) {
              idx.push_back(bm.v(bm.clamp(x, bm.c(0), lasts[d])));
              continue;
            }
            Value zero = bm.v(bm.c(0));
            Value below =
                arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt, x, zero);
            x = arith::SelectOp::create(
                b, l, below, arith::SubIOp::create(b, l, zero, x), x);
            Value above = arith::CmpIOp::create(b, l, arith::CmpIPredicate::sgt,
                                                x, lasts[d]);
            Value twice = arith::AddIOp::create(b, l, lasts[d], lasts[d]);
            x = arith::SelectOp::create(
                b, l, above, arith::SubIOp::create(b, l, twice, x), x);
            // Out-of-contract pads (not smaller than the extent) stay in
            // bounds.
            idx.push_back(bm.v(bm.clamp(x, bm.c(0), lasts[d])));
          }
          return tensor::ExtractOp::create(b, l, input, idx).getResult();
        });
    rewriter.replaceOp(op, v);
    return success();
  }
};

/// ONNX Resize. Coordinates are computed in f64 like the ONNX reference
/// (interpolate_nd): x_in = f(x_out) per coordinate_transformation; nearest
/// rounds it per nearest_mode, linear interpolates between floor(x_in) and
/// floor(x_in) + 1 with indices clamped into the input (the reference's edge
/// padding). Linear is N-D: 2^k taps over the k resized axes.
struct ResizeOpLowering : OpConversionPattern<ResizeOp> {
  using OpConversionPattern::OpConversionPattern;

  /// Per resized axis: input extent, scale and the resized length used by
  /// align_corners / pytorch_half_pixel (scale * in with scales, else out),
  /// all as f64 values.
  struct Axis {
    int64_t dim;
    Value inLast;  // index: in - 1
    Value inF;     // f64: in
    Value scale;   // f64
    Value outLenF; // f64
  };

  LogicalResult
  matchAndRewrite(ResizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto in = cast<RankedTensorType>(input.getType());
    auto out = cast<RankedTensorType>(op.getType());
    int64_t rank = out.getRank();
    std::optional<ArrayRef<double>> scales = op.getScales();
    IndexMath m{rewriter, loc};
    Type f64 = rewriter.getF64Type();
    auto toF64 = [&](OpBuilder &b, Location l, Value idx) -> Value {
      Value i = arith::IndexCastOp::create(b, l, b.getI64Type(), idx);
      return arith::SIToFPOp::create(b, l, f64, i);
    };
    auto cstF = [&](OpBuilder &b, Location l, double v) {
      return scalarConstant(b, l, f64, v);
    };

    SmallVector<OpFoldResult> inSizes = mixedSizes(rewriter, loc, input);
    SmallVector<OpFoldResult> sizes;
    SmallVector<Axis> axes;
    for (int64_t d = 0; d < rank; ++d) {
      double s = scales ? (*scales)[d] : 1.0;
      bool identity = scales ? s == 1.0
                             : (in.getDimSize(d) == out.getDimSize(d) ||
                                (in.isDynamicDim(d) && out.isDynamicDim(d)));
      if (identity) {
        // A dynamic extent without scales is assumed unchanged.
        sizes.push_back(inSizes[d]);
        continue;
      }
      Value inF = toF64(rewriter, loc, m.v(inSizes[d]));
      Value scale, outLen;
      if (scales) {
        scale = cstF(rewriter, loc, s);
        outLen = arith::MulFOp::create(rewriter, loc, inF, scale);
        if (out.isDynamicDim(d)) {
          Value o = arith::FPToSIOp::create(
              rewriter, loc, rewriter.getI64Type(),
              math::FloorOp::create(rewriter, loc, outLen));
          sizes.push_back(arith::IndexCastOp::create(rewriter, loc,
                                                     rewriter.getIndexType(), o)
                              .getResult());
        } else {
          sizes.push_back(m.c(out.getDimSize(d)));
        }
      } else {
        if (out.isDynamicDim(d)) {
          return rewriter.notifyMatchFailure(
              op, "a dynamic output extent without scales");
        }
        sizes.push_back(m.c(out.getDimSize(d)));
        outLen = cstF(rewriter, loc, out.getDimSize(d));
        scale = arith::DivFOp::create(rewriter, loc, outLen, inF);
      }
      axes.push_back({d, m.v(m.sub(inSizes[d], m.c(1))), inF, scale, outLen});
    }

    CoordinateTransform ct = op.getCoordinateTransformation();
    NearestMode nm = op.getNearestMode();
    bool linear = op.getMode() == ResizeMode::linear;
    auto elemType = cast<FloatType>(out.getElementType());

    Value v = buildIndexedGeneric(
        rewriter, loc, out, sizes, {}, {},
        [&](OpBuilder &b, Location l, ArrayRef<Value> ivs, ValueRange) {
          IndexMath bm{b, l};
          // Input coordinate of each resized axis.
          SmallVector<Value> coords;
          for (const Axis &a : axes) {
            Value x = toF64(b, l, ivs[a.dim]);
            Value half = cstF(b, l, 0.5);
            Value one = cstF(b, l, 1.0);
            Value xh = arith::AddFOp::create(b, l, x, half);
            Value c;
            switch (ct) {
            case CoordinateTransform::half_pixel:
            case CoordinateTransform::pytorch_half_pixel:
              c = arith::SubFOp::create(
                  b, l, arith::DivFOp::create(b, l, xh, a.scale), half);
              if (ct == CoordinateTransform::pytorch_half_pixel) {
                Value big = arith::CmpFOp::create(
                    b, l, arith::CmpFPredicate::OGT, a.outLenF, one);
                c = arith::SelectOp::create(b, l, big, c, cstF(b, l, 0.0));
              }
              break;
            case CoordinateTransform::align_corners: {
              Value num = arith::MulFOp::create(
                  b, l, x, arith::SubFOp::create(b, l, a.inF, one));
              Value den = arith::SubFOp::create(b, l, a.outLenF, one);
              Value isOne = arith::CmpFOp::create(
                  b, l, arith::CmpFPredicate::OEQ, a.outLenF, one);
              c = arith::SelectOp::create(
                  b, l, isOne, cstF(b, l, 0.0),
                  arith::DivFOp::create(b, l, num, den));
              break;
            }
            case CoordinateTransform::asymmetric:
              c = arith::DivFOp::create(b, l, x, a.scale);
              break;
            case CoordinateTransform::tf_half_pixel_for_nn:
              c = arith::DivFOp::create(b, l, xh, a.scale);
              break;
            }
            coords.push_back(c);
          }
          auto toIndex = [&](Value f, Value last) {
            Value i = arith::FPToSIOp::create(b, l, b.getI64Type(), f);
            Value ix = arith::IndexCastOp::create(b, l, b.getIndexType(), i);
            return bm.v(bm.clamp(ix, bm.c(0), last));
          };
          SmallVector<Value> idx(ivs);
          if (!linear) {
            for (auto [a, c] : llvm::zip(axes, coords)) {
              Value r;
              switch (nm) {
              case NearestMode::round_prefer_floor:
                r = math::CeilOp::create(
                    b, l, arith::SubFOp::create(b, l, c, cstF(b, l, 0.5)));
                break;
              case NearestMode::round_prefer_ceil:
                r = math::FloorOp::create(
                    b, l, arith::AddFOp::create(b, l, c, cstF(b, l, 0.5)));
                break;
              case NearestMode::floor:
                r = math::FloorOp::create(b, l, c);
                break;
              case NearestMode::ceil:
                r = math::CeilOp::create(b, l, c);
                break;
              }
              idx[a.dim] = toIndex(r, a.inLast);
            }
            return tensor::ExtractOp::create(b, l, input, idx).getResult();
          }
          // Linear: sum over the 2^k corners of the product of the weights
          // (1 - w on the floor side, w on the other).
          SmallVector<Value> lo, hi, w, wc;
          for (auto [a, c] : llvm::zip(axes, coords)) {
            Value f = math::FloorOp::create(b, l, c);
            lo.push_back(toIndex(f, a.inLast));
            hi.push_back(toIndex(
                arith::AddFOp::create(b, l, f, cstF(b, l, 1.0)), a.inLast));
            w.push_back(arith::SubFOp::create(b, l, c, f));
            wc.push_back(
                arith::SubFOp::create(b, l, cstF(b, l, 1.0), w.back()));
          }
          Value sum = cstF(b, l, 0.0);
          for (unsigned mask = 0; mask < (1u << axes.size()); ++mask) {
            Value weight = cstF(b, l, 1.0);
            for (size_t k = 0; k < axes.size(); ++k) {
              bool up = mask & (1u << k);
              idx[axes[k].dim] = up ? hi[k] : lo[k];
              weight = arith::MulFOp::create(b, l, weight, up ? w[k] : wc[k]);
            }
            Value e = tensor::ExtractOp::create(b, l, input, idx);
            if (elemType != f64) {
              e = arith::ExtFOp::create(b, l, f64, e);
            }
            sum = arith::AddFOp::create(b, l, sum,
                                        arith::MulFOp::create(b, l, weight, e));
          }
          if (elemType != f64) {
            sum = arith::TruncFOp::create(b, l, elemType, sum);
          }
          return sum;
        });
    rewriter.replaceOp(op, v);
    return success();
  }
};

} // namespace

void mlir::nn::populateGatherPadResizeToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<GatherOpLowering, GatherElementsOpLowering, PadOpLowering,
               ResizeOpLowering>(patterns.getContext());
}
