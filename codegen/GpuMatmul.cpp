//===- GpuMatmul.cpp - workgroup-tiled contraction kernels ---------------===//
//
// Matmuls and convolutions (implicit GEMM) as one workgroup-tiled kernel.
// The loops of a multiply-add linalg.generic fall into four groups: rows
// (parallel, read by the row operand A and the output C only), columns
// (parallel, read by B and C only), k (reductions read by A and B) and outer
// (parallel, read by both or neither: batch, conv groups). Each group is
// linearized: a matmul has one loop per group, a 2-D convolution
// (n, f, oh, ow, c, kh, kw) has rows {f}, columns {n, oh, ow} and k {c, kh,
// kw}, so the input is read through its affine map (oh * s + kh) from
// delinearized loop values without an im2col buffer. B is the operand that
// reads C's innermost loop, so neighbouring threads read and write
// neighbouring addresses.
//
// The kernel, for workgroup (bx, by, bz) and thread (tx, ty), with Rm x Rn
// outputs per thread (rows by*T*Rm + ty + i*T, columns bx*T*Rn + tx + j*T):
//   acc[i][j] = C[row_i, col_j] (0 outside);
//   for each k tile: As[ty + i*T][tx] = A[row_i, kt*T + tx], Bs[ty][tx +
//     j*T] = B[kt*T + ty, col_j] (0 outside), barrier, acc[i][j] =
//     body(As[ty + i*T][kk], Bs[kk][tx + j*T], acc[i][j]) for kk < T,
//     barrier;
//   C[row_i, col_j] = acc[i][j].
// The padded zeros leave a multiply-add accumulation unchanged, which is
// why only ops whose body is exactly `acc + a * b` qualify. Every thread
// reaches both barriers (the loop bounds are uniform).
//
//===----------------------------------------------------------------------===//

#include "codegen/GpuMatmul.h"

#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;

