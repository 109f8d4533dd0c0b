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
#include "codegen/InitIntoTiles.h"
#include "codegen/Passes.h"
#include "codegen/PlaneLoop.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/DialectResourceBlobManager.h"

#include <numeric>

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

/// Static geometry of one rewritten conv: output tile m, alpha = m + 2,
/// TH x TW tiles per image, and W tiles per vector (a divisor of TW).
struct Geometry {
  int64_t n, c, f, hp, wp, oh, ow, th, tw, vw;
  int64_t tiles; // N*TH*TW, padded with zero columns (see rewrite)
  WinogradMatrices w;
};

Value index(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

/// sum_k coef[k * stride] * vals[k], with compile-time coefficients: zero
/// terms are skipped and +-1 are an add or a subtract.
Value combine(OpBuilder &b, Location loc, const double *coef, int64_t stride,
              ArrayRef<Value> vals) {
  auto type = cast<VectorType>(vals[0].getType());
  Value sum;
  for (auto [k, v] : llvm::enumerate(vals)) {
    double c = coef[k * stride];
    if (c == 0) {
      continue;
    }
    if (!sum && c == 1) {
      sum = v;
    } else if (sum && (c == 1 || c == -1)) {
      sum = c == 1 ? arith::AddFOp::create(b, loc, sum, v).getResult()
                   : arith::SubFOp::create(b, loc, sum, v).getResult();
    } else {
      Value cv = arith::ConstantOp::create(
          b, loc, DenseElementsAttr::get(type, b.getF32FloatAttr(float(c))));
      sum = sum ? vector::FMAOp::create(b, loc, v, cv, sum).getResult()
                : arith::MulFOp::create(b, loc, v, cv).getResult();
    }
  }
  if (!sum) {
    sum = arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(type, b.getF32FloatAttr(0.0f)));
  }
  return sum;
}

/// One row of a transform matrix (`coef`, one coefficient per row of
/// `grid`) applied down every column of `grid`: result j is
/// sum_i coef[i] * grid[i][j].
SmallVector<Value> combineColumns(OpBuilder &b, Location loc,
                                  const double *coef,
                                  ArrayRef<SmallVector<Value>> grid) {
  SmallVector<Value> out;
  for (size_t j = 0; j < grid[0].size(); ++j) {
    SmallVector<Value> column;
    for (const SmallVector<Value> &row : grid) {
      column.push_back(row[j]);
    }
    out.push_back(combine(b, loc, coef, 1, column));
  }
  return out;
}

