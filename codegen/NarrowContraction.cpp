//===- NarrowContraction.cpp - constant A times a narrow B ----------------===//
//
// ResNet-18's layer 4 convolutions multiply 512 x 4608 filters by im2col
// columns 49 wide. Tiled as is, N = 49 is padded to 64 (a quarter of the
// FMAs wasted) and each register tile broadcasts filter elements from 8 rows
// 18 KiB apart, a strided walk over 9 MiB of weights that the prefetchers
// follow badly. Transposed, the filters are B: packed at compile time into
// 32-column panels, each read once per inference front to back, and the 49
// pixels are rows (7 x 7 register tiles, none wasted).
//
//===----------------------------------------------------------------------===//

#include "codegen/NarrowContraction.h"
#include "codegen/ContractionOperands.h"
#include "codegen/ContractionUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectResourceBlobManager.h"

using namespace mlir;

/// P[.., mt, k, j] = A[.., mt * lanes + j, k] for `batches` row-major f32
/// matrices A [M, K] one after the other; `shape` is P's batch extents.
static Value packPanels(RewriterBase &rewriter, Location loc,
                        ArrayRef<char> bytes, ArrayRef<int64_t> batchShape,
                        int64_t rows, int64_t cols, int64_t lanes) {
  const float *src = reinterpret_cast<const float *>(bytes.data());
  AsmResourceBlob blob = HeapAsmResourceBlob::allocate(
      bytes.size(), alignof(float), /*dataIsMutable=*/true);
  float *dst = reinterpret_cast<float *>(blob.getMutableData().data());
  int64_t batches = bytes.size() / sizeof(float) / (rows * cols);
  for (int64_t b = 0; b < batches; ++b) {
    const float *a = src + b * rows * cols;
    float *p = dst + b * rows * cols;
    for (int64_t r = 0; r < rows; ++r) {
      int64_t panel = r / lanes, lane = r % lanes;
      for (int64_t c = 0; c < cols; ++c) {
        p[(panel * cols + c) * lanes + lane] = a[r * cols + c];
      }
    }
  }
  SmallVector<int64_t> shape(batchShape);
  shape.append({rows / lanes, cols, lanes});
  auto type = RankedTensorType::get(shape, rewriter.getF32Type());
  return arith::ConstantOp::create(
      rewriter, loc,
      DenseResourceElementsAttr::get(type, "panels", std::move(blob)));
}

