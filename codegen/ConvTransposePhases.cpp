//===- ConvTransposePhases.cpp - strided conv_transpose by phases ---------===//
//
// In: a 2-D nn.conv_transpose (groups = 1, dilations 1, static f32). Out:
// linalg on tensors, one im2col copy + one contraction per sub-pixel phase,
// no multiply by zeros and no col2im pass.
//
// Per spatial axis (stride s, kernel K, begin pad p): output o receives the
// taps r = i*s ... solved as r = o + p - i*s, so r = phi (mod s) with
// phi = (o + p) mod s. The outputs of one phase phi, o = o0 + m*s, are
//   y[o0 + m*s] = sum_{u < T} x[a + m + u] * W[phi + s*(T - 1 - u)]
// with T = ceil((K - phi) / s) taps and a = (o0 + p - phi) / s - (T - 1):
// a stride-1 correlation of x (zero outside [0, H)) with the phase's taps,
// reversed. The s_h * s_w phases each become
//   cols[(c, uh, uw), (n, mh, mw)] = x_padded[n, c, mh + uh + ., mw + uw + .]
//   Y[f, (n, mh, mw)] = sum_k Wp[f, k] * cols[k, (n, mh, mw)]
// whose contraction nn-cpu-tile-contractions turns into its micro-kernel
// (the batch folded into its columns), then one generic writes Y (+ the
// bias) into the strided output slice y[n, f, o0h::sh, o0w::sw]. Constant
// weights get their phase kernels Wp at compile time.
//
//===----------------------------------------------------------------------===//

#include "codegen/ContractionUtils.h"
#include "codegen/ConvAsMatmul.h"
#include "passes/WeightUtils.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::nn;