/// Input transform: v[a, b, c, t] = (BT d B)[a, b] for tile t = (n, ty, tx),
/// input patch d = x[n, c, ty*m .. +alpha, tx*m .. +alpha]. One scf.forall task
/// per (image, channel) plane; per tile row and block of W tiles, each of
/// the alpha input rows is read once (m*W + 2 floats) and split into its
/// alpha taps by shuffles (lane t of tap j = column m*t + j).
Value transformInput(OpBuilder &rewriter, Location loc, const Geometry &g,
                     Value x) {
  const WinogradMatrices &w = g.w;
  int64_t alpha = w.alpha, m = w.m;
  Type f32 = rewriter.getF32Type();
  Value init = tensor::EmptyOp::create(
      rewriter, loc, ArrayRef<int64_t>{alpha, alpha, g.c, g.tiles}, f32);
  int64_t imageTiles = g.th * g.tw, used = g.n * imageTiles;
  if (g.tiles != used) {
    // Zero columns past the last tile: their products are never read, but
    // must not be NaNs from stale memory either.
    Value zeroPad = tensor::EmptyOp::create(
        rewriter, loc, ArrayRef<int64_t>{alpha, alpha, g.c, g.tiles - used},
        f32);
    Value zero = arith::ConstantOp::create(rewriter, loc,
                                           rewriter.getF32FloatAttr(0.0f));
    zeroPad = linalg::FillOp::create(rewriter, loc, ValueRange{zero},
                                     ValueRange{zeroPad})
                  .getResult(0);
    auto idx = [&](int64_t v) { return rewriter.getIndexAttr(v); };
    init = tensor::InsertSliceOp::create(
        rewriter, loc, zeroPad, init,
        ArrayRef<OpFoldResult>{idx(0), idx(0), idx(0), idx(used)},
        ArrayRef<OpFoldResult>{idx(alpha), idx(alpha), idx(g.c),
                               idx(g.tiles - used)},
        SmallVector<OpFoldResult>(4, idx(1)));
  }
  auto forall = nn::createPlaneLoop(rewriter, loc, g.n, g.c, init);
  OpBuilder b = OpBuilder::atBlockTerminator(forall.getBody());
  Value n = forall.getInductionVar(0), c = forall.getInductionVar(1);
  Value shared = forall.getRegionIterArgs()[0];
  auto one = b.getIndexAttr(1), zero = b.getIndexAttr(0);
  auto size = [&](int64_t v) { return b.getIndexAttr(v); };
  Value in = tensor::ExtractSliceOp::create(
      b, loc, RankedTensorType::get({g.hp, g.wp}, f32), x,
      ArrayRef<OpFoldResult>{n, c, zero, zero},
      ArrayRef<OpFoldResult>{one, one, size(g.hp), size(g.wp)},
      SmallVector<OpFoldResult>(4, one));
  Value firstTile = arith::MulIOp::create(b, loc, n, index(b, loc, imageTiles));
  SmallVector<OpFoldResult> outOffsets = {zero, zero, c, firstTile};
  SmallVector<OpFoldResult> outSizes = {size(alpha), size(alpha), one,
                                        size(imageTiles)};
  SmallVector<OpFoldResult> unit(4, one);
  Value out = tensor::ExtractSliceOp::create(
      b, loc, RankedTensorType::get({alpha, alpha, imageTiles}, f32), shared,
      outOffsets, outSizes, unit);
  int64_t readLen = m * g.vw + 2;
  auto readTy = VectorType::get({readLen}, f32);
  auto blockTy = VectorType::get({alpha, g.vw}, f32);
  Value pad = arith::ConstantOp::create(b, loc, b.getF32FloatAttr(0.0f));
  Value zeros = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(blockTy, b.getF32FloatAttr(0.0f)));
  auto rows = scf::ForOp::create(
      b, loc, index(b, loc, 0), index(b, loc, g.th), index(b, loc, 1),
      ValueRange{out},
      [&](OpBuilder &rb, Location l, Value ty, ValueRange iter) {
        Value t = iter[0];
        Value row0 = arith::MulIOp::create(rb, l, ty, index(rb, l, m));
        Value rowTiles = arith::MulIOp::create(rb, l, ty, index(rb, l, g.tw));
        for (int64_t tx0 = 0; tx0 < g.tw; tx0 += g.vw) {
          Value tile =
              arith::AddIOp::create(rb, l, rowTiles, index(rb, l, tx0));
          // taps[i][j]: lane t = x[ty*m + i, (tx0 + t)*m + j].
          SmallVector<SmallVector<Value>> taps(alpha);
          for (int64_t i = 0; i < alpha; ++i) {
            Value row = arith::AddIOp::create(rb, l, row0, index(rb, l, i));
            Value line = vector::TransferReadOp::create(
                rb, l, readTy, in, ValueRange{row, index(rb, l, tx0 * m)}, pad,
                ArrayRef<bool>{true});
            for (int64_t j = 0; j < alpha; ++j) {
              SmallVector<int64_t> lanes;
              for (int64_t k = 0; k < g.vw; ++k) {
                lanes.push_back(k * m + j);
              }
              taps[i].push_back(
                  vector::ShuffleOp::create(rb, l, line, line, lanes));
            }
          }
          for (int64_t a = 0; a < alpha; ++a) {
            // BT rows, then BT columns.
            SmallVector<Value> mixed =
                combineColumns(rb, l, w.bt + a * alpha, taps);
            // v[a, 0..alpha, tile..+W] as one 2-D write.
            Value block = zeros;
            for (int64_t bb = 0; bb < alpha; ++bb) {
              Value v = combine(rb, l, w.bt + bb * alpha, 1, mixed);
              block = vector::InsertOp::create(rb, l, v, block,
                                               ArrayRef<int64_t>{bb});
            }
            t = vector::TransferWriteOp::create(
                    rb, l, block, t,
                    ValueRange{index(rb, l, a), index(rb, l, 0), tile},
                    ArrayRef<bool>{true, true})
                    .getResult();
          }
        }
        scf::YieldOp::create(rb, l, t);
      });
  b.setInsertionPointToStart(forall.getTerminator().getBody());
  tensor::ParallelInsertSliceOp::create(b, loc, rows.getResult(0), shared,
                                        outOffsets, outSizes, unit);
  return forall.getResult(0);
}

