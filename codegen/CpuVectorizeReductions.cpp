//===- CpuVectorizeReductions.cpp - row reductions as vector code ---------===//
//
// See CpuVectorizeReductionsPass in Passes.td. In: a function on tensors
// after nn-cpu-tile-contractions. Out: every static f32 linalg.generic that
// reduces its innermost loop over contiguous rows (a softmax's max and sum of
// exponentials, a layer norm's mean and variance) tiled into rows of at most
// 256 elements, each row one vector (its body in vector arithmetic), and the
// row's reduction a tree of 16-lane ops and a shuffle tree. Other generics
// are left alone.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_CPUVECTORIZEREDUCTIONSPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {

/// Longest row read as one vector: 16 zmm registers.
constexpr int64_t kMaxRow = 256;

/// The row length (a multiple of 8 dividing `extent`, at most kMaxRow) that
/// an innermost reduction loop of `extent` iterations is tiled by; 0 when
/// there is none.
int64_t rowLength(int64_t extent) {
  if (extent % 8 != 0) {
    return 0;
  }
  for (int64_t r = std::min(extent, kMaxRow); r >= 8; r -= 8) {
    if (extent % r == 0) {
      return r;
    }
  }
  return 0;
}

/// Whether `op` reduces exactly its innermost loop, of static extent, over
/// rows that every input reads contiguously (or not at all: a broadcast row
/// statistic), on f32 tensors. Other loops may be dynamic (a fused kernel's
/// last partial tile): rows make them static.
bool isRowReduction(linalg::GenericOp op) {
  if (!op.hasPureTensorSemantics() || op.hasIndexSemantics() ||
      op.getNumReductionLoops() != 1) {
    return false;
  }
  unsigned inner = op.getNumLoops() - 1;
  if (!linalg::isReductionIterator(op.getIteratorTypesArray()[inner])) {
    return false;
  }
  for (OpOperand &operand : op->getOpOperands()) {
    if (!getElementTypeOrSelf(operand.get().getType()).isF32()) {
      return false;
    }
    AffineMap map = op.getMatchingIndexingMap(&operand);
    if (!map.isProjectedPermutation()) {
      return false;
    }
    if (map.isFunctionOfDim(inner) &&
        map.getResults().back() != getAffineDimExpr(inner, op.getContext())) {
      return false;
    }
  }
  int64_t extent = op.getStaticLoopRanges().back();
  return !ShapedType::isDynamic(extent) && rowLength(extent) != 0;
}

