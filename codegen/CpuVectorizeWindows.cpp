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

#include "codegen/InitIntoTiles.h"
#include "codegen/Passes.h"
#include "codegen/PlaneLoop.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

#include <limits>

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_CPUVECTORIZEDEPTHWISEPASS
#define GEN_PASS_DEF_CPUVECTORIZEPOOLINGPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {

/// Static geometry of one depthwise convolution or max pool over an NCHW
/// plane of h x w source elements, read as if padded by pt rows on top and pl
/// columns on the left (and by what the output needs on the bottom and the
/// right). A pool has no weights (`pool`): each tap is a maximum.
struct Geometry {
  int64_t n, c, oh, ow, h, w, pt = 0, pl = 0, kh, kw, sh, sw, dh, dw;
  int64_t vw; // outputs per vector
  bool pool = false;
  float padValue = 0.0f; // of the implicit padding
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
  Geometry g;
  g.n = ot.getDimSize(0);
  g.c = ot.getDimSize(1);
  g.oh = ot.getDimSize(2);
  g.ow = ot.getDimSize(3);
  g.h = xt.getDimSize(2);
  g.w = xt.getDimSize(3);
  g.kh = wt.getDimSize(pool ? 0 : 1);
  g.kw = wt.getDimSize(pool ? 1 : 2);
  g.sh = strides[0];
  g.sw = strides[1];
  g.dh = dilations[0];
  g.dw = dilations[1];
  g.pool = pool;
  g.padValue = pool ? -std::numeric_limits<float>::infinity() : 0.0f;
  // Only unit and 2 strides along W have a cheap vector read for the
  // convolution (a pool reads any stride); large kernels would unroll into
  // too much code.
  if ((!pool && g.sw > 2) || g.sw > 4 || g.kh * g.kw > 49) {
    return std::nullopt;
  }
  g.vw = g.ow >= 16 ? 16 : 8;
  return g;
}

/// The unpadded source of `x` when x is `src` inserted at [0, 0, pt, pl]
/// with unit strides into a tensor filled with `padValue` (how the lowering
/// pads a window op's input; see nn::embedSpatial). Updates `g` with the
/// source's plane and the leading pads.
Value unpaddedSource(Value x, Geometry &g) {
  auto insert = x.getDefiningOp<tensor::InsertSliceOp>();
  if (!insert || !insert.hasUnitStride() ||
      insert.getSourceType().getRank() != 4 ||
      !insert.getSourceType().hasStaticShape()) {
    return {};
  }
  auto fill = insert.getDest().getDefiningOp<linalg::FillOp>();
  FloatAttr value;
  if (!fill || !matchPattern(fill.getInputs()[0], m_Constant(&value)) ||
      value.getValue().convertToFloat() != g.padValue) {
    return {};
  }
  ArrayRef<int64_t> offsets = insert.getStaticOffsets();
  if (ShapedType::isDynamicShape(offsets) || offsets[0] != 0 ||
      offsets[1] != 0) {
    return {};
  }
  Geometry padded = g;
  padded.pt = offsets[2];
  padded.pl = offsets[3];
  padded.h = insert.getSourceType().getDimSize(2);
  padded.w = insert.getSourceType().getDimSize(3);
  // Every output row must keep a tap (a pool of padding alone has no value).
  for (int64_t oh = 0; oh < g.oh; ++oh) {
    int64_t top = oh * g.sh - padded.pt;
    if (top + (g.kh - 1) * g.dh < 0 || top >= padded.h) {
      return {};
    }
  }
  g = padded;
  return insert.getSource();
}

/// The single consumer of `result` that maps every element in place
/// (`outs(result)` only, identity map, no inputs, a body of arith and math
/// ops): an activation the kernel applies to each row block before it is
/// written.
linalg::GenericOp inPlaceEpilogueOf(Value result) {
  if (!result.hasOneUse()) {
    return {};
  }
  auto generic = dyn_cast<linalg::GenericOp>(*result.getUsers().begin());
  if (!generic || generic.getNumDpsInputs() != 0 ||
      generic.getNumDpsInits() != 1 || generic.getDpsInits()[0] != result ||
      generic.getNumReductionLoops() != 0 ||
      !generic.getIndexingMapsArray()[0].isIdentity() ||
      generic.getResult(0).getType() != result.getType()) {
    return {};
  }
  for (Operation &op : generic.getBody()->without_terminator()) {
    StringRef dialect = op.getDialect()->getNamespace();
    if ((dialect != "arith" && dialect != "math") || op.getNumRegions() ||
        op.getNumResults() != 1) {
      return {};
    }
  }
  return generic;
}

