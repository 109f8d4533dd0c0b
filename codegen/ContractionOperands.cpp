//===- ContractionOperands.cpp - contraction operands at compile time -----===//
//
// Operand layout helpers of nn-cpu-tile-contractions: read a constant's
// bytes, transpose or pad a constant (or a slice of one) at compile time
// into a new resource, and make a loop the innermost dimension of an
// operand. Weights are thus laid out once, not per inference.
//
//===----------------------------------------------------------------------===//

#include "codegen/ContractionOperands.h"

#include "codegen/ConvAsMatmul.h"
#include "codegen/InitIntoTiles.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

using namespace mlir;

/// Position of loop `dim` among the results of `map`, if read there.
std::optional<unsigned> nn::resultPosition(AffineMap map, unsigned dim) {
  for (auto [i, e] : llvm::enumerate(map.getResults())) {
    if (auto d = dyn_cast<AffineDimExpr>(e); d && d.getPosition() == dim) {
      return i;
    }
  }
  return std::nullopt;
}

/// The raw f32 bytes of a constant tensor (dense or resource), or of a
/// reshape of one, if any.
std::optional<ArrayRef<char>> nn::constantBytes(Value v) {
  // A reshape keeps the row-major bytes (collapseReductionLoops puts one
  // between a conv-shaped weight and its contraction), and so does a slice
  // of the whole tensor (linalg::splitOp slices every operand, also the
  // filters of a product split along N).
  for (;;) {
    Operation *def = v.getDefiningOp();
    if (isa_and_nonnull<tensor::CollapseShapeOp, tensor::ExpandShapeOp>(def)) {
      v = def->getOperand(0);
      continue;
    }
    auto slice = dyn_cast_or_null<tensor::ExtractSliceOp>(def);
    if (slice && slice.getSourceType() == slice.getResultType() &&
        slice.hasZeroOffset() && slice.hasUnitStride()) {
      v = slice.getSource();
      continue;
    }
    break;
  }
  auto cst = v.getDefiningOp<arith::ConstantOp>();
  if (!cst) {
    return std::nullopt;
  }
  if (auto dense = dyn_cast<DenseElementsAttr>(cst.getValue())) {
    if (dense.isSplat()) {
      return std::nullopt; // a splat transposes to itself; no need
    }
    return dense.getRawData();
  }
  if (auto res = dyn_cast<DenseResourceElementsAttr>(cst.getValue())) {
    if (AsmResourceBlob *blob = res.getRawHandle().getBlob()) {
      return blob->getData();
    }
  }
  return std::nullopt;
}