namespace {

/// One phase along one spatial axis: its taps, outputs and input window.
struct AxisPhase {
  int64_t phase = 0;   // phi: the kernel taps phi, phi + s, ...
  int64_t taps = 0;    // T
  int64_t first = 0;   // o0: the first output of the phase
  int64_t count = 0;   // M: outputs o0, o0 + s, ... below the extent
  int64_t inStart = 0; // a: input row read by output m = 0, tap u = 0
  /// Whether some input row reaches these outputs (else they are the bias).
  bool reads(int64_t inExtent) const {
    return taps > 0 && count > 0 && inStart + count + taps - 1 > 0 &&
           inStart < inExtent;
  }
};

/// The phases of one axis (kernel k, stride s, begin pad p, output extent
/// o).
SmallVector<AxisPhase> axisPhases(int64_t k, int64_t s, int64_t p, int64_t o) {
  SmallVector<AxisPhase> out;
  for (int64_t phi = 0; phi < s; ++phi) {
    AxisPhase a;
    a.phase = phi;
    a.taps = phi < k ? (k - phi + s - 1) / s : 0;
    a.first = ((phi - p) % s + s) % s;
    a.count = a.first < o ? (o - 1 - a.first) / s + 1 : 0;
    // (o0 + p - phi) is a non-negative multiple of s by the choice of o0.
    a.inStart = (a.first + p - phi) / s - (a.taps - 1);
    out.push_back(a);
  }
  return out;
}

/// The phase kernel Wp[f, (c, uh, uw)] = W[c, f, phh + sh*(TH-1-uh),
/// phw + sw*(TW-1-uw)] of the weight W [C, F, KH, KW], or transposed with
/// the channels innermost, [(uh, uw, c), f]: computed here when W is a
/// constant (so the tiler packs it at compile time), else a copy.
Value phaseKernel(OpBuilder &b, Location loc, Value w,
                  std::optional<ArrayRef<float>> values, const AxisPhase &ph,
                  const AxisPhase &pw, int64_t sh, int64_t sw,
                  bool transposed) {
  ArrayRef<int64_t> ws = cast<RankedTensorType>(w.getType()).getShape();
  int64_t c = ws[0], f = ws[1], kh = ws[2], kw = ws[3];
  int64_t th = ph.taps, tw = pw.taps;
  int64_t k = c * th * tw;
  auto type = transposed ? RankedTensorType::get({k, f}, b.getF32Type())
                         : RankedTensorType::get({f, k}, b.getF32Type());
  if (values) {
    SmallVector<float> out(f * k);
    for (int64_t fi = 0; fi < f; ++fi) {
      for (int64_t ci = 0; ci < c; ++ci) {
        for (int64_t uh = 0; uh < th; ++uh) {
          int64_t r = ph.phase + sh * (th - 1 - uh);
          for (int64_t uw = 0; uw < tw; ++uw) {
            int64_t q = pw.phase + sw * (tw - 1 - uw);
            int64_t at = transposed ? ((uh * tw + uw) * c + ci) * f + fi
                                    : fi * k + (ci * th + uh) * tw + uw;
            out[at] = (*values)[((ci * f + fi) * kh + r) * kw + q];
          }
        }
      }
    }
    return createF32Constant(b, loc, type, out);
  }
  MLIRContext *ctx = b.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  if (transposed) {
    // Loops (uh, uw, c, f).
    return copyCollapsed(b, loc, w, {th, tw, c, f},
                         {d(2), d(3), ph.phase + sh * (th - 1) - d(0) * sh,
                          pw.phase + sw * (tw - 1) - d(1) * sw},
                         {{0, 1, 2}, {3}});
  }
  // Loops (f, c, uh, uw).
  return copyCollapsed(b, loc, w, {f, c, th, tw},
                       {d(1), d(0), ph.phase + sh * (th - 1) - d(2) * sh,
                        pw.phase + sw * (tw - 1) - d(3) * sw},
                       {{0}, {1, 2, 3}});
}

/// `init` plus src[srcIndex] summed over the tap loops, at the strided
/// output slice y[n, f, o0h + mh*sh, o0w + mw*sw] of phase (ph, pw): a
/// generic on the extract_slice, inserted back. Loops (n, f, mh, mw), then
/// with `taps` the reduction over (uh, uw) < (TH, TW), innermost: each output
/// is written once, not once per tap. The generic reads its output (init holds
/// the bias), which keeps elementwise fusion from replacing it by a fresh
/// tensor, so bufferization updates y in place.
Value addToSlice(OpBuilder &b, Location loc, Value init, Value src,
                 const AxisPhase &ph, const AxisPhase &pw, int64_t sh,
                 int64_t sw, bool taps, ArrayRef<AffineExpr> srcIndex) {
  MLIRContext *ctx = b.getContext();
  auto initTy = cast<RankedTensorType>(init.getType());
  int64_t n = initTy.getDimSize(0), f = initTy.getDimSize(1);
  SmallVector<OpFoldResult> offsets = {b.getIndexAttr(0), b.getIndexAttr(0),
                                       b.getIndexAttr(ph.first),
                                       b.getIndexAttr(pw.first)};
  SmallVector<OpFoldResult> sizes = {b.getIndexAttr(n), b.getIndexAttr(f),
                                     b.getIndexAttr(ph.count),
                                     b.getIndexAttr(pw.count)};
  SmallVector<OpFoldResult> strides = {b.getIndexAttr(1), b.getIndexAttr(1),
                                       b.getIndexAttr(sh), b.getIndexAttr(sw)};
  Value dest =
      tensor::ExtractSliceOp::create(b, loc, init, offsets, sizes, strides);
  SmallVector<Value> ins = {src};
  SmallVector<utils::IteratorType> iters(4, utils::IteratorType::parallel);
  if (taps) {
    // The tap extents come from an unread [TH, TW] tensor.
    ins.push_back(tensor::EmptyOp::create(
        b, loc, ArrayRef<int64_t>{ph.taps, pw.taps}, b.getF32Type()));
    iters.append(2, utils::IteratorType::reduction);
  }
  int64_t loops = iters.size();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  SmallVector<AffineMap> maps = {AffineMap::get(loops, 0, srcIndex, ctx)};
  if (taps) {
    maps.push_back(AffineMap::get(loops, 0, {d(4), d(5)}, ctx));
  }
  maps.push_back(AffineMap::get(loops, 0, {d(0), d(1), d(2), d(3)}, ctx));
  Value phase =
      linalg::GenericOp::create(
          b, loc, TypeRange{dest.getType()}, ins, ValueRange{dest}, maps, iters,
          [&](OpBuilder &nb, Location l, ValueRange args) {
            linalg::YieldOp::create(
                nb, l,
                ValueRange{arith::AddFOp::create(nb, l, args.back(), args[0])});
          })
          .getResult(0);
  return tensor::InsertSliceOp::create(b, loc, phase, init, offsets, sizes,
                                       strides);
}

/// The output's initial value: the bias broadcast along f, else zero.
Value biasOrZero(OpBuilder &b, Location loc, RankedTensorType resTy,
                 Value bias) {
  if (!bias) {
    return filledTensor(b, loc, resTy, {}, 0.0);
  }
  MLIRContext *ctx = b.getContext();
  Value empty =
      tensor::EmptyOp::create(b, loc, resTy.getShape(), resTy.getElementType());
  return linalg::GenericOp::create(
             b, loc, TypeRange{resTy}, ValueRange{bias}, ValueRange{empty},
             SmallVector<AffineMap>{
                 AffineMap::get(4, 0, {getAffineDimExpr(1, ctx)}, ctx),
                 AffineMap::getMultiDimIdentityMap(4, ctx)},
             SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
             [](OpBuilder &nb, Location l, ValueRange args) {
               linalg::YieldOp::create(nb, l, args[0]);
             })
      .getResult(0);
}

/// The shapes of one conv_transpose and its phases.
struct Geometry {
  int64_t n = 0, c = 0, h = 0, w = 0, f = 0, kh = 0, kw = 0, sh = 1, sw = 1;
  SmallVector<AxisPhase> hPhases, wPhases;
  /// Pads of x such that every phase's window [a, a + M + T - 1) is inside.
  int64_t low[2] = {0, 0}, high[2] = {0, 0};
  int64_t paddedH() const { return h + low[0] + high[0]; }
  int64_t paddedW() const { return w + low[1] + high[1]; }
};

/// The weight W [C, F, KH, KW] as [F*KH*KW, C] (constant: at compile time).
Value transposedWeight(OpBuilder &b, Location loc, Value w,
                       std::optional<ArrayRef<float>> values,
                       const Geometry &g) {
  int64_t taps = g.f * g.kh * g.kw;
  auto type = RankedTensorType::get({taps, g.c}, b.getF32Type());
  if (values) {
    SmallVector<float> out(taps * g.c);
    for (int64_t ci = 0; ci < g.c; ++ci) {
      for (int64_t t = 0; t < taps; ++t) {
        out[t * g.c + ci] = (*values)[ci * taps + t];
      }
    }
    return createF32Constant(b, loc, type, out);
  }
  MLIRContext *ctx = b.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  return copyCollapsed(b, loc, w, {g.f, g.kh, g.kw, g.c},
                       {d(3), d(0), d(1), d(2)}, {{0, 1, 2}, {3}});
}

/// im2col per phase: cols[(c, uh, uw), (n, mh, mw)] of the padded input and
/// Y[f, (n, mh, mw)] = Wp[f, (c, uh, uw)] * cols, added into the phase's
/// output slice. Copies C*KH*KW*N*H*W columns in all.
Value emitIm2colPhases(OpBuilder &b, Location loc, const Geometry &g,
                       Value padded, Value w,
                       std::optional<ArrayRef<float>> weights, Value out) {
  MLIRContext *ctx = b.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  for (const AxisPhase &ph : g.hPhases) {
    for (const AxisPhase &pw : g.wPhases) {
      if (!ph.reads(g.h) || !pw.reads(g.w)) {
        continue; // the bias (or zero) already there
      }
      int64_t th = ph.taps, tw = pw.taps, mh = ph.count, mw = pw.count;
      // Loops (c, uh, uw, n, mh, mw).
      Value cols =
          copyCollapsed(b, loc, padded, {g.c, th, tw, g.n, mh, mw},
                        {d(3), d(0), d(4) + d(1) + (ph.inStart + g.low[0]),
                         d(5) + d(2) + (pw.inStart + g.low[1])},
                        {{0, 1, 2}, {3, 4, 5}});
      Value kernel = phaseKernel(b, loc, w, weights, ph, pw, g.sh, g.sw, false);
      // prod[f, j] = sum_k kernel[f, k] * cols[k, j]; loops f, j, k.
      auto prodTy = RankedTensorType::get({g.f, g.n * mh * mw}, b.getF32Type());
      Value prod = matmul(b, loc, kernel, cols, prodTy);
      // Loops (n, f, mh, mw); prod's columns are (n, mh, mw) row-major.
      out = addToSlice(b, loc, out, prod, ph, pw, g.sh, g.sw, /*taps=*/false,
                       {d(1), d(0) * (mh * mw) + d(2) * mw + d(3)});
    }
  }
  return out;
}

/// One contraction for all taps, then per phase a sum of shifted reads:
/// P[(f, kh, kw), (n, hp, wp)] = W^T[(f, kh, kw), c] * x_padded[c, (n, hp,
/// wp)] (the zero border of x gives zero columns, so the shifted reads need
/// no bounds checks), and y at phase (ph, pw) adds P[(f, r_h(uh), r_w(uw)),
/// (n, mh + uh + ., mw + uw + .)] over its taps. The columns are
/// F*KH*KW*N*HP*WP: fewer than im2col's when F*HP*WP < C*H*W.
Value emitCol2imPhases(OpBuilder &b, Location loc, const Geometry &g,
                       Value padded, Value w,
                       std::optional<ArrayRef<float>> weights, Value out) {
  MLIRContext *ctx = b.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  int64_t hp = g.paddedH(), wp = g.paddedW();
  // xT[c, (n, hp, wp)]: loops (c, n, hp, wp); zero columns up to a
  // multiple of 32, the micro-kernel's tile width (a narrower remainder
  // runs in 8-wide vectors).
  Value xT = copyCollapsed(b, loc, padded, {g.c, g.n, hp, wp},
                           {d(1), d(0), d(2), d(3)}, {{0}, {1, 2, 3}});
  int64_t cols = g.n * hp * wp, paddedCols = (cols + 31) / 32 * 32;
  if (paddedCols != cols) {
    auto wideTy = RankedTensorType::get({g.c, paddedCols}, b.getF32Type());
    xT = tensor::InsertSliceOp::create(
        b, loc, xT, filledTensor(b, loc, wideTy, {}, 0.0),
        SmallVector<OpFoldResult>{b.getIndexAttr(0), b.getIndexAttr(0)},
        SmallVector<OpFoldResult>{b.getIndexAttr(g.c), b.getIndexAttr(cols)},
        SmallVector<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)});
  }
  auto prodTy =
      RankedTensorType::get({g.f * g.kh * g.kw, paddedCols}, b.getF32Type());
  Value prod =
      matmul(b, loc, transposedWeight(b, loc, w, weights, g), xT, prodTy);
  for (const AxisPhase &ph : g.hPhases) {
    for (const AxisPhase &pw : g.wPhases) {
      if (!ph.reads(g.h) || !pw.reads(g.w)) {
        continue;
      }
      // Loops (n, f, mh, mw, uh, uw); tap r = phi + s*(T - 1 - u).
      AffineExpr rh = ph.phase + g.sh * (ph.taps - 1) - d(4) * g.sh;
      AffineExpr rw = pw.phase + g.sw * (pw.taps - 1) - d(5) * g.sw;
      AffineExpr ih = d(2) + d(4) + (ph.inStart + g.low[0]);
      AffineExpr iw = d(3) + d(5) + (pw.inStart + g.low[1]);
      out = addToSlice(
          b, loc, out, prod, ph, pw, g.sh, g.sw, /*taps=*/true,
          {(d(1) * g.kh + rh) * g.kw + rw, (d(0) * hp + ih) * wp + iw});
    }
  }
  return out;
}

