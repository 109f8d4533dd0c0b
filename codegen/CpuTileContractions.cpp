//===- CpuTileContractions.cpp - f32 matmul micro-kernels for the CPU -----===//
//
// Turns every statically shaped f32 contraction (one M, one N, one K loop,
// any batch loops) into a two-level tiled loop nest around an 8x32 FMA
// micro-kernel, on tensors (toolchain.md section 2: tile, vectorize and hoist
// on tensors, then bufferize). The steps are the ones listed in Passes.td:
// canonical operand layout, zero padding to register multiples, cache tiles,
// register tiles, vector.contract lowered to outer products, C hoisted out of
// the K loop. Tile sizes are chosen per op so that every tile is full (static
// shapes are what the vectorizer needs); packing and AMX/BF16 variants fit in
// as further steps before the register tiling.
//
//===----------------------------------------------------------------------===//

#include "codegen/ContractionOperands.h"
#include "codegen/ConvEpilogue.h"
#include "codegen/Im2Col.h"
#include "codegen/InitIntoTiles.h"
#include "codegen/NarrowContraction.h"
#include "codegen/Passes.h"

#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorTransforms.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_CPUTILECONTRACTIONSPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;
using nn::constantBytes;
using nn::foldConstantPad;
using nn::hoistInvariantsAround;
using nn::makeInnermost;
using nn::packOperand;
using nn::resultPosition;

namespace {

/// Cache tile extents (upper bounds; each is shrunk to a divisor).
constexpr int64_t kCacheM = 64, kCacheN = 256, kCacheK = 128;

/// Products with no cache-tile loop to share between threads are halved for
/// them from this many multiply-adds on.
constexpr int64_t kMinSplitMacs = 1 << 20;

/// The loops of a contraction the micro-kernel understands.
struct ContractionLoops {
  SmallVector<unsigned> batch;
  unsigned m, n, k;
};

/// Matches f32 contractions on static tensors with exactly one M, N and K
/// loop whose output is indexed (batch..., m, n) with n innermost.
std::optional<ContractionLoops> matchContraction(linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics() || op.hasDynamicShape() ||
      op->getNumResults() != 1 || op.getNumDpsInputs() != 2 ||
      !linalg::isaContractionOpInterface(op)) {
    return std::nullopt;
  }
  for (Value v : op->getOperands()) {
    if (!getElementTypeOrSelf(v.getType()).isF32()) {
      return std::nullopt;
    }
  }
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || dims->m.empty() || dims->n.empty() ||
      dims->k.size() != 1) {
    return std::nullopt;
  }
  // The micro-kernel's N is the loop innermost in C, its M the M loop read
  // last by C; any other M or N loop (e.g. the image loop of an im2col
  // convolution, read by the columns and C but not the filter) is run like a
  // batch loop, one index at a time.
  AffineMap out = op.getIndexingMapsArray().back();
  if (!out.isProjectedPermutation() || out.getNumResults() < 2) {
    return std::nullopt;
  }
  unsigned n = cast<AffineDimExpr>(out.getResults().back()).getPosition();
  if (!llvm::is_contained(dims->n, n)) {
    return std::nullopt;
  }
  std::optional<unsigned> m;
  for (AffineExpr e : out.getResults()) {
    unsigned d = cast<AffineDimExpr>(e).getPosition();
    if (llvm::is_contained(dims->m, d)) {
      m = d;
    }
  }
  if (!m) {
    return std::nullopt;
  }
  ContractionLoops loops{
      SmallVector<unsigned>(dims->batch.begin(), dims->batch.end()), *m, n,
      dims->k[0]};
  for (unsigned d : llvm::concat<const unsigned>(dims->m, dims->n)) {
    if (d != *m && d != n) {
      loops.batch.push_back(d);
    }
  }
  llvm::sort(loops.batch);
  return loops;
}

/// The register tile (rows x cols of C held in vector registers) and the
/// extents M and N are padded to. A nonzero splitN asks instead to split N
/// there first (each part then picks its own tile).
struct RegisterTile {
  int64_t rows, cols, paddedM, paddedN;
  int64_t splitN = 0;
};