/// The body of `epilogue` on a vector of outputs: every scalar op again with
/// vector operands, values from outside the body broadcast.
Value applyEpilogue(OpBuilder &b, Location loc, linalg::GenericOp epilogue,
                    Value acc) {
  if (!epilogue) {
    return acc;
  }
  auto vecTy = cast<VectorType>(acc.getType());
  Block *body = epilogue.getBody();
  IRMapping map;
  map.map(body->getArgument(0), acc);
  for (Operation &op : body->without_terminator()) {
    SmallVector<Value> operands;
    for (Value v : op.getOperands()) {
      if (Value mapped = map.lookupOrNull(v)) {
        operands.push_back(mapped);
      } else {
        operands.push_back(vector::BroadcastOp::create(
            b, loc, VectorType::get(vecTy.getShape(), v.getType()), v));
      }
    }
    OperationState state(
        loc, op.getName(), operands,
        {VectorType::get(vecTy.getShape(), op.getResult(0).getType())},
        op.getAttrs());
    map.map(op.getResult(0), b.create(state)->getResult(0));
  }
  return map.lookup(body->getTerminator()->getOperand(0));
}

Value index(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

/// The vw inputs tap column `j` of output columns [ow0, ow0 + vw) reads from
/// source row `row`: columns ow0*sw + j*dw - pl + l*sw. Columns left of the
/// source come from the padding by a shuffle, columns right of it from the
/// padding value of an out-of-bounds read.
Value readTap(OpBuilder &b, Location loc, const Geometry &g, Value in,
              Value row, int64_t ow0, int64_t j, Value pad) {
  auto f32 = b.getF32Type();
  int64_t start = ow0 * g.sw + j * g.dw - g.pl;
  int64_t readLen = g.vw * g.sw;
  auto readTy = VectorType::get({readLen}, f32);
  if (start >= g.w) {
    return vector::BroadcastOp::create(b, loc, VectorType::get({g.vw}, f32),
                                       pad);
  }
  int64_t from = std::max<int64_t>(start, 0);
  Value x = vector::TransferReadOp::create(
      b, loc, readTy, in, ValueRange{row, index(b, loc, from)}, pad,
      ArrayRef<bool>{from + readLen <= g.w});
  if (g.sw == 1 && start >= 0) {
    return x;
  }
  // Lane l takes column start + l*sw of the source, at x[start + l*sw - from]
  // or, left of column 0, the padding (lane readLen of the second operand).
  SmallVector<int64_t> picked;
  for (int64_t l = 0; l < g.vw; ++l) {
    int64_t col = start + l * g.sw;
    picked.push_back(col >= 0 ? col - from : readLen);
  }
  Value padVec = vector::BroadcastOp::create(b, loc, readTy, pad);
  return vector::ShuffleOp::create(b, loc, x, padVec, picked);
}

/// Everything one output row block needs besides its position.
struct RowBlockArgs {
  Value in;                   // the source plane [h, w]
  ArrayRef<Value> weights;    // kh*kw broadcast taps (conv)
  Value init;                 // the block's starting value, or null: read
  linalg::GenericOp epilogue; // applied before the write, or null
  Value pad;                  // the padding value (f32)
};

/// One output row block: acc[ow0 .. ow0+vw) += sum over the taps `rows` of
/// w[tap] * x[oh*sh + i*dh - pt][(ow0 + j)*sw + kw*dw - pl] (a pool: the
/// maximum instead), then the epilogue, written to `out`. The accumulators
/// start from `a.init` or from `out` (an init not known per channel).
Value emitRowBlock(OpBuilder &b, Location loc, const Geometry &g,
                   const RowBlockArgs &a, Value out, Value oh, int64_t ow0,
                   ArrayRef<int64_t> rows) {
  auto vecTy = VectorType::get({g.vw}, b.getF32Type());
  bool outInBounds = ow0 + g.vw <= g.ow;
  Value col = index(b, loc, ow0);
  Value acc = a.init;
  if (!g.pool && !acc) {
    acc =
        vector::TransferReadOp::create(b, loc, vecTy, out, ValueRange{oh, col},
                                       a.pad, ArrayRef<bool>{outInBounds});
  }
  Value rowBase = arith::MulIOp::create(b, loc, oh, index(b, loc, g.sh));
  for (int64_t i : rows) {
    Value row =
        arith::AddIOp::create(b, loc, rowBase, index(b, loc, i * g.dh - g.pt));
    for (int64_t j = 0; j < g.kw; ++j) {
      Value x = readTap(b, loc, g, a.in, row, ow0, j, a.pad);
      if (g.pool) {
        acc = acc ? arith::MaximumFOp::create(b, loc, acc, x).getResult() : x;
      } else {
        acc = vector::FMAOp::create(b, loc, x, a.weights[i * g.kw + j], acc);
      }
    }
  }
  acc = applyEpilogue(b, loc, a.epilogue, acc);
  return vector::TransferWriteOp::create(b, loc, acc, out, ValueRange{oh, col},
                                         ArrayRef<bool>{outInBounds})
      .getResult();
}

/// The window rows (taps i) that lie inside the source for output row oh.
SmallVector<int64_t> rowsInside(const Geometry &g, int64_t oh) {
  SmallVector<int64_t> rows;
  for (int64_t i = 0; i < g.kh; ++i) {
    int64_t r = oh * g.sh + i * g.dh - g.pt;
    if (r >= 0 && r < g.h) {
      rows.push_back(i);
    }
  }
  return rows;
}

/// All output rows of one plane: runs of rows with the same taps inside the
/// source become one scf.for (the steady middle), the rest (the padded top
/// and bottom) are emitted one by one with their taps.
Value emitRows(OpBuilder &b, Location loc, const Geometry &g,
               const RowBlockArgs &a, Value out) {
  auto emitRow = [&](OpBuilder &rb, Location rl, Value t, Value oh,
                     ArrayRef<int64_t> rows) {
    for (int64_t ow0 = 0; ow0 < g.ow; ow0 += g.vw) {
      t = emitRowBlock(rb, rl, g, a, t, oh, ow0, rows);
    }
    return t;
  };
  for (int64_t first = 0; first < g.oh;) {
    SmallVector<int64_t> rows = rowsInside(g, first);
    int64_t last = first + 1;
    while (last < g.oh && rowsInside(g, last) == rows) {
      ++last;
    }
    if (last - first == 1) {
      out = emitRow(b, loc, out, index(b, loc, first), rows);
    } else {
      auto loop = scf::ForOp::create(
          b, loc, index(b, loc, first), index(b, loc, last), index(b, loc, 1),
          ValueRange{out},
          [&](OpBuilder &rb, Location rl, Value oh, ValueRange iter) {
            scf::YieldOp::create(rb, rl, emitRow(rb, rl, iter[0], oh, rows));
          });
      out = loop.getResult(0);
    }
    first = last;
  }
  return out;
}

void rewrite(RewriterBase &rewriter, linalg::LinalgOp op, Geometry g) {
  Location loc = op.getLoc();
  Value x = op.getDpsInputs()[0], w = op.getDpsInputs()[1];
  Value init = op.getDpsInits()[0];
  Type f32 = rewriter.getF32Type();
  if (Value src = unpaddedSource(x, g)) {
    x = src;
  }
  // A bias broadcast along the channels or a fill: the accumulators start
  // from it instead of reading the init.
  nn::KnownInit start = g.pool ? nn::KnownInit() : nn::knownInit(init);
  if (start.bias && start.dim != 1) {
    start = nn::KnownInit();
  }
  linalg::GenericOp epilogue =
      g.pool ? linalg::GenericOp() : inPlaceEpilogueOf(op->getResult(0));
  rewriter.setInsertionPoint(op);
  if (g.pool || start.op) {
    // Every output is written and the init is never read (a pool's -inf; a
    // bias or fill the accumulators start from): an empty tensor lets the
    // broadcast die.
    init = tensor::EmptyOp::create(
        rewriter, loc, cast<RankedTensorType>(init.getType()).getShape(), f32);
  }
  auto planeTy = RankedTensorType::get({g.oh, g.ow}, f32);
  auto inPlaneTy = RankedTensorType::get({g.h, g.w}, f32);
  auto forall = nn::createPlaneLoop(rewriter, loc, g.n, g.c, init);
  OpBuilder b = OpBuilder::atBlockTerminator(forall.getBody());
  Location l = loc;
  Value n = forall.getInductionVar(0), c = forall.getInductionVar(1);
  Value shared = forall.getRegionIterArgs()[0];
  auto one = b.getIndexAttr(1), zeroAttr = b.getIndexAttr(0);
  SmallVector<OpFoldResult> unit(4, one);
  Value in = tensor::ExtractSliceOp::create(
      b, l, inPlaneTy, x, ArrayRef<OpFoldResult>{n, c, zeroAttr, zeroAttr},
      ArrayRef<OpFoldResult>{one, one, b.getIndexAttr(g.h),
                             b.getIndexAttr(g.w)},
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
  RowBlockArgs args{
      in,
      weights,
      {},
      epilogue,
      arith::ConstantOp::create(b, l, b.getF32FloatAttr(g.padValue))};
  if (start.bias) {
    Value s = tensor::ExtractOp::create(b, l, start.bias, ValueRange{c});
    args.init = vector::BroadcastOp::create(b, l, vecTy, s);
  } else if (start.splat) {
    args.init = vector::BroadcastOp::create(b, l, vecTy, start.splat);
  }
  Value rows = emitRows(b, l, g, args, out);
  b.setInsertionPointToStart(forall.getTerminator().getBody());
  tensor::ParallelInsertSliceOp::create(b, l, rows, shared, outOffsets,
                                        outSizes, unit);
  if (epilogue) {
    rewriter.replaceOp(epilogue, forall.getResults());
  }
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
