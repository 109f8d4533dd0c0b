//===- CpuVectorizeWindows.cpp - depthwise convs and pools as vector rows -===//
//
// See CpuVectorizeDepthwisePass and CpuVectorizePoolingPass in Passes.td.
// Both window ops are bound by loads, not arithmetic, and both run here the
// same way. A depthwise convolution does
// KH*KW multiply-adds per output and no reduction over channels, so it is
// bound by loads, not FMAs; as scalar loops (convert-linalg-to-loops) it ran
// at ~3 GFLOP/s. Here every (image, channel) plane is one task of an
// scf.forall, and each output row is computed in vectors of VW outputs: the
// KH*KW weights of the channel are broadcast once per plane, each tap reads
// one VW-wide run of an input row (stride 1: contiguous; stride 2: 2*VW
// elements, deinterleaved by a shuffle) and does one FMA into accumulators
// that stay in registers until the row block is written. A 2-D max pool is
// the same without weights: each tap is a vector maximum (any W stride: the
// run is read contiguously and every stride-th lane picked by a shuffle).
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"
#include "codegen/PlaneLoop.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_CPUVECTORIZEDEPTHWISEPASS
#define GEN_PASS_DEF_CPUVECTORIZEPOOLINGPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {

/// Static geometry of one depthwise convolution or max pool (NCHW input
/// already padded). A pool has no weights (`pool`): each tap is a maximum.
struct Geometry {
  int64_t n, c, oh, ow, hp, wp, kh, kw, sh, sw, dh, dw;
  int64_t vw; // outputs per vector
  bool pool = false;
};

/// Depthwise conv (input, [C, KH, KW] weights) or max pool (input, [KH, KW]
/// window shape) with static f32 shapes.
template <typename OpTy> std::optional<Geometry> geometryOf(OpTy op) {
  auto xt = dyn_cast<RankedTensorType>(op.getInputs()[0].getType());
  auto wt = dyn_cast<RankedTensorType>(op.getInputs()[1].getType());
  auto ot = dyn_cast<RankedTensorType>(op.getOutputs()[0].getType());
  bool pool = std::is_same_v<OpTy, linalg::PoolingNchwMaxOp>;
  if (!xt || !wt || !ot || !xt.hasStaticShape() || !wt.hasStaticShape() ||
      !ot.hasStaticShape() || !xt.getElementType().isF32() ||
      !wt.getElementType().isF32() || !ot.getElementType().isF32()) {
    return std::nullopt;
  }
  auto strides = llvm::to_vector(op.getStrides().template getValues<int64_t>());
  auto dilations =
      llvm::to_vector(op.getDilations().template getValues<int64_t>());
  Geometry g{ot.getDimSize(0),
             ot.getDimSize(1),
             ot.getDimSize(2),
             ot.getDimSize(3),
             xt.getDimSize(2),
             xt.getDimSize(3),
             wt.getDimSize(pool ? 0 : 1),
             wt.getDimSize(pool ? 1 : 2),
             strides[0],
             strides[1],
             dilations[0],
             dilations[1],
             0,
             pool};
  // Only unit and 2 strides along W have a cheap vector read for the
  // convolution (a pool reads any stride); large kernels would unroll into
  // too much code.
  if ((!pool && g.sw > 2) || g.sw > 4 || g.kh * g.kw > 49) {
    return std::nullopt;
  }
  g.vw = g.ow >= 16 ? 16 : 8;
  return g;
}

