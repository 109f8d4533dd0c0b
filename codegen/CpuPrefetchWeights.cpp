//===- CpuPrefetchWeights.cpp - large constants prefetched ahead ---------===//
//
// See CpuPrefetchWeightsPass in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/MapVector.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_CPUPREFETCHWEIGHTSPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {

/// Elements per 64-byte cache line of f32.
constexpr int64_t kLineElements = 16;

/// The constant global `view` is a view of (through view-like ops), or null.
memref::GetGlobalOp constantRoot(Value view, ModuleOp module) {
  while (Operation *def = view.getDefiningOp()) {
    if (auto get = dyn_cast<memref::GetGlobalOp>(def)) {
      auto global = dyn_cast_or_null<memref::GlobalOp>(
          SymbolTable::lookupSymbolIn(module, get.getNameAttr()));
      return global && global.getConstant() ? get : nullptr;
    }
    auto viewLike = dyn_cast<ViewLikeOpInterface>(def);
    if (!viewLike) {
      return nullptr;
    }
    view = viewLike.getViewSource();
  }
  return nullptr;
}

/// `v` as it will be `ahead` iterations of `loop` later: the pure ops of the
/// loop body that `v` depends on are cloned (at the builder's point) with the
/// induction variable advanced (`map` holds the clones, shared by all reads).
/// Null if `v` depends on anything else that varies per iteration (an iter_arg,
/// a load).
Value advanced(Value v, scf::ForOp loop, IRMapping &map, OpBuilder &b) {
  if (Value known = map.lookupOrNull(v)) {
    return known;
  }
  if (!loop.getRegion().isAncestor(v.getParentRegion())) {
    return v; // defined above the loop
  }
  Operation *def = v.getDefiningOp();
  if (!def || def->getNumRegions() != 0 || !isMemoryEffectFree(def)) {
    return nullptr;
  }
  for (Value operand : def->getOperands()) {
    if (!advanced(operand, loop, map, b)) {
      return nullptr;
    }
  }
  Operation *clone = b.clone(*def, map);
  return clone->getResult(cast<OpResult>(v).getResultNumber());
}

/// Linear element index of `indices` in `view`: offset + sum(index*stride).
Value linearIndex(OpBuilder &b, Location loc, Value view, ValueRange indices) {
  auto meta = memref::ExtractStridedMetadataOp::create(b, loc, view);
  Value linear = meta.getOffset();
  for (auto [index, stride] : llvm::zip(indices, meta.getStrides())) {
    Value term = arith::MulIOp::create(b, loc, index, stride);
    linear = arith::AddIOp::create(b, loc, linear, term);
  }
  return linear;
}

