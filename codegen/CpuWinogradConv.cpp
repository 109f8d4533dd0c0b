//===- CpuWinogradConv.cpp - Winograd F(m x m, 3 x 3) convolutions --------===//
//
// See CpuWinogradConvPass in Passes.td. In: linalg.conv_2d_nchw_fchw on
// tensors (static f32, 3x3 constant filter, stride 1, dilation 1, input
// already padded). Out: the same result computed by Winograd's minimal
// filtering algorithm (Lavin & Gray, "Fast Algorithms for Convolutional
// Neural Networks"): per m x m output tile Y = AT [U (.) V] A with
// U = G g GT (the filter, transformed at compile time in double precision)
// and V = BT d B (the (m+2)^2 input patch d), where the sum over input
// channels turns the elementwise product into (m+2)^2 independent GEMMs
//   M[ab, f, t] = sum_c U[ab, f, c] * V[ab, c, t]   (t = image, tile row/col),
// which nn-cpu-tile-contractions (run next) turns into its FMA micro-kernel.
// m = 4 needs 36 GEMMs of C*F*T (T = N*OH*OW/16), 4x fewer multiplies than
// the direct or im2col convolution (2.25x for m = 2). The transforms are
// linalg.generic ops, each two separable 1-D stages whose innermost loop is
// a contiguous row (LLVM vectorizes it) and whose 6-tap sums are unrolled.
//
//===----------------------------------------------------------------------===//

#include "codegen/ContractionOperands.h"
#include "codegen/Passes.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/DialectResourceBlobManager.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_CPUWINOGRADCONVPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {

/// The transform matrices of F(m x m, 3 x 3) (row-major): BT is alpha x
/// alpha, G alpha x 3, AT m x alpha, alpha = m + 2. Interpolation points 0,
/// +-1, +-2, inf (m = 4) and 0, +-1, inf (m = 2).
struct WinogradMatrices {
  int64_t m, alpha;
  const double *bt, *g, *at;
};

constexpr double kBT4[] = {4, 0, -5, 0,  1, 0, 0, -4, -4, 1,  1, 0,
                           0, 4, -4, -1, 1, 0, 0, -2, -1, 2,  1, 0,
                           0, 2, -1, -2, 1, 0, 0, 4,  0,  -5, 0, 1};
constexpr double kG4[] = {1.0 / 4,  0,        0,        -1.0 / 6,  -1.0 / 6,
                          -1.0 / 6, -1.0 / 6, 1.0 / 6,  -1.0 / 6,  1.0 / 24,
                          1.0 / 12, 1.0 / 6,  1.0 / 24, -1.0 / 12, 1.0 / 6,
                          0,        0,        1};
constexpr double kAT4[] = {1, 1, 1, 1, 1, 0, 0, 1, -1, 2, -2, 0,
                           0, 1, 1, 4, 4, 0, 0, 1, -1, 8, -8, 1};
constexpr double kBT2[] = {1, 0, -1, 0, 0, 1, 1, 0, 0, -1, 1, 0, 0, 1, 0, -1};
constexpr double kG2[] = {1, 0, 0, 0.5, 0.5, 0.5, 0.5, -0.5, 0.5, 0, 0, 1};
constexpr double kAT2[] = {1, 1, 1, 0, 0, 1, -1, -1};

WinogradMatrices matrices(int64_t m) {
  if (m == 4) {
    return {4, 6, kBT4, kG4, kAT4};
  }
  return {2, 4, kBT2, kG2, kAT2};
}