Value index(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

/// One output row block: acc[ow0 .. ow0+vw) += sum over taps of
/// w[tap] * x[oh*sh + i*dh][(ow0 + j)*sw + kw*dw], with the accumulators
/// read from and written back to `outRow` (the init holds bias or zeros).
/// A pool's block is the maximum over the taps instead (its init, -inf, is
/// not read).
Value emitRowBlock(OpBuilder &b, Location loc, const Geometry &g, Value in,
                   Value out, Value oh, int64_t ow0, ArrayRef<Value> weights) {
  auto vecTy = VectorType::get({g.vw}, b.getF32Type());
  Value zero = arith::ConstantOp::create(b, loc, b.getF32FloatAttr(0.0f));
  bool outInBounds = ow0 + g.vw <= g.ow;
  Value col = index(b, loc, ow0);
  Value acc;
  if (!g.pool) {
    acc =
        vector::TransferReadOp::create(b, loc, vecTy, out, ValueRange{oh, col},
                                       zero, ArrayRef<bool>{outInBounds});
  }
  Value rowBase = arith::MulIOp::create(b, loc, oh, index(b, loc, g.sh));
  int64_t readLen = g.vw * g.sw;
  auto readTy = VectorType::get({readLen}, b.getF32Type());
  SmallVector<int64_t> picked;
  for (int64_t i = 0; i < g.vw; ++i) {
    picked.push_back(g.sw * i);
  }
  for (int64_t i = 0; i < g.kh; ++i) {
    Value row = arith::AddIOp::create(b, loc, rowBase, index(b, loc, i * g.dh));
    for (int64_t j = 0; j < g.kw; ++j) {
      int64_t start = ow0 * g.sw + j * g.dw;
      bool inBounds = start + readLen <= g.wp;
      Value x = vector::TransferReadOp::create(
          b, loc, readTy, in, ValueRange{row, index(b, loc, start)}, zero,
          ArrayRef<bool>{inBounds});
      if (g.sw != 1) {
        x = vector::ShuffleOp::create(b, loc, x, x, picked);
      }
      if (g.pool) {
        acc = acc ? arith::MaximumFOp::create(b, loc, acc, x).getResult() : x;
      } else {
        acc = vector::FMAOp::create(b, loc, x, weights[i * g.kw + j], acc);
      }
    }
  }
  return vector::TransferWriteOp::create(b, loc, acc, out, ValueRange{oh, col},
                                         ArrayRef<bool>{outInBounds})
      .getResult();
}

void rewrite(RewriterBase &rewriter, linalg::LinalgOp op, const Geometry &g) {
  Location loc = op.getLoc();
  Value x = op.getDpsInputs()[0], w = op.getDpsInputs()[1];
  Value init = op.getDpsInits()[0];
  Type f32 = rewriter.getF32Type();
  rewriter.setInsertionPoint(op);
  if (g.pool) {
    // Every output is written and the init (-inf) is never read: an empty
    // tensor lets its fill die.
    init = tensor::EmptyOp::create(
        rewriter, loc, cast<RankedTensorType>(init.getType()).getShape(), f32);
  }
  auto planeTy = RankedTensorType::get({g.oh, g.ow}, f32);
  auto inPlaneTy = RankedTensorType::get({g.hp, g.wp}, f32);
  rewriter.setInsertionPoint(op);
  auto forall = nn::createPlaneLoop(rewriter, loc, g.n, g.c, init);
  OpBuilder b = OpBuilder::atBlockTerminator(forall.getBody());
  Location l = loc;
  Value n = forall.getInductionVar(0), c = forall.getInductionVar(1);
  Value shared = forall.getRegionIterArgs()[0];
  auto one = b.getIndexAttr(1), zeroAttr = b.getIndexAttr(0);
  SmallVector<OpFoldResult> unit(4, one);
  Value in = tensor::ExtractSliceOp::create(
      b, l, inPlaneTy, x, ArrayRef<OpFoldResult>{n, c, zeroAttr, zeroAttr},
      ArrayRef<OpFoldResult>{one, one, b.getIndexAttr(g.hp),
                             b.getIndexAttr(g.wp)},
      unit);
  SmallVector<OpFoldResult> outOffsets = {n, c, zeroAttr, zeroAttr};
  SmallVector<OpFoldResult> outSizes = {one, one, b.getIndexAttr(g.oh),
                                        b.getIndexAttr(g.ow)};
  Value out = tensor::ExtractSliceOp::create(b, l, planeTy, shared, outOffsets,
                                             outSizes, unit);
  auto vecTy = VectorType::get({g.vw}, f32);
  SmallVector<Value> weights;
  for (int64_t i = 0; i < (g.pool ? 0 : g.kh); ++i) {
    for (int64_t j = 0; j < g.kw; ++j) {
      Value s = tensor::ExtractOp::create(
          b, l, w, ValueRange{c, index(b, l, i), index(b, l, j)});
      weights.push_back(vector::BroadcastOp::create(b, l, vecTy, s));
    }
  }
  auto rows = scf::ForOp::create(
      b, l, index(b, l, 0), index(b, l, g.oh), index(b, l, 1), ValueRange{out},
      [&](OpBuilder &rb, Location rl, Value oh, ValueRange iter) {
        Value t = iter[0];
        for (int64_t ow0 = 0; ow0 < g.ow; ow0 += g.vw) {
          t = emitRowBlock(rb, rl, g, in, t, oh, ow0, weights);
        }
        scf::YieldOp::create(rb, rl, t);
      });
  b.setInsertionPointToStart(forall.getTerminator().getBody());
  tensor::ParallelInsertSliceOp::create(b, l, rows.getResult(0), shared,
                                        outOffsets, outSizes, unit);
  rewriter.replaceOp(op, forall.getResults());
}

template <typename OpTy> void rewriteAll(Operation *root) {
  SmallVector<OpTy> ops;
  root->walk([&](OpTy op) { ops.push_back(op); });
  IRRewriter rewriter(root->getContext());
  for (OpTy op : ops) {
    if (std::optional<Geometry> g = geometryOf(op)) {
      rewrite(rewriter, op, *g);
    }
  }
}

struct CpuVectorizeDepthwisePass
    : nn::impl::CpuVectorizeDepthwisePassBase<CpuVectorizeDepthwisePass> {
  void runOnOperation() override {
    rewriteAll<linalg::DepthwiseConv2DNchwChwOp>(getOperation());
  }
};

struct CpuVectorizePoolingPass
    : nn::impl::CpuVectorizePoolingPassBase<CpuVectorizePoolingPass> {
  void runOnOperation() override {
    rewriteAll<linalg::PoolingNchwMaxOp>(getOperation());
  }
};

} // namespace
