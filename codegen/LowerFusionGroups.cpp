//===- LowerFusionGroups.cpp - one loop nest per fused group ---*- C++ -*-===//
//
// In: func.func after convert-nn-to-linalg, where each nn.fusion_group holds
// linalg/tensor ops on tensors. Out: no nn.fusion_group; the ops of each
// group are one scf.for nest (marked `nn.fused_kernel`) built by tiling the
// op that produces the group's value and fusing every producer of the group
// into the tile loop. Producers outside the group are never pulled in.
// A conv group (conv + elementwise epilogue) is first rewritten as im2col +
// a contraction so that it tiles like a matmul group (im2colConvolution).
//
//===----------------------------------------------------------------------===//

#include "codegen/ConvEpilogue.h"
#include "codegen/Passes.h"
#include "ir/NNOps.h"

#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/TilingInterface.h"

#define DEBUG_TYPE "nn-lower-fusion-groups"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_LOWERFUSIONGROUPSPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;
using nn::collapseSpatialDims;
using nn::skipReshapePair;

namespace {
/// Leading parallel loops of `op`.
int64_t parallelPrefix(TilingInterface op) {
  int64_t n = 0;
  for (utils::IteratorType t : op.getLoopIteratorTypes()) {
    if (t != utils::IteratorType::parallel) {
      break;
    }
    ++n;
  }
  return n;
}

/// True if an indexing map of `op` reverses a dimension (`-d + c`, as in a
/// flipped convolution kernel): upstream tiling mis-sizes such slices, so a
/// group containing one is left untiled.
bool reversesADimension(TilingInterface op) {
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op.getOperation());
  if (!linalgOp) {
    return false;
  }
  bool negative = false;
  for (AffineMap map : linalgOp.getIndexingMapsArray()) {
    for (AffineExpr expr : map.getResults()) {
      expr.walk([&](AffineExpr e) {
        auto mul = dyn_cast<AffineBinaryOpExpr>(e);
        if (mul && mul.getKind() == AffineExprKind::Mul) {
          auto c = dyn_cast<AffineConstantExpr>(mul.getRHS());
          negative |= c && c.getValue() < 0;
        }
      });
    }
  }
  return negative;
}

/// Smallest C*KH*KW for which a conv group is tiled as im2col + contraction.
constexpr int64_t kMinIm2colReduction = 256;

/// True if an indexing map of `op` uses mod / floordiv / ceildiv (an im2col
/// gather): upstream tiling sizes such slices from the tile sizes alone,
/// which is wrong once a tile wraps around a row, so such an op is never
/// fused into a tile loop (it runs once, in front of it).
bool hasNonLinearMap(Operation *op) {
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp) {
    return false;
  }
  bool nonLinear = false;
  for (AffineMap map : linalgOp.getIndexingMapsArray()) {
    for (AffineExpr expr : map.getResults()) {
      expr.walk([&](AffineExpr e) {
        nonLinear |= e.getKind() == AffineExprKind::Mod ||
                     e.getKind() == AffineExprKind::FloorDiv ||
                     e.getKind() == AffineExprKind::CeilDiv;
      });
    }
  }
  return nonLinear;
}