/// As emitIm2colPhases with the product transposed: Y^T[(n, mh, mw), f] =
/// cols^T[(n, mh, mw), (uh, uw, c)] * Wp^T[(uh, uw, c), f]. The columns are
/// the micro-kernel's A operand, read in place; the constant kernel is its B
/// operand, packed at compile time.
Value emitIm2colPhasesT(OpBuilder &b, Location loc, const Geometry &g,
                        Value padded, Value w,
                        std::optional<ArrayRef<float>> weights, Value out) {
  MLIRContext *ctx = b.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  // x in NHWC once, so that each row of columns is T*T contiguous runs of
  // C channels (vector copies; from NCHW they were gathers).
  Value nhwc =
      copyCollapsed(b, loc, padded, {g.n, g.paddedH(), g.paddedW(), g.c},
                    {d(0), d(3), d(1), d(2)}, {{0}, {1}, {2}, {3}});
  for (const AxisPhase &ph : g.hPhases) {
    for (const AxisPhase &pw : g.wPhases) {
      if (!ph.reads(g.h) || !pw.reads(g.w)) {
        continue;
      }
      int64_t th = ph.taps, tw = pw.taps, mh = ph.count, mw = pw.count;
      // cols[(n, mh, mw), (uh, uw, c)]: loops (n, mh, mw, uh, uw, c).
      Value cols = copyCollapsed(b, loc, nhwc, {g.n, mh, mw, th, tw, g.c},
                                 {d(0), d(1) + d(3) + (ph.inStart + g.low[0]),
                                  d(2) + d(4) + (pw.inStart + g.low[1]), d(5)},
                                 {{0, 1, 2}, {3, 4, 5}});
      Value kernel = phaseKernel(b, loc, w, weights, ph, pw, g.sh, g.sw, true);
      auto prodTy = RankedTensorType::get({g.n * mh * mw, g.f}, b.getF32Type());
      Value prod = matmul(b, loc, cols, kernel, prodTy);
      out = addToSlice(b, loc, out, prod, ph, pw, g.sh, g.sw, /*taps=*/false,
                       {d(0) * (mh * mw) + d(2) * mw + d(3), d(1)});
    }
  }
  return out;
}