/// U[a * alpha + b, f, c] = (G g[f, c] GT)[a, b] for the [F, C, 3, 3] filter
/// bytes `filter`, computed in double precision, as a resource constant.
Value transformFilter(OpBuilder &b, Location loc, const WinogradMatrices &w,
                      ArrayRef<char> filter, int64_t f, int64_t c) {
  int64_t alpha = w.alpha, planes = alpha * alpha;
  auto type = RankedTensorType::get({planes, f, c}, b.getF32Type());
  size_t bytes = size_t(planes * f * c) * sizeof(float);
  AsmResourceBlob blob = HeapAsmResourceBlob::allocate(bytes, alignof(float),
                                                       /*dataIsMutable=*/true);
  float *dst = reinterpret_cast<float *>(blob.getMutableData().data());
  const float *src = reinterpret_cast<const float *>(filter.data());
  for (int64_t fi = 0; fi < f; ++fi) {
    for (int64_t ci = 0; ci < c; ++ci) {
      const float *g = src + (fi * c + ci) * 9;
      double gg[6][3]; // G g
      for (int64_t a = 0; a < alpha; ++a) {
        for (int64_t j = 0; j < 3; ++j) {
          gg[a][j] = 0;
          for (int64_t k = 0; k < 3; ++k) {
            gg[a][j] += w.g[a * 3 + k] * double(g[k * 3 + j]);
          }
        }
      }
      for (int64_t a = 0; a < alpha; ++a) {
        for (int64_t bb = 0; bb < alpha; ++bb) {
          double u = 0;
          for (int64_t k = 0; k < 3; ++k) {
            u += gg[a][k] * w.g[bb * 3 + k];
          }
          dst[((a * alpha + bb) * f + fi) * c + ci] = float(u);
        }
      }
    }
  }
  auto attr =
      DenseResourceElementsAttr::get(type, "winograd_filter", std::move(blob));
  return arith::ConstantOp::create(b, loc, attr);
}

/// A small f32 constant tensor of `rows` x `cols` coefficients.
Value coefficients(OpBuilder &b, Location loc, const double *values,
                   int64_t rows, int64_t cols) {
  auto type = RankedTensorType::get({rows, cols}, b.getF32Type());
  SmallVector<float> data(values, values + rows * cols);
  return arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(type, ArrayRef<float>(data)));
}

/// One separable stage: out[loops] (+)= sum_i coef[i] * in_i, with
/// `taps` reads of `source` (maps `inMaps`) and their coefficients read from
/// `coef` (maps `coefMaps`); `accumulate` adds the output's initial value.
Value stage(OpBuilder &b, Location loc, Value source, Value coef, Value init,
            ArrayRef<AffineMap> inMaps, ArrayRef<AffineMap> coefMaps,
            AffineMap outMap, bool accumulate) {
  int64_t taps = inMaps.size();
  SmallVector<Value> inputs(taps, source);
  inputs.append(taps, coef);
  SmallVector<AffineMap> maps(inMaps);
  maps.append(coefMaps.begin(), coefMaps.end());
  maps.push_back(outMap);
  SmallVector<utils::IteratorType> iters(outMap.getNumDims(),
                                         utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, inputs, ValueRange{init}, maps,
             iters,
             [&](OpBuilder &nb, Location l, ValueRange args) {
               Value sum = accumulate ? args.back()
                                      : arith::MulFOp::create(nb, l, args[0],
                                                              args[taps])
                                            .getResult();
               for (int64_t i = accumulate ? 0 : 1; i < taps; ++i) {
                 sum = math::FmaOp::create(nb, l, args[i], args[taps + i], sum);
               }
               linalg::YieldOp::create(nb, l, sum);
             })
      .getResult(0);
}