struct CpuPrefetchWeightsPass
    : nn::impl::CpuPrefetchWeightsPassBase<CpuPrefetchWeightsPass> {
  using Base::Base;

  void runOnOperation() override {
    auto module = getOperation()->getParentOfType<ModuleOp>();
    if (!module) {
      return;
    }
    getOperation().walk([&](scf::ForOp loop) {
      if (loop.getBody()->getOps<vector::FMAOp>().empty()) {
        return;
      }
      std::optional<int64_t> lb = getConstantIntValue(loop.getLowerBound());
      std::optional<int64_t> ub = getConstantIntValue(loop.getUpperBound());
      if (!lb || !ub || *ub <= *lb) {
        return;
      }
      prefetchReads(loop, *lb, *ub - *lb, module);
    });
  }

  /// Prefetches, at every iteration of `loop`, what its reads of large
  /// constants will read one trip (`ahead` index units) later.
  void prefetchReads(scf::ForOp loop, int64_t lb, int64_t ahead,
                     ModuleOp module) {
    // Candidate reads, grouped by the view they read (a register tile's
    // rows of A are one view read at rows 0..G-1).
    llvm::MapVector<Value, SmallVector<vector::TransferReadOp>> groups;
    DenseMap<Value, memref::GetGlobalOp> roots;
    for (auto read : loop.getBody()->getOps<vector::TransferReadOp>()) {
      memref::GetGlobalOp root = constantRoot(read.getBase(), module);
      auto type = root ? dyn_cast<MemRefType>(root.getType()) : nullptr;
      if (type && type.getRank() == 1 && type.hasStaticShape() &&
          type.getElementType().isF32() &&
          type.getNumElements() * 4 >= static_cast<int64_t>(minBytes)) {
        groups[read.getBase()].push_back(read);
        roots[read.getBase()] = root;
      }
    }
    if (groups.empty()) {
      return;
    }
    // All prefetch code goes at the top of the body: what it clones is pure
    // and depends only on the induction variable and values from above, and
    // a clone shared by several reads then dominates all of them.
    Location loc = loop.getLoc();
    OpBuilder b(loop.getBody(), loop.getBody()->begin());
    Value iv = loop.getInductionVar();
    IRMapping map;
    map.map(iv, arith::AddIOp::create(
                    b, loc, iv, arith::ConstantIndexOp::create(b, loc, ahead)));
    for (auto &[view, reads] : groups) {
      std::optional<unsigned> rowDim = rowProgression(reads);
      if (rowDim) {
        // Rows advance one element per iteration: one prefetch per
        // iteration, cycling through the rows, covers each row's line
        // (16 elements) G/16 times per line.
        SmallVector<Value> indices(reads.front().getIndices());
        Value step = loop.getStep();
        Value t = arith::DivUIOp::create(
            b, loc,
            arith::SubIOp::create(b, loc, iv,
                                  arith::ConstantIndexOp::create(b, loc, lb)),
            step);
        Value row = arith::RemUIOp::create(
            b, loc, t, arith::ConstantIndexOp::create(b, loc, reads.size()));
        indices[*rowDim] = arith::AddIOp::create(b, loc, indices[*rowDim], row);
        // Which row this iteration prefetches is not advanced.
        map.map(indices[*rowDim], indices[*rowDim]);
        prefetch(b, loop, map, roots[view], view, indices, /*lines=*/1);
        continue;
      }
      for (vector::TransferReadOp read : reads) {
        // One prefetch per cache line of a contiguous vector.
        int64_t lines = 1;
        VectorType type = read.getVectorType();
        if (read.getPermutationMap().isMinorIdentity() && type.getRank() == 1) {
          lines = llvm::divideCeil(type.getNumElements(), kLineElements);
        }
        prefetch(b, loop, map, roots[view], view, read.getIndices(), lines);
      }
    }
  }

  /// If `reads` read one element each at indices that are equal but in one
  /// dimension, where they are constants c, c+1, ..., c+G-1 in order: that
  /// dimension.
  static std::optional<unsigned>
  rowProgression(MutableArrayRef<vector::TransferReadOp> reads) {
    if (reads.size() < 2) {
      return std::nullopt;
    }
    SmallVector<Value> first(reads[0].getIndices());
    std::optional<unsigned> dim;
    for (unsigned d = 0; d < first.size(); ++d) {
      if (reads[1].getIndices()[d] != first[d]) {
        if (dim) {
          return std::nullopt;
        }
        dim = d;
      }
    }
    std::optional<int64_t> c0 =
        dim ? getConstantIntValue(first[*dim]) : std::nullopt;
    if (!c0) {
      return std::nullopt;
    }
    for (auto [pos, read] : llvm::enumerate(reads)) {
      if (read.getVectorType().getNumElements() != 1) {
        return std::nullopt;
      }
      for (auto [d, index] : llvm::enumerate(read.getIndices())) {
        std::optional<int64_t> c = getConstantIntValue(index);
        bool ok = d == *dim ? c && *c == *c0 + static_cast<int64_t>(pos)
                            : index == first[d];
        if (!ok) {
          return std::nullopt;
        }
      }
    }
    return dim;
  }

  /// Prefetches `lines` cache lines from the element of `view` at `indices`
  /// as of `ahead` iterations later (`map`), clamped into `root`.
  void prefetch(OpBuilder &b, scf::ForOp loop, IRMapping &map,
                memref::GetGlobalOp root, Value view, ValueRange indices,
                int64_t lines) {
    Location loc = loop.getLoc();
    Value base = advanced(view, loop, map, b);
    SmallVector<Value> later;
    for (Value index : indices) {
      later.push_back(advanced(index, loop, map, b));
    }
    if (!base || llvm::is_contained(later, Value())) {
      return;
    }
    Value linear = linearIndex(b, loc, base, later);
    int64_t size = cast<MemRefType>(root.getType()).getNumElements();
    Value last = arith::ConstantIndexOp::create(b, loc, size - 1);
    for (int64_t line = 0; line < lines; ++line) {
      Value at = linear;
      if (line > 0) {
        at = arith::AddIOp::create(
            b, loc, linear,
            arith::ConstantIndexOp::create(b, loc, line * kLineElements));
      }
      // Past the constant's end (the last trip) stays inside it.
      at = arith::MinSIOp::create(b, loc, at, last);
      memref::PrefetchOp::create(b, loc, root.getResult(), ValueRange{at},
                                 /*isWrite=*/false, locality,
                                 /*isDataCache=*/true);
    }
  }
};

} // namespace
