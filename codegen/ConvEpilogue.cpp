//===- ConvEpilogue.cpp - a conv's elementwise epilogue in its kernel -----===//
//
// A convolution lowered to im2col + contraction (Im2Col.cpp) computes its
// output in an scf.forall: over the images, or over output tiles that the
// threads share (nn-cpu-tile-contractions). Its elementwise consumer (the
// residual add and activation of a fused conv group; the bias is already
// the contraction's initial value) is moved into that loop, so each output
// tile is finished while it is in cache instead of in a second pass over
// the whole output.
//
//===----------------------------------------------------------------------===//

#include "codegen/ConvEpilogue.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Dominance.h"
#include "mlir/Interfaces/TilingInterface.h"

using namespace mlir;

/// `v` without a collapse_shape(expand_shape(x)) round trip around it.
Value nn::skipReshapePair(Value v) {
  auto collapse = v.getDefiningOp<tensor::CollapseShapeOp>();
  if (!collapse) {
    return v;
  }
  auto expand = collapse.getSrc().getDefiningOp<tensor::ExpandShapeOp>();
  if (!expand || expand.getSrcType() != collapse.getResultType() ||
      expand.getReassociationIndices() != collapse.getReassociationIndices()) {
    return v;
  }
  return expand.getSrc();
}

/// Rewrites `op` (an N-C-H-W elementwise generic or fill) over N x C x HW,
/// its H and W loops collapsed into one, and drops the reshape round trips
/// this leaves on its operands. Returns the collapsed op, or null (then `op`
/// is left as it was).
Operation *nn::collapseSpatialDims(RewriterBase &rewriter,
                                   linalg::LinalgOp op) {
  SmallVector<ReassociationIndices> dims = {{0}, {1}, {2, 3}};
  if (op.getNumLoops() != 4 || op.getNumReductionLoops() != 0 ||
      !linalg::areDimSequencesPreserved(op.getIndexingMapsArray(), dims)) {
    return nullptr;
  }
  rewriter.setInsertionPoint(op);
  if (auto fill = dyn_cast<linalg::FillOp>(op.getOperation())) {
    // collapseOpIterationDims handles generics and copies only.
    auto type = cast<RankedTensorType>(fill.getResult(0).getType());
    Value init = tensor::CollapseShapeOp::create(rewriter, fill.getLoc(),
                                                 fill.getOutputs()[0], dims);
    auto collapsed = linalg::FillOp::create(rewriter, fill.getLoc(),
                                            fill.getInputs(), ValueRange{init});
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(
        fill, type, collapsed.getResult(0), dims);
    return collapsed;
  }
  if (!isa<linalg::GenericOp>(op.getOperation())) {
    return nullptr;
  }
  FailureOr<linalg::CollapseResult> collapsed =
      linalg::collapseOpIterationDims(op, dims, rewriter);
  if (failed(collapsed)) {
    return nullptr;
  }
  rewriter.replaceOp(op, collapsed->results);
  Operation *result = collapsed->collapsedOp.getOperation();
  for (OpOperand &operand : result->getOpOperands()) {
    Value direct = skipReshapePair(operand.get());
    if (direct != operand.get()) {
      rewriter.modifyOpInPlace(result, [&] { operand.set(direct); });
    }
  }
  return result;
}

/// Moves the reshapes and slices that define `v` (the residual, collapsed
/// like the epilogue and sliced like its part) in front of `point` when `v`
/// does not dominate it. False if `v` still does not dominate `point`.
static bool dominateOrHoist(RewriterBase &rewriter, DominanceInfo &dominance,
                            Value v, Operation *point) {
  if (dominance.properlyDominates(v, point)) {
    return true;
  }
  Operation *def = v.getDefiningOp();
  if (!isa_and_nonnull<tensor::CollapseShapeOp, tensor::ExpandShapeOp,
                       tensor::ExtractSliceOp>(def) ||
      def->getNumOperands() != 1 ||
      !dominateOrHoist(rewriter, dominance, def->getOperand(0), point)) {
    return false;
  }
  rewriter.moveOpBefore(def, point);
  return true;
}

/// True if two static slices of the same tensor share no element.
static bool disjoint(OffsetSizeAndStrideOpInterface a,
                     OffsetSizeAndStrideOpInterface b) {
  for (size_t d = 0; d < a.getStaticOffsets().size(); ++d) {
    int64_t x = a.getStaticOffsets()[d], y = b.getStaticOffsets()[d];
    if (x + a.getStaticSizes()[d] <= y || y + b.getStaticSizes()[d] <= x) {
      return true;
    }
  }
  return false;
}