namespace {
/// Smallest contraction (m * n * k) worth a tiled kernel.
constexpr int64_t kMinTiledWork = 4096;
/// Most workgroups along one grid axis every Vulkan device accepts.
constexpr int64_t kMaxGrid = 65535;
/// Fewest workgroups register blocking may leave, so that several compute
/// units have work. Kept low: larger blocks win on lavapipe (ResNet-18's
/// 256x14x14 3x3 conv: 0.34 GFLOP/s at 4x4 outputs per thread and 16
/// workgroups, 1.1 at 8x4 and 8; bench/vulkan.sh).
constexpr int64_t kMinWorkgroups = 4;

Value index(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
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

/// True if some result of `map` reads loop `dim`.
bool reads(AffineMap map, unsigned dim) {
  return llvm::any_of(map.getResults(),
                      [&](AffineExpr e) { return e.isFunctionOfDim(dim); });
}

/// First result of `map` reading loop `dim` (results past the end if none).
unsigned firstRead(AffineMap map, unsigned dim) {
  for (auto [i, e] : llvm::enumerate(map.getResults())) {
    if (e.isFunctionOfDim(dim)) {
      return i;
    }
  }
  return map.getNumResults();
}

/// How a multiply-add generic maps onto the tiled kernel.
struct TiledContraction {
  /// Input operands giving the rows (A) and the columns (B).
  unsigned a, b;
  /// Loop groups, each outermost first (rows and columns in C's order, k in
  /// A's, outer in loop order).
  SmallVector<unsigned> rows, cols, ks, outer;
};

/// Matches `acc + x * y` (either operand order) where x, y are the block
/// arguments of two inputs and acc that of the output; returns those two
/// inputs. Other inputs must be unread (a flipped convolution's extent
/// tensor).
std::optional<std::pair<unsigned, unsigned>> matchMulAdd(linalg::GenericOp op) {
  Block &body = op.getRegion().front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  if (yield.getNumOperands() != 1) {
    return std::nullopt;
  }
  auto add = yield.getOperand(0).getDefiningOp<arith::AddFOp>();
  if (!add || add->getBlock() != &body) {
    return std::nullopt;
  }
  Value acc = body.getArgument(body.getNumArguments() - 1);
  Value product = add.getLhs() == acc   ? add.getRhs()
                  : add.getRhs() == acc ? add.getLhs()
                                        : Value();
  auto mul = product ? product.getDefiningOp<arith::MulFOp>() : nullptr;
  if (!mul || mul->getBlock() != &body ||
      std::distance(body.begin(), body.end()) != 3) {
    return std::nullopt;
  }
  auto x = dyn_cast<BlockArgument>(mul.getLhs());
  auto y = dyn_cast<BlockArgument>(mul.getRhs());
  if (!x || !y || x.getOwner() != &body || y.getOwner() != &body || x == y ||
      x == acc || y == acc) {
    return std::nullopt;
  }
  return std::make_pair(std::min(x.getArgNumber(), y.getArgNumber()),
                        std::max(x.getArgNumber(), y.getArgNumber()));
}

std::optional<TiledContraction> matchTiledContraction(linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumDpsInits() != 1) {
    return std::nullopt;
  }
  std::optional<std::pair<unsigned, unsigned>> inputs = matchMulAdd(op);
  if (!inputs) {
    return std::nullopt;
  }
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  AffineMap out = maps.back();
  if (!out.isProjectedPermutation() || out.getNumResults() == 0) {
    return std::nullopt;
  }
  // B reads C's innermost loop (coalesced loads and stores along columns).
  TiledContraction t{inputs->first, inputs->second, {}, {}, {}, {}};
  unsigned innermost =
      cast<AffineDimExpr>(out.getResults().back()).getPosition();
  if (reads(maps[t.a], innermost) && !reads(maps[t.b], innermost)) {
    std::swap(t.a, t.b);
  }
  AffineMap mapA = maps[t.a], mapB = maps[t.b];
  for (auto [d, kind] : llvm::enumerate(op.getIteratorTypesArray())) {
    bool inA = reads(mapA, d), inB = reads(mapB, d), inC = reads(out, d);
    if (kind == utils::IteratorType::reduction) {
      if (!inA || !inB || inC) {
        return std::nullopt;
      }
      t.ks.push_back(d);
    } else if (!inC) {
      return std::nullopt;
    } else if (inA == inB) {
      t.outer.push_back(d);
    } else {
      (inA ? t.rows : t.cols).push_back(d);
    }
  }
  if (t.rows.empty() || t.cols.empty() || t.ks.empty()) {
    return std::nullopt;
  }
  auto byPosition = [](AffineMap map, SmallVectorImpl<unsigned> &dims) {
    llvm::sort(dims, [&](unsigned x, unsigned y) {
      return std::make_pair(firstRead(map, x), x) <
             std::make_pair(firstRead(map, y), y);
    });
  };
  byPosition(out, t.rows);
  byPosition(out, t.cols);
  byPosition(mapA, t.ks);
  return t;
}
} // namespace