namespace {

/// If `v` is a fill or a bias broadcast (nn::knownInit) seen through
/// unit-stride static slices, the regions of inserts they do not write, and
/// reshapes that keep the bias dimension apart from every other non-unit one
/// (a product's C init: the conv bias over the whole output, collapsed to
/// [1, M, H*W], sliced to a split-off tail), a fresh fill or broadcast of the
/// matching bias slice into an empty tensor of `v`'s shape with its
/// dimensions permuted by `perm`. Null otherwise.
Value permutedInit(RewriterBase &rewriter, Location loc, Value v,
                   ArrayRef<int64_t> perm) {
  auto type = cast<RankedTensorType>(v.getType());
  if (!type.hasStaticShape() || !type.getElementType().isF32()) {
    return {};
  }
  SmallVector<int64_t> shape;
  for (int64_t p : perm) {
    shape.push_back(type.getDimSize(p));
  }
  // Walk up to the broadcast, remembering the way down.
  SmallVector<Operation *> way;
  Value cur = v;
  nn::KnownInit init;
  while (!(init = nn::knownInit(cur)).op) {
    Operation *def = cur.getDefiningOp();
    // A region a split-off head did not write still holds the broadcast.
    if (auto insert = dyn_cast_or_null<tensor::InsertSliceOp>(def)) {
      auto below =
          way.empty() ? nullptr : dyn_cast<tensor::ExtractSliceOp>(way.back());
      if (!below || !nn::outside(below, insert)) {
        return {};
      }
      cur = insert.getDest();
      continue;
    }
    if (!isa_and_nonnull<tensor::ExtractSliceOp, tensor::CollapseShapeOp>(
            def)) {
      return {};
    }
    way.push_back(def);
    cur = def->getOperand(0);
  }
  if (init.splat) {
    // A fill (a product's zero init): the same fill of the permuted shape.
    Value empty =
        tensor::EmptyOp::create(rewriter, loc, shape, type.getElementType());
    return linalg::FillOp::create(rewriter, loc, init.splat, empty)
        .getResult(0);
  }
  // Follow the bias dimension down to `v`, adding up its static offsets.
  int64_t dim = init.dim, offset = 0;
  for (Operation *op : llvm::reverse(way)) {
    std::optional<int64_t> next;
    if (auto slice = dyn_cast<tensor::ExtractSliceOp>(op)) {
      std::optional<int64_t> o =
          getConstantIntValue(slice.getMixedOffsets()[dim]);
      if (!o || !slice.hasUnitStride()) {
        return {};
      }
      offset += *o;
      next = nn::slicedDim(slice, dim);
    } else {
      next = nn::collapsedDim(cast<tensor::CollapseShapeOp>(op), dim);
    }
    if (!next) {
      return {}; // dropped, or mixed with another dimension
    }
    dim = *next;
  }
  int64_t size = type.getDimSize(dim);
  Value bias = init.bias;
  if (offset != 0 ||
      size != cast<RankedTensorType>(bias.getType()).getDimSize(0)) {
    bias = tensor::ExtractSliceOp::create(
        rewriter, loc, bias,
        ArrayRef<OpFoldResult>{rewriter.getIndexAttr(offset)},
        ArrayRef<OpFoldResult>{rewriter.getIndexAttr(size)},
        ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1)});
  }
  // The bias along the permuted position of its dimension.
  int64_t newDim = llvm::find(perm, dim) - perm.begin();
  SmallVector<ReassociationIndices> none;
  for (int64_t d = 0; d < static_cast<int64_t>(shape.size()); ++d) {
    none.push_back({d});
  }
  return nn::copyCollapsed(rewriter, loc, bias, shape,
                           {getAffineDimExpr(newDim, rewriter.getContext())},
                           none);
}

} // namespace

/// Returns `v` with its dimensions permuted by `perm` (result dim i = source
/// dim perm[i]). A constant rank-2 operand (or a slice of one) is transposed
/// at compile time into a new resource; anything else gets a
/// linalg.transpose.
Value nn::permute(RewriterBase &rewriter, Location loc, Value v,
                  ArrayRef<int64_t> perm) {
  auto type = cast<RankedTensorType>(v.getType());
  SmallVector<int64_t> shape;
  for (int64_t p : perm) {
    shape.push_back(type.getDimSize(p));
  }
  auto permutedType = RankedTensorType::get(shape, type.getElementType());
  if (auto cst = v.getDefiningOp<arith::ConstantOp>()) {
    if (auto dense = dyn_cast<DenseElementsAttr>(cst.getValue());
        dense && dense.isSplat()) {
      return arith::ConstantOp::create(rewriter, loc,
                                       dense.resizeSplat(permutedType));
    }
  }
  // A fill or a bias broadcast (or a slice of one) is the same fill or
  // broadcast of the permuted shape: nn-cpu-tile-contractions' fold-init
  // then computes each tile's start in registers, as for an untransposed C.
  if (Value init = permutedInit(rewriter, loc, v, perm)) {
    return init;
  }
  // A slice of a constant (a weight tile inside a fusion group's tile loop)
  // is the same slice of the transposed constant: no transpose per call.
  if (auto slice = v.getDefiningOp<tensor::ExtractSliceOp>();
      slice && type.getRank() == 2 && perm[0] == 1 &&
      slice.getSourceType().getRank() == 2 &&
      constantBytes(slice.getSource())) {
    Value source = permute(rewriter, loc, slice.getSource(), perm);
    SmallVector<OpFoldResult> offsets = slice.getMixedOffsets(),
                              sizes = slice.getMixedSizes(),
                              strides = slice.getMixedStrides();
    return tensor::ExtractSliceOp::create(
        rewriter, loc, permutedType, source,
        ArrayRef<OpFoldResult>{offsets[1], offsets[0]},
        ArrayRef<OpFoldResult>{sizes[1], sizes[0]},
        ArrayRef<OpFoldResult>{strides[1], strides[0]});
  }
  if (std::optional<ArrayRef<char>> bytes = constantBytes(v);
      bytes && type.getRank() == 2 && perm[0] == 1 &&
      bytes->size() == size_t(type.getNumElements()) * sizeof(float)) {
    int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
    const float *src = reinterpret_cast<const float *>(bytes->data());
    AsmResourceBlob blob = HeapAsmResourceBlob::allocate(
        bytes->size(), alignof(float), /*dataIsMutable=*/true);
    float *dst = reinterpret_cast<float *>(blob.getMutableData().data());
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t c = 0; c < cols; ++c) {
        dst[c * rows + r] = src[r * cols + c];
      }
    }
    auto attr = DenseResourceElementsAttr::get(permutedType, "transposed",
                                               std::move(blob));
    return arith::ConstantOp::create(rewriter, loc, attr);
  }
  Value init =
      tensor::EmptyOp::create(rewriter, loc, shape, type.getElementType());
  return linalg::TransposeOp::create(rewriter, loc, v, init, perm)
      ->getResult(0);
}