/// vector.multi_reduction of a row (vector<1x..x1xK>, K a multiple of 8,
/// over its last dim) -> K/w w-lane vectors (w = 16, or 8) combined as a
/// tree, then halves combined by shuffles down to one lane, then the
/// accumulator. The upstream lowerings give one ordered chain of K scalar
/// adds here (an add reduction is not reassociated without fast-math flags).
struct RowReductionLowering : OpRewritePattern<vector::MultiDimReductionOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(vector::MultiDimReductionOp op,
                                PatternRewriter &rewriter) const override {
    VectorType source = op.getSourceVectorType();
    int64_t rank = source.getRank();
    int64_t k = source.getShape().back();
    if (!source.getElementType().isF32() || source.isScalable() || k % 8 != 0 ||
        op.getReductionDims() != ArrayRef<int64_t>{rank - 1} ||
        llvm::any_of(source.getShape().drop_back(),
                     [](int64_t d) { return d != 1; })) {
      return rewriter.notifyMatchFailure(op, "not a row of 8k f32 lanes");
    }
    if (op->getParentOfType<vector::MaskOp>()) {
      return rewriter.notifyMatchFailure(op, "masked");
    }
    Location loc = op.getLoc();
    vector::CombiningKind kind = op.getKind();
    int64_t width = k % 16 == 0 ? 16 : 8;
    Value row = vector::ShapeCastOp::create(
        rewriter, loc, VectorType::get({k}, source.getElementType()),
        op.getSource());
    SmallVector<Value> parts;
    for (int64_t i = 0; i < k; i += width) {
      parts.push_back(vector::ExtractStridedSliceOp::create(
          rewriter, loc, row, ArrayRef<int64_t>{i}, ArrayRef<int64_t>{width},
          ArrayRef<int64_t>{1}));
    }
    // Pairwise: independent ops, a dependence chain of log2(K/w).
    while (parts.size() > 1) {
      SmallVector<Value> next;
      for (size_t i = 0; i + 1 < parts.size(); i += 2) {
        next.push_back(vector::makeArithReduction(rewriter, loc, kind, parts[i],
                                                  parts[i + 1]));
      }
      if (parts.size() % 2 != 0) {
        next.push_back(parts.back());
      }
      parts = std::move(next);
    }
    Value lanes = parts.front();
    for (int64_t half = width / 2; half >= 1; half /= 2) {
      SmallVector<int64_t> low, high;
      for (int64_t i = 0; i < half; ++i) {
        low.push_back(i);
        high.push_back(half + i);
      }
      Value lo = vector::ShuffleOp::create(rewriter, loc, lanes, lanes, low);
      Value hi = vector::ShuffleOp::create(rewriter, loc, lanes, lanes, high);
      lanes = vector::makeArithReduction(rewriter, loc, kind, lo, hi);
    }
    Value sum =
        vector::ExtractOp::create(rewriter, loc, lanes, ArrayRef<int64_t>{0});
    Value acc = op.getAcc();
    auto accType = dyn_cast<VectorType>(acc.getType());
    if (accType) {
      acc = vector::ExtractOp::create(
          rewriter, loc, acc, SmallVector<int64_t>(accType.getRank(), 0));
    }
    Value result = vector::makeArithReduction(rewriter, loc, kind, sum, acc);
    if (accType) {
      result = vector::BroadcastOp::create(rewriter, loc, accType, result);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct CpuVectorizeReductionsPass
    : nn::impl::CpuVectorizeReductionsPassBase<CpuVectorizeReductionsPass> {
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> candidates;
    getOperation().walk([&](linalg::GenericOp op) {
      if (isRowReduction(op) &&
          (op.hasDynamicShape() ||
           succeeded(linalg::vectorizeOpPrecondition(op)))) {
        candidates.push_back(op);
      }
    });
    IRRewriter rewriter(&getContext());
    for (linalg::GenericOp op : candidates) {
      vectorizeRows(rewriter, op);
    }
    RewritePatternSet patterns(&getContext());
    patterns.add<RowReductionLowering>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns)))) {
      signalPassFailure();
    }
  }

  /// Tiles `op` into rows (every parallel loop by 1, the reduction loop by
  /// its row length) and vectorizes the row. Rows of an op outside any loop
  /// are an scf.forall (threads share them); inside a fused kernel's tile
  /// loop, a sequential scf.for.
  void vectorizeRows(RewriterBase &rewriter, linalg::GenericOp op) {
    SmallVector<int64_t> extents = op.getStaticLoopRanges();
    SmallVector<OpFoldResult> sizes;
    for (int64_t extent : ArrayRef(extents).drop_back()) {
      sizes.push_back(rewriter.getIndexAttr(extent == 1 ? 0 : 1));
    }
    int64_t row = rowLength(extents.back());
    sizes.push_back(rewriter.getIndexAttr(row == extents.back() ? 0 : row));
    scf::SCFTilingOptions tiling;
    tiling.setTileSizes(sizes);
    bool nested = op->getParentOfType<LoopLikeOpInterface>() != nullptr;
    tiling.setLoopType(nested || row != extents.back()
                           ? scf::SCFTilingOptions::LoopType::ForOp
                           : scf::SCFTilingOptions::LoopType::ForallOp);
    rewriter.setInsertionPoint(op);
    Operation *target = op;
    if (llvm::any_of(sizes, [](OpFoldResult s) {
          return getConstantIntValue(s) != 0;
        })) {
      FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
          rewriter, cast<TilingInterface>(op.getOperation()), tiling);
      if (failed(tiled)) {
        return;
      }
      rewriter.replaceOp(op, tiled->replacements);
      target = tiled->tiledOps.back();
    }
    rewriter.setInsertionPoint(target);
    if (failed(linalg::vectorizeOpPrecondition(target))) {
      return;
    }
    FailureOr<linalg::VectorizationResult> vectorized =
        linalg::vectorize(rewriter, target);
    if (succeeded(vectorized)) {
      rewriter.replaceOp(target, vectorized->replacements);
    }
  }
};

} // namespace