/// Output transform: y[n, f, ty*m + i, tx*m + j] = init + (AT M A)[i, j]
/// for the alpha x alpha products M[ab, f, t] of tile t = (n, ty, tx). One
/// scf.forall task per (image, filter) plane; per tile row and block of W
/// tiles, the alpha^2 products are read contiguously, transformed, and each
/// output row's m vectors are interleaved by shuffles into one run of m*W
/// outputs added to the init.
Value transformOutput(OpBuilder &rewriter, Location loc, const Geometry &g,
                      Value prod, Value init) {
  const WinogradMatrices &w = g.w;
  int64_t alpha = w.alpha, m = w.m;
  Type f32 = rewriter.getF32Type();
  // A bias broadcast along the filters (or a fill) is added from registers;
  // the init is then never read and its broadcast pass dies.
  nn::KnownInit start = nn::knownInit(init);
  if (start.bias && start.dim != 1) {
    start = nn::KnownInit();
  }
  if (start.op) {
    init = tensor::EmptyOp::create(
        rewriter, loc, cast<RankedTensorType>(init.getType()).getShape(), f32);
  }
  auto forall = nn::createPlaneLoop(rewriter, loc, g.n, g.f, init);
  OpBuilder b = OpBuilder::atBlockTerminator(forall.getBody());
  Value n = forall.getInductionVar(0), f = forall.getInductionVar(1);
  Value shared = forall.getRegionIterArgs()[0];
  auto one = b.getIndexAttr(1), zero = b.getIndexAttr(0);
  SmallVector<OpFoldResult> outOffsets = {n, f, zero, zero};
  SmallVector<OpFoldResult> outSizes = {one, one, b.getIndexAttr(g.oh),
                                        b.getIndexAttr(g.ow)};
  SmallVector<OpFoldResult> unit(4, one);
  Value out = tensor::ExtractSliceOp::create(
      b, loc, RankedTensorType::get({g.oh, g.ow}, f32), shared, outOffsets,
      outSizes, unit);
  auto rowTy = VectorType::get({m * g.vw}, f32);
  Value pad = arith::ConstantOp::create(b, loc, b.getF32FloatAttr(0.0f));
  Value startRun;
  if (start.bias) {
    Value s = tensor::ExtractOp::create(b, loc, start.bias, ValueRange{f});
    startRun = vector::BroadcastOp::create(b, loc, rowTy, s);
  } else if (start.splat) {
    startRun = vector::BroadcastOp::create(b, loc, rowTy, start.splat);
  }
  // Lane k*m + j of an output run is lane k of column j's vector.
  SmallVector<int64_t> interleave;
  for (int64_t k = 0; k < g.vw; ++k) {
    for (int64_t j = 0; j < m; ++j) {
      interleave.push_back(j * g.vw + k);
    }
  }
  Value imageTiles =
      arith::MulIOp::create(b, loc, n, index(b, loc, g.th * g.tw));
  // prod[:, f, :] (a strided view once bufferized).
  Value plane = tensor::ExtractSliceOp::create(
      b, loc, RankedTensorType::get({alpha * alpha, g.tiles}, f32), prod,
      ArrayRef<OpFoldResult>{zero, f, zero},
      ArrayRef<OpFoldResult>{b.getIndexAttr(alpha * alpha), one,
                             b.getIndexAttr(g.tiles)},
      SmallVector<OpFoldResult>(3, one));
  auto blockTy = VectorType::get({alpha, g.vw}, f32);
  auto rows = scf::ForOp::create(
      b, loc, index(b, loc, 0), index(b, loc, g.th), index(b, loc, 1),
      ValueRange{out},
      [&](OpBuilder &rb, Location l, Value ty, ValueRange iter) {
        Value t = iter[0];
        Value rowTiles = arith::AddIOp::create(
            rb, l, imageTiles,
            arith::MulIOp::create(rb, l, ty, index(rb, l, g.tw)));
        Value row0 = arith::MulIOp::create(rb, l, ty, index(rb, l, m));
        for (int64_t tx0 = 0; tx0 < g.tw; tx0 += g.vw) {
          Value tile =
              arith::AddIOp::create(rb, l, rowTiles, index(rb, l, tx0));
          // mixed[i][b] = sum_a AT[i, a] * M[a, b] (AT rows).
          SmallVector<SmallVector<Value>> prods(alpha);
          for (int64_t a = 0; a < alpha; ++a) {
            Value block = vector::TransferReadOp::create(
                rb, l, blockTy, plane,
                ValueRange{index(rb, l, a * alpha), tile}, pad,
                ArrayRef<bool>{true, true});
            for (int64_t bb = 0; bb < alpha; ++bb) {
              prods[a].push_back(vector::ExtractOp::create(
                  rb, l, block, ArrayRef<int64_t>{bb}));
            }
          }
          for (int64_t i = 0; i < m; ++i) {
            SmallVector<Value> mixed =
                combineColumns(rb, l, w.at + i * alpha, prods);
            // Columns (AT again), interleaved into one output run.
            SmallVector<Value> cols;
            for (int64_t j = 0; j < m; ++j) {
              cols.push_back(combine(rb, l, w.at + j * alpha, 1, mixed));
            }
            while (cols.size() > 1) { // concatenate pairwise
              SmallVector<Value> next;
              for (size_t k = 0; k < cols.size(); k += 2) {
                int64_t len =
                    cast<VectorType>(cols[k].getType()).getNumElements();
                SmallVector<int64_t> lanes(2 * len);
                std::iota(lanes.begin(), lanes.end(), 0);
                next.push_back(vector::ShuffleOp::create(rb, l, cols[k],
                                                         cols[k + 1], lanes));
              }
              cols = next;
            }
            Value run =
                vector::ShuffleOp::create(rb, l, cols[0], cols[0], interleave);
            Value orow = arith::AddIOp::create(rb, l, row0, index(rb, l, i));
            SmallVector<Value> at = {orow, index(rb, l, tx0 * m)};
            Value old =
                startRun ? startRun
                         : vector::TransferReadOp::create(
                               rb, l, rowTy, t, at, pad, ArrayRef<bool>{true})
                               .getResult();
            run = arith::AddFOp::create(rb, l, old, run);
            t = vector::TransferWriteOp::create(rb, l, run, t, at,
                                                ArrayRef<bool>{true})
                    .getResult();
          }
        }
        scf::YieldOp::create(rb, l, t);
      });
  b.setInsertionPointToStart(forall.getTerminator().getBody());
  tensor::ParallelInsertSliceOp::create(b, loc, rows.getResult(0), shared,
                                        outOffsets, outSizes, unit);
  // Its elementwise consumer (bias/residual/relu) may run per plane
  // inside it (nn-cpu-tile-contractions fuse-epilogues).
  forall->setAttr("nn.conv_output", rewriter.getUnitAttr());
  return forall.getResult(0);
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
    // F(2x2,3x3) saves 2.25x the multiplies but its filter is 1.78x the
    // original's: only worth it while that stays in cache.
    int64_t f2Bytes = 16 * f * c * int64_t(sizeof(float));
    return oh % 2 == 0 && ow % 2 == 0 && f2Bytes <= maxF2FilterKiB * 1024 ? 2
                                                                          : 0;
  }

  void rewrite(OpBuilder &b, linalg::Conv2DNchwFchwOp conv, int64_t tile) {
    Value x = conv.getInputs()[0], filter = conv.getInputs()[1];
    Value init = conv.getOutputs()[0];
    auto xt = cast<RankedTensorType>(x.getType());
    auto ot = cast<RankedTensorType>(init.getType());
    Geometry g{ot.getDimSize(0),
               xt.getDimSize(1),
               ot.getDimSize(1),
               xt.getDimSize(2),
               xt.getDimSize(3),
               ot.getDimSize(2),
               ot.getDimSize(3),
               0,
               0,
               0,
               0,
               matrices(tile)};
    int64_t alpha = g.w.alpha;
    g.th = g.oh / tile;
    g.tw = g.ow / tile;
    for (g.vw = std::min<int64_t>(g.tw, 16); g.tw % g.vw != 0; --g.vw) {
    }
    // The GEMMs' N: a tail of 1-3 columns after the last 8-column register
    // tile runs as a scalar GEMV over the whole filter (T = 49 at 28x28 and
    // 14x14); pad-tiles fills it with zero columns to a multiple of 16.
    int64_t tiles = g.n * g.th * g.tw;
    if (padTiles && tiles % 8 != 0 && tiles % 8 < 4) {
      tiles = llvm::alignTo(tiles, 16);
    }
    g.tiles = tiles;
    Location loc = conv.getLoc();
    Type f32 = b.getF32Type();
    b.setInsertionPoint(conv);
    Value u =
        transformFilter(b, loc, g.w, *nn::constantBytes(filter), g.f, g.c);
    Value v6 = transformInput(b, loc, g, x);
    Value v = tensor::CollapseShapeOp::create(
        b, loc, RankedTensorType::get({alpha * alpha, g.c, tiles}, f32), v6,
        SmallVector<ReassociationIndices>{{0, 1}, {2}, {3}});
    // The alpha^2 GEMMs: prod[ab, f, t] = sum_c U[ab, f, c] * v[ab, c, t].
    auto prodType = RankedTensorType::get({alpha * alpha, g.f, tiles}, f32);
    Value zero = arith::ConstantOp::create(b, loc, b.getF32FloatAttr(0.0f));
    Value empty = tensor::EmptyOp::create(b, loc, prodType.getShape(), f32);
    Value acc =
        linalg::FillOp::create(b, loc, ValueRange{zero}, ValueRange{empty})
            .getResult(0);
    Value prod =
        linalg::BatchMatmulOp::create(b, loc, TypeRange{prodType},
                                      ValueRange{u, v}, ValueRange{acc})
            .getResult(0);
    Value result = transformOutput(b, loc, g, prod, init);
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