/// Erases the unused reshapes of `v`, and the reshapes only they used.
static void eraseDeadReshapes(RewriterBase &rewriter, Value v) {
  for (Operation *user : llvm::make_early_inc_range(v.getUsers())) {
    if (!isa<tensor::CollapseShapeOp, tensor::ExpandShapeOp>(user)) {
      continue;
    }
    eraseDeadReshapes(rewriter, user->getResult(0));
    if (user->use_empty()) {
      rewriter.eraseOp(user);
    }
  }
}

linalg::GenericOp nn::fuseEpilogueIntoLoop(RewriterBase &rewriter,
                                           linalg::GenericOp epilogue) {
  if (!epilogue.hasPureTensorSemantics() || epilogue.getNumDpsInits() != 1 ||
      epilogue.getNumReductionLoops() != 0 || epilogue->getNumResults() != 1) {
    return nullptr;
  }
  OpOperand *init = epilogue.getDpsInitOperand(0);
  auto loop = init->get().getDefiningOp<scf::ForallOp>();
  // Reshape round trips left dead by collapseSpatialDims still count as
  // uses of the loop's result.
  if (loop) {
    eraseDeadReshapes(rewriter, loop->getResult(0));
  }
  if (!loop || loop->getNumResults() != 1 || !init->get().hasOneUse() ||
      !epilogue.getMatchingIndexingMap(init).isIdentity()) {
    return nullptr;
  }
  // The other operands (a residual, a broadcast bias) are read inside the
  // loop, so they must exist before it.
  DominanceInfo dominance;
  for (OpOperand *input : epilogue.getDpsInputOperands()) {
    if (!dominateOrHoist(rewriter, dominance, input->get(), loop)) {
      return nullptr;
    }
  }
  // The tile each iteration inserts: a full-rank slice with static sizes
  // and unit strides, so the epilogue's tile has the same type.
  scf::InParallelOp terminator = loop.getTerminator();
  auto yielded = terminator.getYieldingOps();
  if (!llvm::hasSingleElement(yielded)) {
    return nullptr;
  }
  auto insert = dyn_cast<tensor::ParallelInsertSliceOp>(*yielded.begin());
  if (!insert || !insert.getSourceType().hasStaticShape() ||
      ShapedType::isDynamicShape(insert.getStaticSizes()) ||
      !llvm::all_of(insert.getStaticStrides(),
                    [](int64_t s) { return s == 1; })) {
    return nullptr;
  }
  // A rank-reducing insert (a Winograd output plane [OH, OW] of [N, F, OH,
  // OW]) drops unit dims: the tile is reshaped to the full rank and back.
  auto tileType = RankedTensorType::get(
      insert.getStaticSizes(), insert.getSourceType().getElementType());
  std::optional<SmallVector<ReassociationIndices>> reassociation;
  if (tileType != insert.getSourceType()) {
    reassociation =
        getReassociationIndicesForReshape(insert.getSourceType(), tileType);
    if (!reassociation) {
      return nullptr;
    }
  }
  rewriter.setInsertionPoint(terminator);
  FailureOr<TilingResult> tiled =
      cast<TilingInterface>(epilogue.getOperation())
          .getTiledImplementation(rewriter, insert.getMixedOffsets(),
                                  insert.getMixedSizes());
  if (failed(tiled) || tiled->tiledOps.size() != 1) {
    return nullptr;
  }
  auto tile = dyn_cast<linalg::GenericOp>(tiled->tiledOps.front());
  if (!tile || tile.getDpsInits()[0].getType() != tileType) {
    // Not expected (static sizes), but leave valid IR behind.
    for (Operation *op : llvm::reverse(tiled->tiledOps)) {
      rewriter.eraseOp(op);
    }
    return nullptr;
  }
  // The tile's init is a slice of the loop's own result: it reads the tile
  // being inserted instead.
  OpOperand &tileInit = tile.getDpsInitsMutable()[0];
  Operation *slice = tileInit.get().getDefiningOp();
  Value source = insert.getSource(), result = tile->getResult(0);
  if (reassociation) {
    rewriter.setInsertionPoint(tile);
    source = tensor::ExpandShapeOp::create(rewriter, tile.getLoc(), tileType,
                                           source, *reassociation);
    rewriter.setInsertionPointAfter(tile);
    result = tensor::CollapseShapeOp::create(rewriter, tile.getLoc(),
                                             insert.getSourceType(), result,
                                             *reassociation);
  }
  rewriter.modifyOpInPlace(tile, [&] { tileInit.set(source); });
  if (slice && slice->use_empty()) {
    rewriter.eraseOp(slice);
  }
  rewriter.modifyOpInPlace(insert,
                           [&] { insert.getSourceMutable().set(result); });
  rewriter.replaceOp(epilogue, loop->getResults());
  return tile;
}