/// Replaces a tensor.pad of a rank-2 f32 constant by the padded constant, so
/// weights are padded once at compile time instead of at every inference.
void nn::foldConstantPad(RewriterBase &rewriter, tensor::PadOp pad) {
  auto srcType = cast<RankedTensorType>(pad.getSourceType());
  auto dstType = pad.getResultType();
  std::optional<ArrayRef<char>> bytes = constantBytes(pad.getSource());
  if (!bytes || srcType.getRank() != 2 || !dstType.hasStaticShape() ||
      !srcType.getElementType().isF32() ||
      bytes->size() != size_t(srcType.getNumElements()) * sizeof(float) ||
      !llvm::all_of(pad.getStaticLow(), [](int64_t v) { return v == 0; })) {
    return;
  }
  Value padValue = pad.getConstantPaddingValue();
  FloatAttr zero;
  if (!padValue || !matchPattern(padValue, m_Constant(&zero)) ||
      !zero.getValue().isZero()) {
    return;
  }
  int64_t rows = srcType.getDimSize(0), cols = srcType.getDimSize(1);
  int64_t dstCols = dstType.getDimSize(1);
  size_t dstBytes = size_t(dstType.getNumElements()) * sizeof(float);
  AsmResourceBlob blob = HeapAsmResourceBlob::allocate(dstBytes, alignof(float),
                                                       /*dataIsMutable=*/true);
  float *dst = reinterpret_cast<float *>(blob.getMutableData().data());
  std::fill(dst, dst + dstType.getNumElements(), 0.0f);
  const float *src = reinterpret_cast<const float *>(bytes->data());
  for (int64_t r = 0; r < rows; ++r) {
    std::copy(src + r * cols, src + (r + 1) * cols, dst + r * dstCols);
  }
  rewriter.setInsertionPoint(pad);
  auto attr =
      DenseResourceElementsAttr::get(dstType, "padded", std::move(blob));
  rewriter.replaceOpWithNewOp<arith::ConstantOp>(pad, attr);
}