struct CpuWinogradConvPass
    : nn::impl::CpuWinogradConvPassBase<CpuWinogradConvPass> {
  using CpuWinogradConvPassBase::CpuWinogradConvPassBase;

  /// The output tile size m for `conv` (4 or 2), or 0 if it does not apply.
  int64_t chooseTile(linalg::Conv2DNchwFchwOp conv) {
    auto xt = dyn_cast<RankedTensorType>(conv.getInputs()[0].getType());
    auto wt = dyn_cast<RankedTensorType>(conv.getInputs()[1].getType());
    auto ot = dyn_cast<RankedTensorType>(conv.getOutputs()[0].getType());
    if (!conv.hasPureTensorSemantics() || !xt || !wt || !ot ||
        !xt.hasStaticShape() || !wt.hasStaticShape() || !ot.hasStaticShape() ||
        !xt.getElementType().isF32() || !wt.getElementType().isF32() ||
        !ot.getElementType().isF32() || wt.getDimSize(2) != 3 ||
        wt.getDimSize(3) != 3) {
      return 0;
    }
    auto ones = [](DenseIntElementsAttr attr) {
      return llvm::all_of(attr.getValues<int64_t>(),
                          [](int64_t v) { return v == 1; });
    };
    if (!ones(conv.getStrides()) || !ones(conv.getDilations())) {
      return 0;
    }
    int64_t f = wt.getDimSize(0), c = wt.getDimSize(1);
    int64_t oh = ot.getDimSize(2), ow = ot.getDimSize(3);
    std::optional<ArrayRef<char>> bytes =
        nn::constantBytes(conv.getInputs()[1]);
    if (!bytes || bytes->size() != size_t(f * c * 9) * sizeof(float) ||
        c < minChannels || f < minChannels ||
        oh * ow * ot.getDimSize(0) < minPixels) {
      return 0;
    }
    if (forceTile != 0) {
      int64_t m = forceTile;
      return (m == 2 || m == 4) && oh % m == 0 && ow % m == 0 ? m : 0;
    }
    if (oh % 4 == 0 && ow % 4 == 0) {
      return 4;
    }
    return oh % 2 == 0 && ow % 2 == 0 ? 2 : 0;
  }

  void rewrite(OpBuilder &b, linalg::Conv2DNchwFchwOp conv, int64_t tile) {
    WinogradMatrices w = matrices(tile);
    Value x = conv.getInputs()[0], filter = conv.getInputs()[1];
    Value init = conv.getOutputs()[0];
    auto xt = cast<RankedTensorType>(x.getType());
    auto ot = cast<RankedTensorType>(init.getType());
    int64_t n = ot.getDimSize(0), f = ot.getDimSize(1), oh = ot.getDimSize(2),
            ow = ot.getDimSize(3), c = xt.getDimSize(1), wp = xt.getDimSize(3);
    int64_t m = w.m, alpha = w.alpha, th = oh / m, tw = ow / m;
    int64_t tiles = n * th * tw;
    MLIRContext *ctx = b.getContext();
    Location loc = conv.getLoc();
    Type f32 = b.getF32Type();
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    auto k = [&](int64_t v) { return getAffineConstantExpr(v, ctx); };
    auto map = [&](unsigned dims, ArrayRef<AffineExpr> exprs) {
      return AffineMap::get(dims, 0, exprs, ctx);
    };
    auto empty = [&](ArrayRef<int64_t> shape) -> Value {
      return tensor::EmptyOp::create(b, loc, shape, f32);
    };
    b.setInsertionPoint(conv);
    Value u = transformFilter(b, loc, w, *nn::constantBytes(filter), f, c);
    Value bt = coefficients(b, loc, w.bt, alpha, alpha);
    Value at = coefficients(b, loc, w.at, m, alpha);

    // Input transform, rows: r[n, c, ty, a, col] = sum_i BT[a, i] *
    // x[n, c, ty*m + i, col]; loops (n, c, ty, col, a), col contiguous.
    SmallVector<AffineMap> inMaps, coefMaps;
    for (int64_t i = 0; i < alpha; ++i) {
      inMaps.push_back(map(5, {d(0), d(1), d(2) * m + i, d(3)}));
      coefMaps.push_back(map(5, {d(4), k(i)}));
    }
    Value rows = stage(b, loc, x, bt, empty({n, c, th, alpha, wp}), inMaps,
                       coefMaps, map(5, {d(0), d(1), d(2), d(4), d(3)}),
                       /*accumulate=*/false);
    // Columns: v[a, b, c, n, ty, tx] = sum_j BT[b, j] * r[n, c, ty, a,
    // tx*m + j]; loops (a, c, n, ty, tx, b), tx contiguous in v.
    inMaps.clear();
    coefMaps.clear();
    for (int64_t j = 0; j < alpha; ++j) {
      inMaps.push_back(map(6, {d(2), d(1), d(3), d(0), d(4) * m + j}));
      coefMaps.push_back(map(6, {d(5), k(j)}));
    }
    Value v6 =
        stage(b, loc, rows, bt, empty({alpha, alpha, c, n, th, tw}), inMaps,
              coefMaps, map(6, {d(0), d(5), d(1), d(2), d(3), d(4)}),
              /*accumulate=*/false);
    Value v = tensor::CollapseShapeOp::create(
        b, loc, RankedTensorType::get({alpha * alpha, c, tiles}, f32), v6,
        SmallVector<ReassociationIndices>{{0, 1}, {2}, {3, 4, 5}});

    // The alpha^2 GEMMs: prod[ab, f, t] = sum_c U[ab, f, c] * v[ab, c, t].
    auto prodType = RankedTensorType::get({alpha * alpha, f, tiles}, f32);
    Value zero = arith::ConstantOp::create(b, loc, b.getF32FloatAttr(0.0f));
    Value acc = linalg::FillOp::create(b, loc, ValueRange{zero},
                                       ValueRange{empty(prodType.getShape())})
                    .getResult(0);
    Value prod =
        linalg::BatchMatmulOp::create(b, loc, TypeRange{prodType},
                                      ValueRange{u, v}, ValueRange{acc})
            .getResult(0);
    Value prod6 = tensor::ExpandShapeOp::create(
        b, loc, RankedTensorType::get({alpha, alpha, f, n, th, tw}, f32), prod,
        SmallVector<ReassociationIndices>{{0, 1}, {2}, {3, 4, 5}});

    // Output transform, rows: s[i, b, f, n, ty, tx] = sum_a AT[i, a] *
    // prod[a, b, f, n, ty, tx]; loops (b, f, n, ty, tx, i).
    inMaps.clear();
    coefMaps.clear();
    for (int64_t a = 0; a < alpha; ++a) {
      inMaps.push_back(map(6, {k(a), d(0), d(1), d(2), d(3), d(4)}));
      coefMaps.push_back(map(6, {d(5), k(a)}));
    }
    Value s = stage(b, loc, prod6, at, empty({m, alpha, f, n, th, tw}), inMaps,
                    coefMaps, map(6, {d(5), d(0), d(1), d(2), d(3), d(4)}),
                    /*accumulate=*/false);
    // Columns, added to the conv's init (bias or zeros): y[n, f, ty, i, tx,
    // j] += sum_b AT[j, b] * s[i, b, f, n, ty, tx]; loops (n, f, ty, i, tx,
    // j), y[n, f, ty*m + i, tx*m + j] as a 6-D view.
    SmallVector<ReassociationIndices> outGroups = {{0}, {1}, {2, 3}, {4, 5}};
    Value y6 = tensor::ExpandShapeOp::create(
        b, loc, RankedTensorType::get({n, f, th, m, tw, m}, f32), init,
        outGroups);
    inMaps.clear();
    coefMaps.clear();
    for (int64_t j = 0; j < alpha; ++j) {
      inMaps.push_back(map(6, {d(3), k(j), d(1), d(0), d(2), d(4)}));
      coefMaps.push_back(map(6, {d(5), k(j)}));
    }
    Value y = stage(b, loc, s, at, y6, inMaps, coefMaps,
                    AffineMap::getMultiDimIdentityMap(6, ctx),
                    /*accumulate=*/true);
    Value result = tensor::CollapseShapeOp::create(b, loc, ot, y, outGroups);
    conv->getResult(0).replaceAllUsesWith(result);
    conv->erase();
  }

  void runOnOperation() override {
    SmallVector<std::pair<linalg::Conv2DNchwFchwOp, int64_t>> convs;
    getOperation().walk([&](linalg::Conv2DNchwFchwOp conv) {
      if (int64_t m = chooseTile(conv)) {
        convs.push_back({conv, m});
      }
    });
    OpBuilder b(&getContext());
    for (auto [conv, m] : convs) {
      rewrite(b, conv, m);
    }
  }
};

} // namespace