/// A statically shaped f32 2-D convolution of the group whose result only an
/// elementwise N-C-H-W epilogue of the group reads becomes im2col + a
/// contraction over N x F x (OH*OW), and the epilogue (and the bias
/// broadcast the contraction accumulates into) are collapsed to that shape,
/// so the group tiles like a matmul group: per output tile, the contraction
/// micro-kernel (nn-cpu-tile-contractions) then the epilogue, while the tile
/// is in cache. The im2col gather runs once in front of the tile loop.
/// Returns true if it rewrote a convolution.
bool im2colConvolution(RewriterBase &rewriter, Block &body) {
  linalg::Conv2DNchwFchwOp conv;
  for (Operation &op : body) {
    if (auto c = dyn_cast<linalg::Conv2DNchwFchwOp>(&op)) {
      conv = c;
      break;
    }
  }
  if (!conv || !conv.hasPureTensorSemantics() ||
      linalg::LinalgOp(conv.getOperation()).hasDynamicShape() ||
      !conv->getResult(0).hasOneUse()) {
    return false;
  }
  // Measured (bench/README.md): with a short reduction (C*KH*KW < 256, the
  // 1x1 convs of MobileNetV2) the tiled group ran up to 3x slower than
  // conv then epilogue, so such convs are left whole.
  auto filterType = cast<RankedTensorType>(conv.getInputs()[1].getType());
  if (filterType.getNumElements() / filterType.getDimSize(0) <
      kMinIm2colReduction) {
    return false;
  }
  for (Value v : conv->getOperands()) {
    if (!getElementTypeOrSelf(v.getType()).isF32()) {
      return false;
    }
  }
  auto epilogue =
      dyn_cast<linalg::GenericOp>(*conv->getResult(0).getUsers().begin());
  SmallVector<ReassociationIndices> dims = {{0}, {1}, {2, 3}};
  if (!epilogue || epilogue->getBlock() != &body ||
      epilogue.getNumReductionLoops() != 0 || epilogue.getNumLoops() != 4 ||
      epilogue->getNumResults() != 1 ||
      !linalg::areDimSequencesPreserved(epilogue.getIndexingMapsArray(),
                                        dims)) {
    return false;
  }
  Operation *init = conv.getDpsInits()[0].getDefiningOp();
  rewriter.setInsertionPoint(conv);
  FailureOr<std::pair<Operation *, Operation *>> im2col =
      linalg::rewriteInIm2Col(rewriter, conv);
  if (failed(im2col)) {
    return false;
  }
  // The contraction (under the expand_shape that replaced the conv) reads
  // its init, now the bias broadcast, through a collapse_shape.
  Operation *contraction = im2col->second->getOperand(0).getDefiningOp();
  if (auto initOp = dyn_cast_or_null<linalg::LinalgOp>(init);
      contraction && initOp && init->getBlock() == &body && init->hasOneUse() &&
      collapseSpatialDims(rewriter, initOp)) {
    for (OpOperand &operand : contraction->getOpOperands()) {
      Value direct = skipReshapePair(operand.get());
      if (direct != operand.get()) {
        rewriter.modifyOpInPlace(contraction, [&] { operand.set(direct); });
      }
    }
  }
  collapseSpatialDims(rewriter, epilogue);
  // The reshape round trips left behind would count as extra uses of the
  // contraction's result (and keep writeInPlace from firing).
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(body))) {
    if (isa<tensor::CollapseShapeOp, tensor::ExpandShapeOp, tensor::EmptyOp>(
            op) &&
        op.use_empty()) {
      rewriter.eraseOp(&op);
    }
  }
  return true;
}

/// Elements per tile aimed at when tiling rows (16 KiB of f32: an L1-sized
/// tile, and few enough trips that the loop's overhead stays small).
constexpr int64_t kRowTileElements = 4096;

/// The largest multiple of `step` that is at most `bound` and divides
/// `extent` (a static extent); 0 (do not tile) when there is none.
int64_t dividingTile(int64_t extent, int64_t bound, int64_t step) {
  if (extent <= 0) {
    return 0;
  }
  for (int64_t t = bound - bound % step; t >= step; t -= step) {
    if (extent % t == 0) {
      return t;
    }
  }
  return 0;
}

