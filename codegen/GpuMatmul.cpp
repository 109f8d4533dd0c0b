//===- GpuMatmul.cpp - workgroup-tiled contraction kernels ---------------===//
//
// The kernel, for workgroup (bx, by, bz) and thread (tx, ty), with R x R
// outputs per thread (rows by*T*R + ty + i*T, columns bx*T*R + tx + j*T):
//   acc[i][j] = C[row_i, col_j] (0 outside);
//   for each k tile: As[ty + i*T][tx] = A[row_i, kt*T + tx], Bs[ty][tx +
//     j*T] = B[kt*T + ty, col_j] (0 outside), barrier, acc[i][j] =
//     body(As[ty + i*T][kk], Bs[kk][tx + j*T], acc[i][j]) for kk < T,
//     barrier;
//   C[row_i, col_j] = acc[i][j].
// The padded zeros leave a multiply-add accumulation unchanged, which is
// why only ops with a contraction body (isaContractionOpInterface) qualify.
// Every thread reaches both barriers (the loop bounds are uniform).
//
//===----------------------------------------------------------------------===//

#include "codegen/GpuMatmul.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;

namespace {
/// Smallest contraction (m * n * k) worth a tiled kernel.
constexpr int64_t kMinTiledWork = 4096;

Value index(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

/// The indices of `map`'s operand for loop values `loops`; empty if a result
/// is not a plain loop dimension.
SmallVector<Value> operandIndices(AffineMap map, ArrayRef<Value> loops) {
  SmallVector<Value> indices;
  for (AffineExpr e : map.getResults()) {
    auto dim = dyn_cast<AffineDimExpr>(e);
    if (!dim) {
      return {};
    }
    indices.push_back(loops[dim.getPosition()]);
  }
  return indices;
}

/// `cond ? memref[indices] : zero`, without touching memory when false.
Value guardedLoad(OpBuilder &b, Location loc, Value cond, Value memref,
                  ArrayRef<Value> indices, Value zero) {
  auto branch = scf::IfOp::create(b, loc, zero.getType(), cond,
                                  /*withElseRegion=*/true);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(branch.thenBlock());
  Value loaded = memref::LoadOp::create(b, loc, memref, indices);
  scf::YieldOp::create(b, loc, loaded);
  b.setInsertionPointToStart(branch.elseBlock());
  scf::YieldOp::create(b, loc, zero);
  return branch.getResult(0);
}
} // namespace

LogicalResult nn::tileContractionForGpu(RewriterBase &rewriter,
                                        linalg::GenericOp op, int64_t tile) {
  if (tile < 2 || !op.hasPureBufferSemantics() || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1 || !linalg::isaContractionOpInterface(op)) {
    return failure();
  }
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || dims->m.empty() || dims->n.empty() ||
      dims->k.size() != 1) {
    return failure();
  }
  Type f32 = rewriter.getF32Type();
  for (OpOperand &operand : op->getOpOperands()) {
    auto type = dyn_cast<MemRefType>(operand.get().getType());
    if (!type || !type.hasStaticShape() || type.getElementType() != f32) {
      return failure();
    }
  }
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (llvm::any_of(ranges, ShapedType::isDynamic)) {
    return failure();
  }
  // The innermost m and n dimensions are tiled; every other parallel
  // dimension (batch, or an m/n dimension only one operand has) goes to
  // the grid's z.
  unsigned mDim = dims->m.back(), nDim = dims->n.back(), kDim = dims->k[0];
  int64_t M = ranges[mDim], N = ranges[nDim], K = ranges[kDim];
  SmallVector<unsigned> outer;
  for (unsigned d = 0; d < ranges.size(); ++d) {
    if (d != mDim && d != nDim && d != kDim) {
      outer.push_back(d);
    }
  }
  int64_t batch = 1;
  for (unsigned d : outer) {
    batch *= ranges[d];
  }
  if (M * N * K < kMinTiledWork || batch > 65535) {
    return failure();
  }
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  for (AffineMap map : maps) {
    if (!map.isProjectedPermutation()) {
      return failure();
    }
  }