SmallVector<linalg::GenericOp>
nn::distributeEpilogueOverParts(RewriterBase &rewriter,
                                linalg::GenericOp epilogue) {
  SmallVector<linalg::GenericOp> parts = {epilogue};
  if (!epilogue.hasPureTensorSemantics() || epilogue.getNumDpsInits() != 1 ||
      epilogue.getNumReductionLoops() != 0 || epilogue->getNumResults() != 1 ||
      !epilogue.getMatchingIndexingMap(epilogue.getDpsInitOperand(0))
           .isIdentity()) {
    return parts;
  }
  Value init = epilogue.getDpsInits()[0];
  eraseDeadReshapes(rewriter, init);
  auto type = cast<RankedTensorType>(init.getType());
  // The chain of inserts that assembled the producer's result, outermost
  // first: static, unit-stride, full-rank, pairwise disjoint, together
  // covering the whole result.
  SmallVector<tensor::InsertSliceOp> inserts;
  int64_t covered = 0;
  for (Value v = init; auto insert = v.getDefiningOp<tensor::InsertSliceOp>();
       v = insert.getDest()) {
    if (ShapedType::isDynamicShape(insert.getStaticOffsets()) ||
        !insert.getSourceType().hasStaticShape() ||
        insert.getSourceType().getRank() != type.getRank() ||
        !llvm::all_of(insert.getStaticStrides(),
                      [](int64_t s) { return s == 1; })) {
      return parts;
    }
    for (tensor::InsertSliceOp other : inserts) {
      if (!disjoint(insert, other)) {
        return parts;
      }
    }
    inserts.push_back(insert);
    covered += insert.getSourceType().getNumElements();
  }
  if (inserts.size() < 2 || covered != type.getNumElements() ||
      !init.hasOneUse()) {
    return parts;
  }
  // A partial result may be read elsewhere only outside the parts inserted
  // so far (splitOp's tail starts from a slice of the head's result), which
  // the epilogue does not change.
  for (size_t i = 1; i < inserts.size(); ++i) {
    for (Operation *user : inserts[i]->getResult(0).getUsers()) {
      if (user == inserts[i - 1]) {
        continue;
      }
      auto read = dyn_cast<tensor::ExtractSliceOp>(user);
      if (!read || ShapedType::isDynamicShape(read.getStaticOffsets()) ||
          ShapedType::isDynamicShape(read.getStaticSizes()) ||
          llvm::any_of(ArrayRef(inserts).drop_front(i),
                       [&](tensor::InsertSliceOp insert) {
                         return !disjoint(read, insert);
                       })) {
        return parts;
      }
    }
  }
  DominanceInfo dominance;
  for (tensor::InsertSliceOp insert : inserts) {
    for (OpOperand *input : epilogue.getDpsInputOperands()) {
      if (!dominateOrHoist(rewriter, dominance, input->get(), insert)) {
        return parts;
      }
    }
  }
  // Each part is finished before it is inserted.
  parts.clear();
  for (tensor::InsertSliceOp insert : inserts) {
    rewriter.setInsertionPoint(insert);
    FailureOr<TilingResult> tiled =
        cast<TilingInterface>(epilogue.getOperation())
            .getTiledImplementation(rewriter, insert.getMixedOffsets(),
                                    insert.getMixedSizes());
    auto part = succeeded(tiled) && tiled->tiledOps.size() == 1
                    ? dyn_cast<linalg::GenericOp>(tiled->tiledOps.front())
                    : linalg::GenericOp();
    if (!part || part.getDpsInits()[0].getType() != insert.getSourceType()) {
      return parts; // not expected with static slices
    }
    OpOperand &partInit = part.getDpsInitsMutable()[0];
    Operation *slice = partInit.get().getDefiningOp();
    rewriter.modifyOpInPlace(part, [&] { partInit.set(insert.getSource()); });
    if (slice && slice->use_empty()) {
      rewriter.eraseOp(slice);
    }
    rewriter.modifyOpInPlace(
        insert, [&] { insert.getSourceMutable().set(part->getResult(0)); });
    parts.push_back(part);
  }
  rewriter.replaceOp(epilogue, init);
  return parts;
}