/// Rewrites operand `operand` of `op` so that loop `inner` is its innermost
/// dimension (for A: k, for B: n). Returns false if it cannot.
bool nn::makeInnermost(RewriterBase &rewriter, linalg::GenericOp op,
                       unsigned operand, unsigned inner) {
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  AffineMap map = maps[operand];
  std::optional<unsigned> pos = resultPosition(map, inner);
  if (!pos) {
    return false;
  }
  unsigned last = map.getNumResults() - 1;
  if (*pos == last) {
    return true;
  }
  // perm moves result `pos` to the end and keeps the others in order.
  SmallVector<int64_t> perm;
  for (unsigned i = 0; i <= last; ++i) {
    if (i != *pos) {
      perm.push_back(i);
    }
  }
  perm.push_back(*pos);
  SmallVector<AffineExpr> exprs;
  for (int64_t p : perm) {
    exprs.push_back(map.getResult(p));
  }
  rewriter.setInsertionPoint(op);
  Value permuted =
      permute(rewriter, op.getLoc(), op->getOperand(operand), perm);
  maps[operand] = AffineMap::get(map.getNumDims(), 0, exprs, op.getContext());
  rewriter.modifyOpInPlace(op, [&] {
    op->setOperand(operand, permuted);
    op.setIndexingMapsAttr(rewriter.getAffineMapArrayAttr(maps));
  });
  return true;
}

/// True if `slice` reads one contiguous run of its source (every dimension
/// inside the outermost one it does not take whole is taken whole, and the
/// source is no strided view): packing it would only copy it, e.g. a slice
/// of rows of an already padded panel.
static bool isContiguous(tensor::ExtractSliceOp slice) {
  RankedTensorType source = slice.getSourceType();
  ArrayRef<int64_t> sizes = slice.getStaticSizes();
  if (!source.hasStaticShape() ||
      !llvm::all_of(slice.getStaticStrides(),
                    [](int64_t s) { return s == 1; })) {
    return false;
  }
  bool partial = false;
  for (int64_t d = 0; d < source.getRank(); ++d) {
    if (partial && sizes[d] != source.getDimSize(d)) {
      return false;
    }
    partial |= sizes[d] != 1;
  }
  // A slice of a slice is contiguous only if the outer one is (bufferized,
  // it is a strided view of the outer one's buffer).
  auto outer = slice.getSource().getDefiningOp<tensor::ExtractSliceOp>();
  return !outer || isContiguous(outer);
}

/// Moves loop-invariant ops (the padded copy of an operand that every tile
/// of an enclosing fusion-group loop reads whole) out of the loops around
/// `op`, innermost first, so they run once instead of once per tile.
void nn::hoistInvariantsAround(Operation *op) {
  SmallVector<LoopLikeOpInterface> loops;
  for (Operation *p = op->getParentOp(); p; p = p->getParentOp()) {
    if (auto loop = dyn_cast<LoopLikeOpInterface>(p)) {
      loops.push_back(loop);
    }
  }
  for (LoopLikeOpInterface loop : loops) {
    moveLoopInvariantCode(loop);
  }
}

/// Packs operand `operand` of the tiled op (an extract_slice of a large
/// tensor) into a fresh contiguous tensor with linalg.copy, and hoists slice
/// and copy out of every enclosing tile loop they do not depend on. The
/// micro-kernel then reads B rows 1 KiB apart from a few pages instead of
/// one page per K step (TLB misses and L1 set conflicts at large N).
void nn::packOperand(RewriterBase &rewriter, Operation *tiled, unsigned operand,
                     ArrayRef<LoopLikeOpInterface> loops) {
  auto slice =
      tiled->getOperand(operand).getDefiningOp<tensor::ExtractSliceOp>();
  if (!slice || !slice->hasOneUse() || isContiguous(slice)) {
    return;
  }
  RankedTensorType type = slice.getType();
  rewriter.setInsertionPoint(tiled);
  Value empty = tensor::EmptyOp::create(rewriter, slice.getLoc(),
                                        type.getShape(), type.getElementType());
  auto copy = linalg::CopyOp::create(rewriter, slice.getLoc(),
                                     slice.getResult(), empty);
  rewriter.modifyOpInPlace(
      tiled, [&] { tiled->setOperand(operand, copy->getResult(0)); });
  for (LoopLikeOpInterface loop : llvm::reverse(loops)) {
    if (!loop->isProperAncestor(slice) ||
        !llvm::all_of(slice->getOperands(), [&](Value v) {
          return loop.isDefinedOutsideOfLoop(v);
        })) {
      break;
    }
    rewriter.moveOpBefore(slice, loop);
    rewriter.moveOpBefore(empty.getDefiningOp(), loop);
    rewriter.moveOpBefore(copy, loop);
  }
}