  // Register blocking: each thread owns R x R outputs spaced `tile` apart
  // (so neighbouring threads touch neighbouring addresses), a workgroup a
  // (tile*R)^2 block; R = 4 once both extents fill such blocks.
  int64_t R = (M >= 4 * tile && N >= 4 * tile) ? 4 : 1;
  int64_t block = tile * R;

  Location loc = op.getLoc();
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);
  Value one = index(rewriter, loc, 1);
  auto launch = gpu::LaunchOp::create(
      rewriter, loc, index(rewriter, loc, (N + block - 1) / block),
      index(rewriter, loc, (M + block - 1) / block),
      index(rewriter, loc, batch), index(rewriter, loc, tile),
      index(rewriter, loc, tile), one);
  Block &body = launch.getBody().front();
  rewriter.setInsertionPointToEnd(&body);
  gpu::TerminatorOp::create(rewriter, loc);
  rewriter.setInsertionPointToStart(&body);
  // Workgroup memory as allocations in the kernel (memref-to-spirv makes
  // them Workgroup variables; gpu.func attributions have no SPIR-V
  // lowering). Memory space 3 is Workgroup in the Vulkan storage-class map.
  Attribute workgroup = rewriter.getI64IntegerAttr(3);
  Value aTile = memref::AllocOp::create(
      rewriter, loc,
      MemRefType::get({block, tile}, f32, AffineMap(), workgroup));
  Value bTile = memref::AllocOp::create(
      rewriter, loc,
      MemRefType::get({tile, block}, f32, AffineMap(), workgroup));

  Value cTile = index(rewriter, loc, tile),
        cBlock = index(rewriter, loc, block);
  Value tx = launch.getThreadIds().x, ty = launch.getThreadIds().y;
  auto add = [&](Value a, Value b) -> Value {
    return arith::AddIOp::create(rewriter, loc, a, b);
  };
  auto mul = [&](Value a, Value b) -> Value {
    return arith::MulIOp::create(rewriter, loc, a, b);
  };
  auto less = [&](Value a, int64_t bound) -> Value {
    return arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::ult, a,
                                 index(rewriter, loc, bound));
  };
  auto both = [&](Value a, Value b) -> Value {
    return arith::AndIOp::create(rewriter, loc, a, b);
  };
  Value rowBase = add(mul(launch.getBlockIds().y, cBlock), ty);
  Value colBase = add(mul(launch.getBlockIds().x, cBlock), tx);
  SmallVector<Value> rows, cols, rowIn, colIn, rowOff, colOff;
  for (int64_t i = 0; i < R; ++i) {
    rowOff.push_back(add(ty, index(rewriter, loc, i * tile)));
    colOff.push_back(add(tx, index(rewriter, loc, i * tile)));
    rows.push_back(add(rowBase, index(rewriter, loc, i * tile)));
    cols.push_back(add(colBase, index(rewriter, loc, i * tile)));
    rowIn.push_back(less(rows.back(), M));
    colIn.push_back(less(cols.back(), N));
  }

  // Loop values: the outer dimensions from bz (row-major); m, n, k per
  // access.
  SmallVector<Value> loops(ranges.size());
  Value rest = launch.getBlockIds().z;
  for (int64_t i = (int64_t)outer.size() - 1; i >= 0; --i) {
    unsigned d = outer[i];
    Value extent = index(rewriter, loc, ranges[d]);
    loops[d] =
        i == 0
            ? rest
            : arith::RemUIOp::create(rewriter, loc, rest, extent).getResult();
    rest = arith::DivUIOp::create(rewriter, loc, rest, extent);
  }
  Value zero =
      arith::ConstantOp::create(rewriter, loc, rewriter.getF32FloatAttr(0));
  Value a = op.getDpsInputs()[0], b = op.getDpsInputs()[1];
  Value c = op.getDpsInits()[0];
  loops[kDim] = index(rewriter, loc, 0);
  auto cAt = [&](int64_t i, int64_t j) {
    loops[mDim] = rows[i];
    loops[nDim] = cols[j];
    return operandIndices(maps[2], loops);
  };
  SmallVector<Value> acc0;
  for (int64_t i = 0; i < R; ++i) {
    for (int64_t j = 0; j < R; ++j) {
      acc0.push_back(guardedLoad(rewriter, loc, both(rowIn[i], colIn[j]), c,
                                 cAt(i, j), zero));
    }
  }

  int64_t steps = (K + tile - 1) / tile;
  auto kLoop = scf::ForOp::create(rewriter, loc, index(rewriter, loc, 0),
                                  index(rewriter, loc, steps), one, acc0);
  {
    OpBuilder::InsertionGuard inLoop(rewriter);
    rewriter.setInsertionPointToStart(kLoop.getBody());
    Value kBase = mul(kLoop.getInductionVar(), cTile);
    Value ka = add(kBase, tx), kb = add(kBase, ty);
    for (int64_t i = 0; i < R; ++i) {
      loops[mDim] = rows[i];
      loops[kDim] = ka;
      Value va = guardedLoad(rewriter, loc, both(rowIn[i], less(ka, K)), a,
                             operandIndices(maps[0], loops), zero);
      memref::StoreOp::create(rewriter, loc, va, aTile,
                              ValueRange{rowOff[i], tx});
    }
    for (int64_t j = 0; j < R; ++j) {
      loops[nDim] = cols[j];
      loops[kDim] = kb;
      Value vb = guardedLoad(rewriter, loc, both(colIn[j], less(kb, K)), b,
                             operandIndices(maps[1], loops), zero);
      memref::StoreOp::create(rewriter, loc, vb, bTile,
                              ValueRange{ty, colOff[j]});
    }
    gpu::BarrierOp::create(rewriter, loc);

    auto inner = scf::ForOp::create(rewriter, loc, index(rewriter, loc, 0),
                                    cTile, one, kLoop.getRegionIterArgs());
    {
      OpBuilder::InsertionGuard inInner(rewriter);
      rewriter.setInsertionPointToStart(inner.getBody());
      Value kk = inner.getInductionVar();
      SmallVector<Value> as, bs, next;
      for (int64_t i = 0; i < R; ++i) {
        as.push_back(memref::LoadOp::create(rewriter, loc, aTile,
                                            ValueRange{rowOff[i], kk}));
        bs.push_back(memref::LoadOp::create(rewriter, loc, bTile,
                                            ValueRange{kk, colOff[i]}));
      }
      Block &region = op.getRegion().front();
      for (int64_t i = 0; i < R; ++i) {
        for (int64_t j = 0; j < R; ++j) {
          IRMapping mapping;
          mapping.map(region.getArgument(0), as[i]);
          mapping.map(region.getArgument(1), bs[j]);
          mapping.map(region.getArgument(2),
                      inner.getRegionIterArgs()[i * R + j]);
          for (Operation &bodyOp : region.without_terminator()) {
            rewriter.clone(bodyOp, mapping);
          }
          next.push_back(
              mapping.lookupOrDefault(region.getTerminator()->getOperand(0)));
        }
      }
      scf::YieldOp::create(rewriter, loc, next);
    }
    gpu::BarrierOp::create(rewriter, loc);
    scf::YieldOp::create(rewriter, loc, inner.getResults());
  }
  loops[kDim] = index(rewriter, loc, 0);
  for (int64_t i = 0; i < R; ++i) {
    for (int64_t j = 0; j < R; ++j) {
      auto store = scf::IfOp::create(rewriter, loc, both(rowIn[i], colIn[j]));
      OpBuilder::InsertionGuard inStore(rewriter);
      rewriter.setInsertionPointToStart(store.thenBlock());
      memref::StoreOp::create(rewriter, loc, kLoop.getResult(i * R + j), c,
                              cAt(i, j));
    }
  }
  rewriter.eraseOp(op);
  return success();
}
