//===- CpuVectorizeTransposes.cpp - transposes as 16x16 register blocks ---===//
//
// See CpuVectorizeTransposesPass in Passes.td. In: a function on tensors
// after nn-cpu-tile-contractions. Out: every static f32 linalg.transpose
// that moves its innermost dimension (attention's K^T, [seq, heads, d] ->
// [heads, d, seq]; the [C, 49] activations around MobileNetV2's 7x7
// pointwise convs) tiled into 16x16 blocks, each read as 16 contiguous rows,
// transposed in registers by shuffles and written as 16 contiguous rows; a
// partial block at the end of an extent that is not a multiple of 16 is read
// and written with masks.
// Transposes that keep the innermost dimension (contiguous rows already)
// and other shapes or types are left alone.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_CPUVECTORIZETRANSPOSESPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {

/// Side of the register block: 16 f32 lanes, one zmm per row.
constexpr int64_t kBlock = 16;

/// The input dimension that becomes the output's innermost one, and the
/// output dimension that the input's innermost one becomes, for a transpose
/// that moves its innermost dimension by whole 16x16 blocks; std::nullopt
/// otherwise.
std::optional<std::pair<int64_t, int64_t>>
matchBlockTranspose(linalg::TransposeOp op) {
  auto in = dyn_cast<RankedTensorType>(op.getInput().getType());
  auto out = dyn_cast<RankedTensorType>(op.getInit().getType());
  if (!in || !out || !in.hasStaticShape() || !in.getElementType().isF32() ||
      !op.hasPureTensorSemantics()) {
    return std::nullopt;
  }
  ArrayRef<int64_t> perm = op.getPermutation();
  int64_t last = in.getRank() - 1;
  int64_t rowDim = perm[last];
  if (rowDim == last) {
    return std::nullopt;
  }
  int64_t colDim = llvm::find(perm, last) - perm.begin();
  // Extents that are not multiples of 16 (MobileNetV2's 7x7 = 49 pixels)
  // end in partial blocks, read and written with masks.
  if (in.getDimSize(rowDim) < kBlock || in.getDimSize(last) < kBlock) {
    return std::nullopt;
  }
  return std::make_pair(rowDim, colDim);
}

struct CpuVectorizeTransposesPass
    : nn::impl::CpuVectorizeTransposesPassBase<CpuVectorizeTransposesPass> {
  void runOnOperation() override {
    SmallVector<linalg::TransposeOp> candidates;
    getOperation().walk([&](linalg::TransposeOp op) {
      if (matchBlockTranspose(op)) {
        candidates.push_back(op);
      }
    });
    IRRewriter rewriter(&getContext());
    SmallVector<Operation *> blocks;
    for (linalg::TransposeOp op : candidates) {
      if (Operation *block = vectorizeBlocks(rewriter, op)) {
        blocks.push_back(block);
      }
    }
    // The blocks' 16x16 transposes (only those: other vector.transpose ops,
    // e.g. a broadcast's, fold away later) as unpack/shuffle sequences; the
    // default lowering moves one element at a time.
    RewritePatternSet patterns(&getContext());
    vector::populateVectorTransposeLoweringPatterns(
        patterns, vector::VectorTransposeLowering::Shuffle16x16);
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingAndNewOps);
    if (failed(applyOpPatternsGreedily(blocks, std::move(patterns), config))) {
      signalPassFailure();
    }
  }

  /// Tiles `op` into 16x16 blocks (the two dims that trade places by 16,
  /// all others by 1; an scf.forall unless already inside a loop) and
  /// replaces each block's transpose by a read of 16 input rows, a
  /// vector.transpose and a write of 16 output rows. Returns the
  /// vector.transpose, or null when tiling failed.
  Operation *vectorizeBlocks(RewriterBase &rewriter, linalg::TransposeOp op) {
    auto [rowDim, colDim] = *matchBlockTranspose(op);
    auto out = cast<RankedTensorType>(op.getInit().getType());
    auto in = cast<RankedTensorType>(op.getInput().getType());
    int64_t rank = out.getRank();
    SmallVector<OpFoldResult> sizes;
    for (int64_t d = 0; d < rank; ++d) {
      int64_t size = d == colDim || d == rank - 1 ? kBlock : 1;
      sizes.push_back(rewriter.getIndexAttr(
          size == out.getDimSize(d) && size == 1 ? 0 : size));
    }
    scf::SCFTilingOptions tiling;
    tiling.setTileSizes(sizes);
    tiling.setLoopType(op->getParentOfType<LoopLikeOpInterface>()
                           ? scf::SCFTilingOptions::LoopType::ForOp
                           : scf::SCFTilingOptions::LoopType::ForallOp);
    rewriter.setInsertionPoint(op);
    FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
        rewriter, cast<TilingInterface>(op.getOperation()), tiling);
    if (failed(tiled)) {
      return nullptr;
    }
    rewriter.replaceOp(op, tiled->replacements);
    auto block = cast<linalg::TransposeOp>(tiled->tiledOps.back());

    // v[i][j] = in[rowDim = i, last = j]; out[colDim = j, last = i] = v[j][i].
    Location loc = block.getLoc();
    rewriter.setInsertionPoint(block);
    MLIRContext *ctx = &getContext();
    auto vecType = VectorType::get({kBlock, kBlock}, out.getElementType());
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value pad = ub::PoisonOp::create(rewriter, loc, out.getElementType());
    SmallVector<Value> at(rank, zero);
    bool rowsWhole = in.getDimSize(rowDim) % kBlock == 0;
    bool colsWhole = in.getDimSize(rank - 1) % kBlock == 0;
    SmallVector<bool> readInBounds = {rowsWhole, colsWhole};
    SmallVector<bool> writeInBounds = {colsWhole, rowsWhole};
    AffineMap readMap = AffineMap::get(
        rank, 0,
        {getAffineDimExpr(rowDim, ctx), getAffineDimExpr(rank - 1, ctx)}, ctx);
    Value rows = vector::TransferReadOp::create(
        rewriter, loc, vecType, block.getInput(), at, pad, readMap,
        ArrayRef<bool>(readInBounds));
    Value cols = vector::TransposeOp::create(rewriter, loc, rows,
                                             ArrayRef<int64_t>{1, 0});
    AffineMap writeMap = AffineMap::get(
        rank, 0,
        {getAffineDimExpr(colDim, ctx), getAffineDimExpr(rank - 1, ctx)}, ctx);
    auto written = vector::TransferWriteOp::create(
        rewriter, loc, cols, block.getInit(), at, writeMap,
        ArrayRef<bool>(writeInBounds));
    rewriter.replaceOp(block, written->getResults());
    return cols.getDefiningOp();
  }
};

} // namespace