/// Picks the register tile for an M x N result, at most maxRows x maxCols.
/// Rows: the largest count <= maxRows dividing M (no padding, no wasted FMAs;
/// a small M such as a batch-1 GEMV keeps its own row count); only when that
/// count would be poor (< 4) is M padded to a multiple of maxRows. Columns:
/// the widest power-of-two multiple of 8 lanes dividing N (narrower than
/// maxCols only for N < 256). Otherwise N is either padded to a multiple of
/// the tile (16 below N = 256) or split after its last whole tile (of 8
/// lanes when N < 64), each part then tiled on its own. Padding costs a
/// zero-filled copy of B (K x N, for a conv its whole im2col buffer) and of
/// C per call, unless B is a constant (`constantB`: the pad folds). The
/// split's tail re-reads A (M x K) with few lanes busy: fine for a tail of
/// 4 or more lanes, a small A (in L2) or a pad that would copy more than A;
/// a 1-lane tail over a layer-4 ResNet filter (512 x 4608) is not (padding
/// 49 columns to 64 is faster). A GEMV (rows < 4) over a constant B pads
/// when that adds at most 1/16 of N. Below 8 lanes the tile is N wide.
RegisterTile chooseRegisterTile(int64_t m, int64_t n, int64_t k,
                                int64_t maxRows, int64_t maxCols,
                                bool constantB) {
  RegisterTile t{1, 8, m, n};
  if (m <= maxRows) {
    t.rows = m;
  } else {
    for (int64_t r = maxRows; r >= 1; --r) {
      if (m % r == 0) {
        t.rows = r;
        break;
      }
    }
    if (t.rows < 4) {
      t.rows = maxRows;
      t.paddedM = llvm::alignTo(m, maxRows);
    }
  }
  // Few rows (a GEMV-like product) leave few accumulators: widen the tile
  // so enough independent FMA chains hide the FMA latency.
  int64_t widest = t.rows < 4 ? 4 * maxCols : maxCols;
  t.cols = 0;
  for (int64_t c = widest; c >= 8; c /= 2) {
    if (n % c == 0 && (c >= maxCols || n < 256)) {
      t.cols = c;
      break;
    }
  }
  if (t.cols == 0) {
    t.cols = n < 256 ? 16 : widest;
    int64_t padded = llvm::alignTo(n, t.cols);
    int64_t padCost = (constantB ? 0 : k * padded) + m * padded;
    int64_t split = n - n % (n >= 64 ? t.cols : 8), tail = n - split;
    bool splitCheap = tail >= 4 || m * k * 4 <= (1 << 20) || m * k <= padCost;
    // A GEMV over constant weights (a classifier's 1000 outputs) pads for
    // almost nothing (the weights at compile time, C's few rows per call):
    // 1024 columns run as 8 even thread tiles, where 896 + 104 ran 7 tiles
    // (4 against 3 on 2 threads) and then the tail on one thread.
    bool padCheap = constantB && t.rows < 4 && (padded - n) * 16 <= n;
    if (n < 8) {
      t.cols = n;
    } else if (padCheap) {
      t.paddedN = padded;
    } else if (splitCheap && (n >= 64 || !constantB)) {
      t.splitN = split;
    } else {
      t.paddedN = padded;
    }
  }
  return t;
}

/// The largest multiple of `step` that divides `extent` and is at most
/// `bound`; `extent` itself when it is below `bound`; 0 (do not tile) when
/// there is none.
int64_t tileSize(int64_t extent, int64_t bound, int64_t step) {
  if (extent <= bound) {
    return 0;
  }
  for (int64_t t = bound - bound % step; t >= step; t -= step) {
    if (extent % t == 0) {
      return t;
    }
  }
  return 0;
}

/// Like tileSize, but only tiles of at least half of `bound` that split
/// `extent` into an even number of tiles (preferred) or at least 8: the
/// thread tiles of a parallel loop, which the runtime splits into one
/// contiguous range per thread (3 tiles on 2 threads kept one waiting a
/// third of the time). 0 if none.
int64_t threadTileSize(int64_t extent, int64_t bound, int64_t step) {
  // An even count first: MobileNetV2's 576 rows made 9 tiles of 64, 5
  // against 4 on 2 threads; 12 of 48 split evenly (its 96->576 1x1 conv at 2
  // threads: 0.051 -> 0.047 ms).
  for (bool evenOnly : {true, false}) {
    for (int64_t t = bound - bound % step; t >= step && 2 * t >= bound;
         t -= step) {
      if (extent % t == 0 &&
          ((extent / t) % 2 == 0 || (!evenOnly && extent / t >= 8))) {
        return t;
      }
    }
  }
  return 0;
}