LogicalResult nn::tileContractionForGpu(RewriterBase &rewriter,
                                        linalg::GenericOp op, int64_t tile,
                                        int64_t maxWorkgroupBytes) {
  if (tile < 2) {
    return failure();
  }
  std::optional<TiledContraction> t = matchTiledContraction(op);
  if (!t) {
    return failure();
  }
  Type f32 = rewriter.getF32Type();
  unsigned ia = t->a, ib = t->b, ic = op.getNumDpsInputs();
  for (unsigned i : {ia, ib, ic}) {
    auto type = dyn_cast<MemRefType>(op->getOperand(i).getType());
    if (!type || !type.hasStaticShape() || type.getElementType() != f32) {
      return failure();
    }
  }
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (llvm::any_of(ranges, ShapedType::isDynamic)) {
    return failure();
  }
  auto extent = [&](ArrayRef<unsigned> dims) {
    int64_t e = 1;
    for (unsigned d : dims) {
      e *= ranges[d];
    }
    return e;
  };
  int64_t M = extent(t->rows), N = extent(t->cols), K = extent(t->ks);
  int64_t batch = extent(t->outer);

  // Register blocking: each thread owns Rm x Rn outputs spaced `tile` apart
  // (so neighbouring threads touch neighbouring addresses), a workgroup a
  // (tile*Rm) x (tile*Rn) block. Each extent takes the largest of 8, 4, 1
  // it fills; more outputs per thread means fewer tile loads per
  // multiply-add. Then, while the grid has fewer than kMinWorkgroups
  // workgroups or the tiles overflow workgroup memory, the larger factor
  // halves.
  auto blocking = [&](int64_t extent) -> int64_t {
    return extent >= 8 * tile ? 8 : extent >= 4 * tile ? 4 : 1;
  };
  int64_t Rm = blocking(M), Rn = blocking(N);
  auto grid = [&](int64_t extent, int64_t r) {
    return (extent + tile * r - 1) / (tile * r);
  };
  while ((Rm > 1 || Rn > 1) &&
         (grid(M, Rm) * grid(N, Rn) * batch < kMinWorkgroups ||
          (Rm + Rn) * tile * tile * 4 > maxWorkgroupBytes)) {
    (Rm >= Rn ? Rm : Rn) /= 2;
  }
  int64_t blockM = tile * Rm, blockN = tile * Rn;
  int64_t gridX = grid(N, Rn), gridY = grid(M, Rm);
  // A tile less than half full of rows or columns (a matrix-vector product,
  // a convolution with a single filter) idles most threads: plain loops do
  // better there.
  if (2 * M < tile || 2 * N < tile || M * N * K < kMinTiledWork ||
      batch > kMaxGrid || gridX > kMaxGrid || gridY > kMaxGrid ||
      2 * tile * tile * 4 > maxWorkgroupBytes) {
    return failure();
  }
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();

  Location loc = op.getLoc();
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);
  Value one = index(rewriter, loc, 1);
  auto launch = gpu::LaunchOp::create(
      rewriter, loc, index(rewriter, loc, gridX), index(rewriter, loc, gridY),
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
      MemRefType::get({blockM, tile}, f32, AffineMap(), workgroup));
  Value bTile = memref::AllocOp::create(
      rewriter, loc,
      MemRefType::get({tile, blockN}, f32, AffineMap(), workgroup));

  Value cTile = index(rewriter, loc, tile);
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
  // Loop values of `dims` (outermost first) from their linear index; an
  // index past the group's extent decodes to values only guarded code uses.
  SmallVector<Value> loops(ranges.size(), index(rewriter, loc, 0));
  auto setGroup = [&](ArrayRef<unsigned> dims, Value linear) {
    for (int64_t i = (int64_t)dims.size() - 1; i >= 0; --i) {
      if (i == 0) {
        loops[dims[i]] = linear;
        break;
      }
      Value e = index(rewriter, loc, ranges[dims[i]]);
      loops[dims[i]] = arith::RemUIOp::create(rewriter, loc, linear, e);
      linear = arith::DivUIOp::create(rewriter, loc, linear, e);
    }
  };
  auto valuesOf = [&](ArrayRef<unsigned> dims) {
    SmallVector<Value> values;
    for (unsigned d : dims) {
      values.push_back(loops[d]);
    }
    return values;
  };
  auto restore = [&](ArrayRef<unsigned> dims, ArrayRef<Value> values) {
    for (auto [d, v] : llvm::zip(dims, values)) {
      loops[d] = v;
    }
  };
  // The indices operand `i` reads at the current loop values.
  auto at = [&](unsigned i) {
    std::optional<SmallVector<Value, 8>> indices =
        affine::expandAffineMap(rewriter, loc, maps[i], loops);
    return SmallVector<Value>(indices->begin(), indices->end());
  };

  Value rowBase =
      add(mul(launch.getBlockIds().y, index(rewriter, loc, blockM)), ty);
  Value colBase =
      add(mul(launch.getBlockIds().x, index(rewriter, loc, blockN)), tx);
  SmallVector<Value> rowOff, colOff, rowIn, colIn;
  SmallVector<SmallVector<Value>> rowValues, colValues;
  for (int64_t i = 0; i < Rm; ++i) {
    rowOff.push_back(add(ty, index(rewriter, loc, i * tile)));
    Value row = add(rowBase, index(rewriter, loc, i * tile));
    rowIn.push_back(less(row, M));
    setGroup(t->rows, row);
    rowValues.push_back(valuesOf(t->rows));
  }
  for (int64_t j = 0; j < Rn; ++j) {
    colOff.push_back(add(tx, index(rewriter, loc, j * tile)));
    Value col = add(colBase, index(rewriter, loc, j * tile));
    colIn.push_back(less(col, N));
    setGroup(t->cols, col);
    colValues.push_back(valuesOf(t->cols));
  }
  // The outer loops from bz (row-major).
  setGroup(t->outer, launch.getBlockIds().z);

  Value zero =
      arith::ConstantOp::create(rewriter, loc, rewriter.getF32FloatAttr(0));
  Value a = op->getOperand(ia), b = op->getOperand(ib), c = op->getOperand(ic);
  auto cAt = [&](int64_t i, int64_t j) {
    restore(t->rows, rowValues[i]);
    restore(t->cols, colValues[j]);
    return at(ic);
  };
  SmallVector<Value> acc0;
  for (int64_t i = 0; i < Rm; ++i) {
    for (int64_t j = 0; j < Rn; ++j) {
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
    Value kaIn = less(ka, K), kbIn = less(kb, K);
    setGroup(t->ks, ka);
    for (int64_t i = 0; i < Rm; ++i) {
      restore(t->rows, rowValues[i]);
      Value va =
          guardedLoad(rewriter, loc, both(rowIn[i], kaIn), a, at(ia), zero);
      memref::StoreOp::create(rewriter, loc, va, aTile,
                              ValueRange{rowOff[i], tx});
    }
    setGroup(t->ks, kb);
    for (int64_t j = 0; j < Rn; ++j) {
      restore(t->cols, colValues[j]);
      Value vb =
          guardedLoad(rewriter, loc, both(colIn[j], kbIn), b, at(ib), zero);
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
      for (int64_t i = 0; i < Rm; ++i) {
        as.push_back(memref::LoadOp::create(rewriter, loc, aTile,
                                            ValueRange{rowOff[i], kk}));
      }
      for (int64_t j = 0; j < Rn; ++j) {
        bs.push_back(memref::LoadOp::create(rewriter, loc, bTile,
                                            ValueRange{kk, colOff[j]}));
      }
      Block &region = op.getRegion().front();
      for (int64_t i = 0; i < Rm; ++i) {
        for (int64_t j = 0; j < Rn; ++j) {
          IRMapping mapping;
          mapping.map(region.getArgument(ia), as[i]);
          mapping.map(region.getArgument(ib), bs[j]);
          mapping.map(region.getArgument(ic),
                      inner.getRegionIterArgs()[i * Rn + j]);
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
  for (int64_t i = 0; i < Rm; ++i) {
    for (int64_t j = 0; j < Rn; ++j) {
      auto store = scf::IfOp::create(rewriter, loc, both(rowIn[i], colIn[j]));
      OpBuilder::InsertionGuard inStore(rewriter);
      rewriter.setInsertionPointToStart(store.thenBlock());
      memref::StoreOp::create(rewriter, loc, kLoop.getResult(i * Rn + j), c,
                              cAt(i, j));
    }
  }
  rewriter.eraseOp(op);
  return success();
}