/// Tile sizes for the root `root` of a group whose structured ops are `ops`
/// (0 = not tiled); empty when the group cannot be tiled into a loop with
/// more than one iteration. Dimensions are tiled only inside the parallel
/// prefix shared by every reducing op of the group, so no producer's
/// reduction is split (it would be recomputed per tile).
SmallVector<int64_t> chooseTileSizes(OpBuilder &b, TilingInterface root,
                                     ArrayRef<TilingInterface> ops) {
  int64_t rank = root.getLoopIteratorTypes().size();
  int64_t prefix = parallelPrefix(root);
  bool matmulLike = false;
  for (TilingInterface op : ops) {
    auto iters = op.getLoopIteratorTypes();
    if (llvm::is_contained(iters, utils::IteratorType::reduction)) {
      prefix = std::min(prefix, parallelPrefix(op));
    }
    if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op.getOperation())) {
      // A convolution is left whole: the CPU pipeline turns it into im2col
      // + the contraction micro-kernel, which needs the untiled op.
      if (linalg::isaConvolutionOpInterface(linalgOp)) {
        return {};
      }
      matmulLike |= linalg::isaContractionOpInterface(linalgOp);
    }
  }
  SmallVector<int64_t> extents;
  for (Range range : root.getIterationDomain(b)) {
    extents.push_back(getConstantIntValue(range.size).value_or(-1));
  }
  SmallVector<int64_t> tiles(rank, 0);
  if (matmulLike && prefix >= 2) {
    // M x N tiles the contraction can be vectorized in; batch dims by 1.
    for (int64_t d = 0; d < prefix - 2; ++d) {
      tiles[d] = 1;
    }
    // Tiles that divide M and N keep every tile static, which the
    // contraction micro-kernel (nn-cpu-tile-contractions) needs.
    tiles[prefix - 2] = dividingTile(extents[prefix - 2], 64, 8);
    tiles[prefix - 1] = dividingTile(extents[prefix - 1], 256, 32);
  } else {
    // Rows: the leading dims (all but the innermost) are tiled so that a
    // tile holds about kRowTileElements elements -- whole rows, as many as
    // fit, outer dims by 1. One row per tile made the tile loop's overhead
    // (a malloc per reduction temporary, a loop trip) the cost of a short
    // row (attention softmax rows of 10, layer norm rows of 64).
    int64_t lead = std::min(prefix, rank - 1);
    int64_t elements = 1;
    for (int64_t d = lead; d < rank; ++d) {
      elements *= std::max<int64_t>(extents[d], 1);
    }
    bool full = false;
    for (int64_t d = lead - 1; d >= 0; --d) {
      if (full || extents[d] < 0) {
        tiles[d] = 1;
        full = true;
        continue;
      }
      // The largest divisor of the extent that keeps the tile in budget.
      int64_t t = 1;
      for (int64_t c = extents[d]; c >= 1; --c) {
        if (extents[d] % c == 0 && elements * c <= kRowTileElements) {
          t = c;
          break;
        }
      }
      tiles[d] = t;
      elements *= t;
      full = t < extents[d];
    }
  }
  // A loop of one iteration would be folded away, leaving the group as
  // separate loop nests: drop such tiles and, if no tiled loop iterates,
  // halve the largest tiled-over extent.
  bool iterates = false;
  int64_t widest = -1;
  for (int64_t d = 0; d < rank; ++d) {
    if (!tiles[d]) {
      continue;
    }
    if (widest < 0 || extents[d] > extents[widest]) {
      widest = d;
    }
    if (extents[d] >= 0 && extents[d] <= tiles[d]) {
      tiles[d] = 0;
      continue;
    }
    iterates = true;
  }
  if (!iterates) {
    if (widest < 0 || extents[widest] < 2) {
      return {};
    }
    tiles[widest] = (extents[widest] + 1) / 2;
  }
  return tiles;
}