SmallVector<OpFoldResult> indexSizes(MLIRContext *ctx,
                                     ArrayRef<int64_t> sizes) {
  Builder b(ctx);
  SmallVector<OpFoldResult> result;
  for (int64_t s : sizes) {
    result.push_back(b.getIndexAttr(s));
  }
  return result;
}

/// A contraction whose reduction runs over several consecutive loops read
/// contiguously by every operand (a matmul that reshape propagation fused
/// with the flatten in front of it: [N, C, H, W] x [F, C, H, W]) becomes one
/// with a single K loop, the form matchContraction and the micro-kernel
/// take; otherwise it would stay a scalar loop nest.
void collapseReductionLoops(RewriterBase &rewriter, linalg::GenericOp op) {
  if (!op.hasPureTensorSemantics() || op.hasDynamicShape() ||
      !linalg::isaContractionOpInterface(op)) {
    return;
  }
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || dims->k.size() < 2) {
    return;
  }
  SmallVector<unsigned> k(dims->k.begin(), dims->k.end());
  llvm::sort(k);
  for (size_t i = 1; i < k.size(); ++i) {
    if (k[i] != k[i - 1] + 1) {
      return;
    }
  }
  SmallVector<ReassociationIndices> groups;
  for (unsigned d = 0; d < op.getNumLoops(); ++d) {
    if (d > k.front() && d <= k.back()) {
      groups.back().push_back(d);
    } else {
      groups.push_back({int64_t(d)});
    }
  }
  ReassociationIndices kGroup(k.begin(), k.end());
  if (!linalg::areDimSequencesPreserved(op.getIndexingMapsArray(), {kGroup})) {
    return;
  }
  rewriter.setInsertionPoint(op);
  FailureOr<linalg::CollapseResult> collapsed =
      linalg::collapseOpIterationDims(op, groups, rewriter);
  if (succeeded(collapsed)) {
    rewriter.replaceOp(op, collapsed->results);
  }
}

/// The elementwise N-C-H-W generic that is the only user of `conv`'s
/// result and reads it as its init (a conv group's epilogue, written in
/// place by nn-lower-fusion-groups), or null.
linalg::GenericOp elementwiseUser(linalg::Conv2DNchwFchwOp conv) {
  Value result = conv->getResult(0);
  if (!result.hasOneUse()) {
    return nullptr;
  }
  auto user = dyn_cast<linalg::GenericOp>(*result.getUsers().begin());
  if (!user || user.getNumDpsInits() != 1 || user->getNumResults() != 1 ||
      user.getNumLoops() != 4 || user.getNumReductionLoops() != 0 ||
      user.getDpsInits()[0] != result) {
    return nullptr;
  }
  return user;
}