linalg::GenericOp nn::transposeNarrowProduct(RewriterBase &rewriter,
                                             linalg::GenericOp op, unsigned m,
                                             unsigned n, unsigned k,
                                             int64_t lanes) {
  MLIRContext *ctx = op.getContext();
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  SmallVector<int64_t> extents = op.getStaticLoopRanges();
  auto dim = [&](unsigned d) { return getAffineDimExpr(d, ctx); };
  AffineMap out = maps.back();
  unsigned rank = out.getNumResults();
  if (rank < 2 || out.getResult(rank - 2) != dim(m) ||
      out.getResult(rank - 1) != dim(n) || extents[n] >= 64 ||
      extents[n] % 8 == 0 || extents[m] % lanes != 0 ||
      extents[m] < 2 * lanes) {
    return nullptr;
  }
  // New loops: C's leading (batch) dims, then n, mt, j, k.
  SmallVector<unsigned> batch;
  for (unsigned r = 0; r + 2 < rank; ++r) {
    batch.push_back(cast<AffineDimExpr>(out.getResult(r)).getPosition());
  }
  unsigned nb = batch.size(), loops = nb + 4;
  if (op.getNumLoops() != nb + 3) {
    return nullptr;
  }
  DenseMap<unsigned, unsigned> renumber;
  for (unsigned i = 0; i < nb; ++i) {
    renumber[batch[i]] = i;
  }
  // Which input is A: read at (batch.., m, k), its batch dims among C's (a
  // conv's filters; Winograd's per-tap transformed filters), and which B.
  int a = -1;
  SmallVector<AffineExpr> aBatch;
  SmallVector<int64_t> aBatchShape;
  for (int i = 0; i < 2 && a < 0; ++i) {
    ArrayRef<AffineExpr> results = maps[i].getResults();
    if (results.size() < 2 || results[results.size() - 2] != dim(m) ||
        results.back() != dim(k)) {
      continue;
    }
    a = i;
    for (AffineExpr e : results.drop_back(2)) {
      auto d = dyn_cast<AffineDimExpr>(e);
      if (!d || !renumber.count(d.getPosition())) {
        return nullptr;
      }
      aBatch.push_back(dim(renumber[d.getPosition()]));
      aBatchShape.push_back(extents[d.getPosition()]);
    }
  }
  if (a < 0) {
    return nullptr;
  }
  Value aValue = op.getDpsInputs()[a], bValue = op.getDpsInputs()[1 - a];
  std::optional<ArrayRef<char>> bytes = constantBytes(aValue);
  int64_t aElements = extents[m] * extents[k];
  for (int64_t e : aBatchShape) {
    aElements *= e;
  }
  if (!bytes || constantBytes(bValue) ||
      bytes->size() != size_t(aElements) * sizeof(float)) {
    return nullptr;
  }
  renumber[n] = nb;
  renumber[k] = nb + 3;
  SmallVector<AffineExpr> bExprs;
  for (AffineExpr e : maps[1 - a].getResults()) {
    auto d = dyn_cast<AffineDimExpr>(e);
    if (!d || !renumber.count(d.getPosition())) {
      return nullptr;
    }
    bExprs.push_back(dim(renumber[d.getPosition()]));
  }
  SmallVector<AffineExpr> cExprs;
  for (unsigned i = 0; i < nb; ++i) {
    cExprs.push_back(dim(i));
  }
  cExprs.append({dim(nb), dim(nb + 1), dim(nb + 2)});
  SmallVector<AffineExpr> pExprs(aBatch);
  pExprs.append({dim(nb + 1), dim(nb + 3), dim(nb + 2)});
  SmallVector<AffineMap> newMaps = {AffineMap::get(loops, 0, bExprs, ctx),
                                    AffineMap::get(loops, 0, pExprs, ctx),
                                    AffineMap::get(loops, 0, cExprs, ctx)};

  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  Value panels = packPanels(rewriter, loc, *bytes, aBatchShape, extents[m],
                            extents[k], lanes);
  // C^T's init: the init transposed, its M split into (mt, j).
  SmallVector<int64_t> perm;
  for (unsigned i = 0; i < nb; ++i) {
    perm.push_back(i);
  }
  perm.append({nb + 1, nb});
  Value initT = permute(rewriter, loc, op.getDpsInits()[0], perm);
  auto initTType = cast<RankedTensorType>(initT.getType());
  SmallVector<int64_t> split(initTType.getShape());
  split.back() = extents[m] / lanes;
  split.push_back(lanes);
  SmallVector<ReassociationIndices> groups;
  for (unsigned i = 0; i <= nb; ++i) {
    groups.push_back({int64_t(i)});
  }
  groups.push_back({int64_t(nb + 1), int64_t(nb + 2)});
  auto splitType = RankedTensorType::get(split, rewriter.getF32Type());
  Value init =
      tensor::ExpandShapeOp::create(rewriter, loc, splitType, initT, groups);
  SmallVector<utils::IteratorType> iters(loops - 1,
                                         utils::IteratorType::parallel);
  iters.push_back(utils::IteratorType::reduction);
  auto product = linalg::GenericOp::create(
      rewriter, loc, TypeRange{splitType}, ValueRange{bValue, panels},
      ValueRange{init}, newMaps, iters, nn::macBody);
  Value resultT = tensor::CollapseShapeOp::create(rewriter, loc, initTType,
                                                  product.getResult(0), groups);
  rewriter.replaceOp(op, permute(rewriter, loc, resultT, perm));
  return product;
}