/// As emitCol2imPhases with the product transposed: P^T[(n, hp, wp), (f,
/// kh, kw)] = x_padded^T[(n, hp, wp), c] * W[c, (f, kh, kw)], W the
/// micro-kernel's B operand (a constant: packed at compile time, its
/// columns padded with zeros to a multiple of 16, one vector: a DCGAN
/// output layer's 3*4*4 = 48 ran 12% faster than padded to 64).
Value emitCol2imPhasesT(OpBuilder &b, Location loc, const Geometry &g,
                        Value padded, Value w,
                        std::optional<ArrayRef<float>> weights, Value out) {
  MLIRContext *ctx = b.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  Type f32 = b.getF32Type();
  int64_t hp = g.paddedH(), wp = g.paddedW();
  int64_t taps = g.f * g.kh * g.kw;
  // xT[(n, hp, wp), c]: loops (n, hp, wp, c).
  Value xT = copyCollapsed(b, loc, padded, {g.n, hp, wp, g.c},
                           {d(0), d(3), d(1), d(2)}, {{0, 1, 2}, {3}});
  int64_t width = taps;
  Value wm;
  if (weights) {
    width = (taps + 15) / 16 * 16;
    SmallVector<float> values(g.c * width, 0.0f);
    for (int64_t ci = 0; ci < g.c; ++ci) {
      for (int64_t t = 0; t < taps; ++t) {
        values[ci * width + t] = (*weights)[ci * taps + t];
      }
    }
    wm = createF32Constant(b, loc, RankedTensorType::get({g.c, width}, f32),
                           values);
  } else {
    wm = tensor::CollapseShapeOp::create(
        b, loc, RankedTensorType::get({g.c, taps}, f32), w,
        SmallVector<ReassociationIndices>{{0}, {1, 2, 3}});
  }
  Value prod = matmul(b, loc, xT, wm,
                      RankedTensorType::get({g.n * hp * wp, width}, f32));
  for (const AxisPhase &ph : g.hPhases) {
    for (const AxisPhase &pw : g.wPhases) {
      if (!ph.reads(g.h) || !pw.reads(g.w)) {
        continue;
      }
      // Loops (n, f, mh, mw, uh, uw); tap r = phi + s*(T - 1 - u).
      AffineExpr rh = ph.phase + g.sh * (ph.taps - 1) - d(4) * g.sh;
      AffineExpr rw = pw.phase + g.sw * (pw.taps - 1) - d(5) * g.sw;
      AffineExpr ih = d(2) + d(4) + (ph.inStart + g.low[0]);
      AffineExpr iw = d(3) + d(5) + (pw.inStart + g.low[1]);
      out = addToSlice(
          b, loc, out, prod, ph, pw, g.sh, g.sw, /*taps=*/true,
          {(d(0) * hp + ih) * wp + iw, (d(1) * g.kh + rh) * g.kw + rw});
    }
  }
  return out;
}