struct CpuTileContractionsPass
    : nn::impl::CpuTileContractionsPassBase<CpuTileContractionsPass> {
  using CpuTileContractionsPassBase::CpuTileContractionsPassBase;

  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    // 2-D convolutions (groups = 1) become im2col + a batched contraction
    // (filter [F, C*KH*KW] x columns [N, C*KH*KW, OH*OW]), which the
    // micro-kernel below then handles like any matmul.
    SmallVector<linalg::Conv2DNchwFchwOp> convs;
    getOperation().walk([&](linalg::Conv2DNchwFchwOp conv) {
      auto type = dyn_cast<RankedTensorType>(conv->getResult(0).getType());
      if (type && type.hasStaticShape() && type.getElementType().isF32() &&
          conv.hasPureTensorSemantics() &&
          !linalg::LinalgOp(conv).hasDynamicShape()) {
        convs.push_back(conv);
      }
    });
    SmallVector<linalg::GenericOp> epilogues;
    for (linalg::Conv2DNchwFchwOp conv : convs) {
      linalg::GenericOp epilogue =
          fuseEpilogues ? elementwiseUser(conv) : linalg::GenericOp();
      rewriter.setInsertionPoint(conv);
      if (succeeded(nn::rewriteConvAsIm2Col(rewriter, conv))) {
        // Over N x F x OH*OW, like the contraction's result.
        if (epilogue) {
          epilogues.push_back(cast_or_null<linalg::GenericOp>(
              nn::collapseSpatialDims(rewriter, epilogue)));
        }
      } else {
        (void)linalg::rewriteInIm2Col(rewriter, conv); // else: direct loops
      }
    }

    SmallVector<linalg::GenericOp> multiK;
    getOperation().walk([&](linalg::GenericOp op) { multiK.push_back(op); });
    for (linalg::GenericOp op : multiK) {
      collapseReductionLoops(rewriter, op);
    }

    SmallVector<linalg::LinalgOp> candidates;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (matchContraction(op)) {
        candidates.push_back(op);
      }
    });
    SmallVector<scf::ForOp> kLoops;
    for (linalg::LinalgOp op : candidates) {
      if (failed(tileAndVectorize(rewriter, op, kLoops))) {
        return signalPassFailure();
      }
    }

    // Conv epilogues into the loop of the conv's output tiles (also of a
    // Winograd conv's output transform, nn-cpu-winograd-conv).
    if (fuseEpilogues) {
      getOperation().walk([&](linalg::GenericOp op) {
        auto loop = op.getNumDpsInits() == 1
                        ? op.getDpsInits()[0].getDefiningOp<scf::ForallOp>()
                        : scf::ForallOp();
        if (loop && loop->hasAttr("nn.conv_output")) {
          epilogues.push_back(op);
        }
      });
    }
    SmallVector<linalg::GenericOp> rows;
    for (linalg::GenericOp epilogue : epilogues) {
      if (!epilogue) {
        continue;
      }
      for (linalg::GenericOp part :
           nn::distributeEpilogueOverParts(rewriter, epilogue)) {
        if (linalg::GenericOp tile = nn::fuseEpilogueIntoLoop(rewriter, part)) {
          rows.push_back(tile);
        }
      }
    }
    // Elementwise ops in a fused group's tile loop (the bias broadcast and
    // the epilogue around a contraction): rows, vectorized.
    getOperation().walk([&](linalg::GenericOp op) {
      auto loop = op->getParentOfType<scf::ForallOp>();
      if (loop && loop->hasAttr("nn.fused_kernel")) {
        rows.push_back(op);
      }
    });
    for (linalg::GenericOp op : rows) {
      vectorizeRows(rewriter, op);
    }

    // The vectorized generic is broadcast * broadcast -> multi_reduction:
    // fold it into vector.contract, then contract -> outer products -> FMAs;
    // transposed transfers become plain ones (toolchain.md section 2).
    {
      RewritePatternSet patterns(&getContext());
      vector::populateVectorReductionToContractPatterns(patterns);
      vector::populateSinkVectorOpsPatterns(patterns);
      vector::MultiDimReductionOp::getCanonicalizationPatterns(patterns,
                                                               &getContext());
      vector::ContractionOp::getCanonicalizationPatterns(patterns,
                                                         &getContext());
      vector::TransposeOp::getCanonicalizationPatterns(patterns, &getContext());
      vector::BroadcastOp::getCanonicalizationPatterns(patterns, &getContext());
      if (failed(applyPatternsGreedily(getOperation(), std::move(patterns)))) {
        return signalPassFailure();
      }
    }
    {
      RewritePatternSet patterns(&getContext());
      vector::populateVectorContractLoweringPatterns(
          patterns, vector::VectorContractLowering::OuterProduct);
      vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
      vector::populateVectorOuterProductLoweringPatterns(patterns);
      if (failed(applyPatternsGreedily(getOperation(), std::move(patterns)))) {
        return signalPassFailure();
      }
    }

    // C tile: first its tensor slice, then its vector read/write pair leave
    // the K loop, so C lives in registers across K.
    for (scf::ForOp loop : kLoops) {
      LoopLikeOpInterface hoisted = hoistLoopInvariantSubsets(rewriter, loop);
      hoistLoopInvariantSubsets(rewriter, hoisted);
    }
    // Each C tile's first read, of a bias broadcast or a fill, becomes that
    // value in registers; the broadcast over the whole output then dies.
    if (foldInit) {
      nn::foldInitIntoTiles(rewriter, getOperation());
    }
  }

  /// Tiles a static f32 elementwise generic into rows (every dim by 1 but
  /// the innermost, whole when at most 256 and a multiple of 8) and
  /// vectorizes each row. Left as it is otherwise. Lowered as loops over
  /// strided tile views, such ops stayed scalar.
  void vectorizeRows(RewriterBase &rewriter, linalg::GenericOp op) {
    if (!op.hasPureTensorSemantics() || op.hasDynamicShape() ||
        op.getNumReductionLoops() != 0 || op->getNumResults() != 1 ||
        op.hasIndexSemantics() ||
        !getElementTypeOrSelf(op->getResult(0).getType()).isF32()) {
      return;
    }
    SmallVector<int64_t> extents = op.getStaticLoopRanges();
    int64_t inner = extents.back();
    if (inner % 8 != 0 || inner > 256) {
      return;
    }
    SmallVector<int64_t> rows(extents.size(), 1);
    rows.back() = 0;
    scf::SCFTilingOptions tiling;
    tiling.setTileSizes(indexSizes(&getContext(), rows));
    rewriter.setInsertionPoint(op);
    auto target = cast<TilingInterface>(op.getOperation());
    FailureOr<scf::SCFTilingResult> tiled =
        scf::tileUsingSCF(rewriter, target, tiling);
    if (failed(tiled)) {
      return;
    }
    rewriter.replaceOp(op, tiled->replacements);
    Operation *row = tiled->tiledOps.back();
    rewriter.setInsertionPoint(row);
    FailureOr<linalg::VectorizationResult> vectorized =
        linalg::vectorize(rewriter, row);
    if (succeeded(vectorized)) {
      rewriter.replaceOp(row, vectorized->replacements);
    }
  }

  LogicalResult tileAndVectorize(RewriterBase &rewriter, linalg::LinalgOp named,
                                 SmallVectorImpl<scf::ForOp> &kLoops) {
    // Work on a generic so operand maps can be changed in place.
    rewriter.setInsertionPoint(named);
    linalg::GenericOp op;
    if (auto generic = dyn_cast<linalg::GenericOp>(named.getOperation())) {
      op = generic;
    } else {
      FailureOr<linalg::GenericOp> g =
          linalg::generalizeNamedOp(rewriter, named);
      if (failed(g)) {
        return success(); // leave it to the loop lowering
      }
      op = *g;
    }
    ContractionLoops loops = *matchContraction(op);
    // Inside a conv's per-image loop (Im2Col.cpp), that loop is the one
    // threads share; inside a fusion group's tile loop, this op reads tiles
    // of larger tensors.
    auto parentLoop = op->getParentOfType<scf::ForallOp>();
    bool inImageLoop = parentLoop && parentLoop->hasAttr("nn.image_loop");
    bool inGroupTile = parentLoop && !inImageLoop;

    // 1. Operand A (the one indexed by m) has k innermost, B has n.
    unsigned a = 0, b = 1;
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    if (!resultPosition(maps[0], loops.m)) {
      std::swap(a, b);
    }
    if (!makeInnermost(rewriter, op, a, loops.k) ||
        !makeInnermost(rewriter, op, b, loops.n)) {
      return success();
    }

    // 1b. Constant filters times a narrow N (a conv's 7x7 outputs): computed
    //     transposed, on weight panels packed at compile time.
    if (linalg::GenericOp transposed = nn::transposeNarrowProduct(
            rewriter, op, loops.m, loops.n, loops.k, registerCols)) {
      return tileAndVectorize(rewriter, transposed, kLoops);
    }

    // 2. Register tile and padding (chooseRegisterTile), then pad.
    SmallVector<int64_t> extents = op.getStaticLoopRanges();
    RegisterTile tile = chooseRegisterTile(
        extents[loops.m], extents[loops.n], extents[loops.k], registerRows,
        registerCols, constantBytes(op.getDpsInputs()[b]).has_value());
    if (tile.splitN != 0) {
      rewriter.setInsertionPoint(op);
      auto [head, tail] =
          linalg::splitOp(rewriter, cast<TilingInterface>(op.getOperation()),
                          loops.n, rewriter.getIndexAttr(tile.splitN));
      if (failed(tileAndVectorize(
              rewriter, cast<linalg::LinalgOp>(head.getOperation()), kLoops)))
        return failure();
      return tileAndVectorize(
          rewriter, cast<linalg::LinalgOp>(tail.getOperation()), kLoops);
    }
    int64_t rows = tile.rows, cols = tile.cols;
    if (tile.paddedM != extents[loops.m] || tile.paddedN != extents[loops.n]) {
      linalg::LinalgPaddingOptions padding;
      Attribute zero = rewriter.getF32FloatAttr(0.0f);
      padding.setPaddingValues({zero, zero, zero});
      padding.setPaddingDimensions({loops.m, loops.n});
      for (auto [i, map] : llvm::enumerate(op.getIndexingMapsArray())) {
        for (auto [j, e] : llvm::enumerate(map.getResults())) {
          auto d = dyn_cast<AffineDimExpr>(e);
          if (d && d.getPosition() == loops.m) {
            padding.setSizeToPadTo(i, j, rewriter.getIndexAttr(tile.paddedM));
          } else if (d && d.getPosition() == loops.n) {
            padding.setSizeToPadTo(i, j, rewriter.getIndexAttr(tile.paddedN));
          }
        }
      }
      padding.setNofoldFlags({false, false, false});
      padding.setCopyBackOp(linalg::LinalgPaddingOptions::CopyBackOp::None);
      linalg::LinalgOp padded;
      SmallVector<Value> replacements;
      SmallVector<tensor::PadOp> padOps;
      rewriter.setInsertionPoint(op);
      if (failed(linalg::rewriteAsPaddedOp(rewriter, op, padding, padded,
                                           replacements, padOps))) {
        return success();
      }
      rewriter.replaceOp(op, replacements);
      for (tensor::PadOp pad : padOps) {
        foldConstantPad(rewriter, pad);
      }
      // Inside a fusion group's tile loop, a pad of an operand the tile
      // reads whole (the im2col columns of a conv tiled over filters)
      // would otherwise be redone for every tile.
      hoistInvariantsAround(padded);
      op = cast<linalg::GenericOp>(padded.getOperation());
      extents = op.getStaticLoopRanges();
    }

    // As linalg.contract (same maps, mul-add body), the vectorizer emits
    // vector.contract directly instead of broadcast * broadcast -> reduce.
    rewriter.setInsertionPoint(op);
    auto contract = linalg::ContractOp::create(
        rewriter, op.getLoc(), op->getResultTypes(), op.getDpsInputs(),
        op.getDpsInits(), op.getIndexingMaps());
    rewriter.replaceOp(op, contract->getResults());

    // 3. Cache tiles; 4. register tiles.
    int64_t numLoops = extents.size();
    SmallVector<int64_t> cache(numLoops, 0), reg(numLoops, 0);
    for (unsigned d : loops.batch) {
      cache[d] = 1;
      reg[d] = 1;
    }
    cache[loops.m] = tileSize(extents[loops.m], kCacheM, rows);
    cache[loops.n] = tileSize(extents[loops.n], kCacheN, cols);
    cache[loops.k] = tileSize(extents[loops.k], kCacheK, 1);
    reg[loops.m] = rows;
    reg[loops.n] = cols;
    reg[loops.k] = 1;

    // Threads take whole cache tiles of one parallel loop (a batch loop, else
    // N, else M) through an scf.forall, which nn-cpu-parallelize later turns
    // into a runtime parallel loop.
    auto target = cast<TilingInterface>(contract.getOperation());
    std::optional<unsigned> threadDim;
    for (unsigned d :
         inImageLoop ? ArrayRef<unsigned>() : ArrayRef<unsigned>(loops.batch)) {
      if (extents[d] > 1) {
        threadDim = d;
        break;
      }
    }
    if (inImageLoop) {
      // threads already share the images
    } else if (!threadDim && cache[loops.n] != 0) {
      threadDim = loops.n;
    } else if (!threadDim && cache[loops.m] != 0) {
      threadDim = loops.m;
    }
    // Neither N nor M spans more than one cache tile (MobileNetV2's 14x14
    // projections, 64 x 384 x 196): without a split the whole product runs
    // on one thread. A large one is halved along N (each thread reads half
    // of B and all of the smaller A), else along M.
    int64_t macs = extents[loops.m] * extents[loops.n] * extents[loops.k];
    if (!threadDim && !inImageLoop && !inGroupTile && macs >= kMinSplitMacs) {
      if (extents[loops.n] % (2 * cols) == 0) {
        threadDim = loops.n;
        cache[loops.n] = extents[loops.n] / 2;
      } else if (extents[loops.m] % (2 * rows) == 0) {
        threadDim = loops.m;
        cache[loops.m] = extents[loops.m] / 2;
      }
    }
    if (threadDim && (*threadDim == loops.m || *threadDim == loops.n)) {
      bool m = *threadDim == loops.m;
      if (int64_t even = threadTileSize(
              extents[*threadDim], m ? kCacheM : kCacheN, m ? rows : cols)) {
        cache[*threadDim] = even;
      }
    }
    if (threadDim) {
      SmallVector<int64_t> threadTiles(numLoops, 0);
      threadTiles[*threadDim] = cache[*threadDim];
      scf::SCFTilingOptions threadTiling;
      threadTiling.setTileSizes(indexSizes(&getContext(), threadTiles));
      threadTiling.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
      FailureOr<scf::SCFTilingResult> forall =
          scf::tileUsingSCF(rewriter, target, threadTiling);
      if (failed(forall)) {
        return contract.emitError("thread tiling of the contraction failed");
      }
      rewriter.replaceOp(contract, forall->replacements);
      target = cast<TilingInterface>(forall->tiledOps.back());
      cache[*threadDim] = 0;
    }

    // Cache loops run batch, N, K, M (M innermost): the B panel of one
    // (K, N) tile is packed once and reused by every M tile.
    SmallVector<int64_t> interchange(loops.batch.begin(), loops.batch.end());
    interchange.append({loops.n, loops.k, loops.m});
    scf::SCFTilingOptions cacheTiling;
    cacheTiling.setTileSizes(indexSizes(&getContext(), cache));
    cacheTiling.setInterchange(interchange);
    FailureOr<scf::SCFTilingResult> outer =
        scf::tileUsingSCF(rewriter, target, cacheTiling);
    if (failed(outer)) {
      return target->emitError("cache tiling of the contraction failed");
    }
    rewriter.replaceOp(target, outer->replacements);

    auto tiled = cast<TilingInterface>(outer->tiledOps.back());
    // Packing pays off when the panel is reused by many M tiles of the same
    // thread: more than one cache tile of rows (8 register tiles). For
    // fewer the copy, a heap buffer per K tile when over 16 KiB, costs more
    // than the strided reads it saves (MobileNetV2's pointwise products with
    // 24-32 output channels; ResNet-18's 64-channel Winograd products:
    // 4.04 -> 3.89 and 12.05 -> 11.5 ms). Threads over M (N fits one panel,
    // rows <= 1 KiB apart) would each repack it. A contraction inside a
    // fusion group's tile loop reads a panel of a larger tensor too (rows of
    // a conv's im2col columns OH*OW floats apart).
    if (extents[loops.m] > kCacheM && threadDim != loops.m &&
        (cache[loops.n] != 0 || cache[loops.k] != 0 || threadDim ||
         inGroupTile)) {
      packOperand(rewriter, tiled, b, outer->loops);
    }
    scf::SCFTilingOptions regTiling;
    regTiling.setTileSizes(indexSizes(&getContext(), reg));
    FailureOr<scf::SCFTilingResult> inner =
        scf::tileUsingSCF(rewriter, tiled, regTiling);
    if (failed(inner)) {
      return tiled->emitError("register tiling of the contraction failed");
    }
    rewriter.replaceOp(tiled, inner->replacements);

    // 5. vector.contract on the register tile, then C becomes a vector
    //    carried by the K loop (innermost tile loop).
    Operation *kernel = inner->tiledOps.back();
    rewriter.setInsertionPoint(kernel);
    FailureOr<linalg::VectorizationResult> vectorized = linalg::vectorize(
        rewriter, kernel, /*inputVectorSizes=*/{}, /*scalableVecDims=*/{},
        /*vectorizeNDExtract=*/false, /*flatten1DDepthwiseConv=*/false,
        /*assumeDynamicDimsMatchVecSizes=*/false,
        /*createNamedContraction=*/true);
    if (failed(vectorized)) {
      return success(); // stays a tiled scalar loop nest: correct, slower
    }
    rewriter.replaceOp(kernel, vectorized->replacements);
    if (auto k = dyn_cast_or_null<scf::ForOp>(
            inner->loops.empty() ? nullptr
                                 : inner->loops.back().getOperation())) {
      kLoops.push_back(k);
    }
    return success();
  }
};

} // namespace