struct LowerFusionGroupsPass
    : nn::impl::LowerFusionGroupsPassBase<LowerFusionGroupsPass> {
  using LowerFusionGroupsPassBase::LowerFusionGroupsPassBase;

  void runOnOperation() override {
    SmallVector<nn::FusionGroupOp> groups;
    getOperation().walk([&](nn::FusionGroupOp g) { groups.push_back(g); });
    IRRewriter rewriter(&getContext());
    for (nn::FusionGroupOp group : groups) {
      if (failed(tileGroup(rewriter, group))) {
        return signalPassFailure();
      }
      unwrap(rewriter, group);
    }
  }

  /// Tiles the producer of the group's (single) value and fuses the group's
  /// other ops into the loop nest; leaves groups it cannot tile as they are.
  LogicalResult tileGroup(RewriterBase &rewriter, nn::FusionGroupOp group) {
    Block &body = group.getBody().front();
    auto yield = cast<nn::YieldOp>(body.getTerminator());
    SmallVector<TilingInterface> ops;
    for (Operation &op : body) {
      if (auto t = dyn_cast<TilingInterface>(&op)) {
        ops.push_back(t);
      }
    }
    if (yield.getValues().size() != 1 || ops.size() < 2) {
      return success();
    }
    if (tile && im2colConvs && im2colConvolution(rewriter, body)) {
      ops.clear();
      for (Operation &op : body) {
        if (auto t = dyn_cast<TilingInterface>(&op)) {
          ops.push_back(t);
        }
      }
    }
    // The value may leave through reshapes (grouped convolutions, reshapes
    // that elementwise fusion moved); the loop nest computes their source.
    Value value = yield.getValues()[0];
    while (Operation *def = value.getDefiningOp()) {
      if (def->getBlock() != &body ||
          !isa<tensor::CollapseShapeOp, tensor::ExpandShapeOp>(def)) {
        break;
      }
      value = def->getOperand(0);
    }
    auto root = value.getDefiningOp<TilingInterface>();
    if (!root || root->getBlock() != &body ||
        llvm::any_of(ops, reversesADimension)) {
      return success();
    }
    root = writeInPlace(rewriter, root, body);
    rewriter.setInsertionPoint(root);
    SmallVector<int64_t> tiles =
        tile ? chooseTileSizes(rewriter, root, ops) : SmallVector<int64_t>();
    if (tiles.empty()) {
      return success();
    }
    scf::SCFTileAndFuseOptions options;
    // scf.forall: after bufferization its results are its output buffers, so
    // a group result that the function returns can become the caller's
    // buffer without a copy.
    options.tilingOptions.setLoopType(
        scf::SCFTilingOptions::LoopType::ForallOp);
    options.tilingOptions.setTileSizes(
        getAsIndexOpFoldResult(&getContext(), tiles));
    options.setFusionControlFn(
        [&](tensor::ExtractSliceOp, OpResult producer, bool)
            -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
          if (producer.getOwner()->getBlock() != &body ||
              hasNonLinearMap(producer.getOwner())) {
            return std::nullopt;
          }
          return scf::SCFTileAndFuseOptions::ControlFnResult{};
        });
    FailureOr<scf::SCFTileAndFuseResult> tiled =
        scf::tileConsumerAndFuseProducersUsingSCF(rewriter, root, options);
    if (failed(tiled)) {
      return group.emitError("cannot tile the fused group rooted at ")
             << root->getName()
             << "; run with --no-fusion to compile it unfused";
    }
    if (!tiled->loops.empty()) {
      tiled->loops.front()->setAttr("nn.fused_kernel", rewriter.getUnitAttr());
    }
    for (OpResult result : root->getResults()) {
      auto it = tiled->replacements.find(result);
      if (it != tiled->replacements.end()) {
        rewriter.replaceAllUsesWith(result, it->second);
      }
    }
    return success();
  }

  /// When the root is elementwise (all loops parallel, its output not read)
  /// and reads a same-typed value that only it uses, produced in the group
  /// (a contraction's accumulator), the root writes into that value instead
  /// of a fresh tensor. Tiling then fuses the producer through the root's
  /// destination, so each tile is accumulated, finished and stored in the
  /// output buffer itself, with no tile-sized temporary.
  TilingInterface writeInPlace(RewriterBase &rewriter, TilingInterface root,
                               Block &body) {
    auto generic = dyn_cast<linalg::GenericOp>(root.getOperation());
    if (!generic || generic.getNumDpsInits() != 1 ||
        generic.getNumReductionLoops() != 0) {
      return root;
    }
    OpOperand *init = generic.getDpsInitOperand(0);
    if (generic.payloadUsesValueFromOperand(init) ||
        !generic.getMatchingIndexingMap(init).isIdentity()) {
      return root;
    }
    for (OpOperand *input : generic.getDpsInputOperands()) {
      Value v = input->get();
      Operation *producer = v.getDefiningOp();
      if (v.getType() != init->get().getType() || !producer ||
          producer->getBlock() != &body || !v.hasOneUse() ||
          !generic.getMatchingIndexingMap(input).isIdentity() ||
          !isa<linalg::LinalgOp>(producer)) {
        continue;
      }
      // Same op without that input: the payload reads the output instead.
      unsigned index = input->getOperandNumber();
      SmallVector<Value> inputs;
      SmallVector<AffineMap> maps;
      for (OpOperand *other : generic.getDpsInputOperands()) {
        if (other != input) {
          inputs.push_back(other->get());
          maps.push_back(generic.getMatchingIndexingMap(other));
        }
      }
      maps.push_back(generic.getMatchingIndexingMap(init));
      rewriter.setInsertionPoint(generic);
      auto inPlace = linalg::GenericOp::create(
          rewriter, generic.getLoc(), generic.getResultTypes(), inputs,
          ValueRange{v}, maps, generic.getIteratorTypesArray());
      rewriter.inlineRegionBefore(generic.getRegion(), inPlace.getRegion(),
                                  inPlace.getRegion().begin());
      Block &payload = inPlace.getRegion().front();
      rewriter.replaceAllUsesWith(payload.getArgument(index),
                                  payload.getArguments().back());
      payload.eraseArgument(index);
      rewriter.replaceOp(generic, inPlace.getResults());
      return cast<TilingInterface>(inPlace.getOperation());
    }
    return root;
  }

  /// Replaces the group by the ops of its body.
  void unwrap(RewriterBase &rewriter, nn::FusionGroupOp group) {
    Block &body = group.getBody().front();
    auto yield = cast<nn::YieldOp>(body.getTerminator());
    SmallVector<Value> values(yield.getValues());
    rewriter.eraseOp(yield);
    rewriter.inlineBlockBefore(&body, group);
    rewriter.replaceOp(group, values);
  }
};
} // namespace