/// A 1x1 input whose every output is reached by one tap (o + pad < K): y[n,
/// f, oh, ow] = P[n, (f, oh + pad_h, ow + pad_w)] with P = x[n, c] *
/// W[c, (f, kh, kw)], one matmul (the first layer of a DCGAN generator).
Value emitSingleTap(OpBuilder &b, Location loc, const Geometry &g,
                    ArrayRef<int64_t> pads, ArrayRef<int64_t> outShape, Value x,
                    Value w, std::optional<ArrayRef<float>> weights,
                    Value out) {
  MLIRContext *ctx = b.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  Type f32 = b.getF32Type();
  int64_t taps = g.f * g.kh * g.kw;
  Value xm = tensor::CollapseShapeOp::create(
      b, loc, RankedTensorType::get({g.n, g.c}, f32), x,
      SmallVector<ReassociationIndices>{{0}, {1, 2, 3}});
  auto wmTy = RankedTensorType::get({g.c, taps}, f32);
  Value wm = weights ? createF32Constant(b, loc, wmTy, *weights)
                     : tensor::CollapseShapeOp::create(
                           b, loc, wmTy, w,
                           SmallVector<ReassociationIndices>{{0}, {1, 2, 3}})
                           .getResult();
  Value prod = matmul(b, loc, xm, wm, RankedTensorType::get({g.n, taps}, f32));
  AxisPhase all[2];
  for (int64_t i = 0; i < 2; ++i) {
    all[i].count = outShape[2 + i];
  }
  return addToSlice(
      b, loc, out, prod, all[0], all[1], 1, 1, /*taps=*/false,
      {d(0), (d(1) * g.kh + d(2) + pads[0]) * g.kw + d(3) + pads[1]});
}

} // namespace

LogicalResult nn::rewriteConvTransposeAsPhases(RewriterBase &rewriter,
                                               ConvTransposeOp op) {
  Value x = op.getInput(), w = op.getWeight(), bias = op.getBias();
  auto xTy = dyn_cast<RankedTensorType>(x.getType());
  auto wTy = dyn_cast<RankedTensorType>(w.getType());
  auto resTy = dyn_cast<RankedTensorType>(op.getType());
  auto isStatic4DF32 = [](RankedTensorType t) {
    return t && t.getRank() == 4 && t.hasStaticShape() &&
           t.getElementType().isF32();
  };
  if (op.getGroup() != 1 || !isStatic4DF32(xTy) || !isStatic4DF32(wTy) ||
      !isStatic4DF32(resTy) ||
      (bias && !cast<RankedTensorType>(bias.getType()).hasStaticShape())) {
    return failure();
  }
  SmallVector<int64_t> strides = attrOr(op.getStrides(), 2, 1);
  SmallVector<int64_t> dilations = attrOr(op.getDilations(), 2, 1);
  SmallVector<int64_t> pads = attrOr(op.getPads(), 4, 0);
  if (dilations[0] != 1 || dilations[1] != 1) {
    return failure(); // taps of a phase would not be contiguous
  }
  ArrayRef<int64_t> xs = xTy.getShape(), ws = wTy.getShape(),
                    os = resTy.getShape();
  Geometry g;
  g.n = xs[0], g.c = xs[1], g.h = xs[2], g.w = xs[3];
  g.f = ws[1], g.kh = ws[2], g.kw = ws[3];
  g.sh = strides[0], g.sw = strides[1];
  g.hPhases = axisPhases(g.kh, g.sh, pads[0], os[2]);
  g.wPhases = axisPhases(g.kw, g.sw, pads[1], os[3]);
  for (int64_t i = 0; i < 2; ++i) {
    for (const AxisPhase &a : i == 0 ? g.hPhases : g.wPhases) {
      if (!a.reads(xs[2 + i])) {
        continue; // these outputs are the bias
      }
      g.low[i] = std::max(g.low[i], -a.inStart);
      g.high[i] =
          std::max(g.high[i], a.inStart + a.count + a.taps - 1 - xs[2 + i]);
    }
  }
  if (failed(setInsertionPointOutsideGroups(rewriter, op))) {
    return failure();
  }
  Location loc = op.getLoc();
  std::optional<SmallVector<float>> weights = readF32Constant(w);
  std::optional<ArrayRef<float>> weightValues;
  if (weights) {
    weightValues = ArrayRef<float>(*weights);
  }
  Value out = biasOrZero(rewriter, loc, resTy, bias);
  if (g.h == 1 && g.w == 1 && os[2] + pads[0] <= g.kh &&
      os[3] + pads[1] <= g.kw) {
    out = emitSingleTap(rewriter, loc, g, pads, os, x, w, weightValues, out);
  } else {
    Value padded = x;
    if (g.low[0] || g.low[1] || g.high[0] || g.high[1]) {
      SmallVector<int64_t> ones(2, 1);
      padded = embedSpatial(rewriter, loc, x, {g.low[0], g.low[1]},
                            {g.high[0], g.high[1]}, ones, 0.0);
    }
    // The strategy with fewer columns to write and read back.
    // col2im when its columns (F*KH*KW per padded pixel) are well below
    // im2col's (C*KH*KW per pixel): few output channels, as in an image
    // generator's last layer; transposed (the columns as the micro-kernel's
    // A operand, read in place, the weights as its B, packed at compile
    // time) when it spans more than 256 pixels, as wider B operands are
    // repacked by the tiler at every call. im2col is transposed (channels
    // innermost, vector copies) unless F is too narrow for the
    // micro-kernel's 16-wide rows.
    int64_t paddedHw = g.n * g.paddedH() * g.paddedW();
    if (2 * g.f * g.paddedH() * g.paddedW() < g.c * g.h * g.w) {
      out = paddedHw > 256 ? emitCol2imPhasesT(rewriter, loc, g, padded, w,
                                               weightValues, out)
                           : emitCol2imPhases(rewriter, loc, g, padded, w,
                                              weightValues, out);
    } else {
      out = g.f >= 16 ? emitIm2colPhasesT(rewriter, loc, g, padded, w,
                                          weightValues, out)
                      : emitIm2colPhases(rewriter, loc, g, padded, w,
                                         weightValues, out);
    }
  }
  // Inside a fusion group the epilogue stays there, reading `out`.
  rewriter.replaceOp(op, out);
  return success();
}
