//===- GpuMapping.cpp - bufferized linalg -> one gpu.launch per op -*- C++ -*-//
//
// Two passes of the Vulkan pipeline. nn-gpu-prepare-linalg: memref.copy ->
// linalg.copy, host loops with static bounds unrolled, named ops generalized,
// parallel dimensions moved outermost. nn-gpu-map-to-launch (after
// convert-linalg-to-parallel-loops and fold-memref-alias-ops): each top-level
// scf.parallel -> a 1-D grid-stride gpu.launch; remaining top-level compute
// -> a one-thread gpu.launch. In: a func on memrefs. Out: the same func whose
// top level holds only host ops (allocs, globals, views, constants) and
// gpu.launch ops.
//
//===----------------------------------------------------------------------===//

#include "codegen/GpuMatmul.h"
#include "codegen/GpuPasses.h"
#include "codegen/GpuReduction.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_GPUPREPARELINALGPASS
#define GEN_PASS_DEF_GPUMAPTOLAUNCHPASS
#include "codegen/GpuPasses.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {
/// Most kernels one unrolled host loop may produce: past this a model is
/// better served by the CPU target than by thousands of tiny dispatches.
constexpr int64_t kMaxUnrolledOps = 20000;

bool containsLinalg(Operation *op) {
  return op->walk([](linalg::LinalgOp) { return WalkResult::interrupt(); })
      .wasInterrupted();
}

struct GpuPrepareLinalgPass
    : nn::impl::GpuPrepareLinalgPassBase<GpuPrepareLinalgPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());

    // Copies are kernels too.
    SmallVector<memref::CopyOp> copies;
    func.walk([&](memref::CopyOp copy) { copies.push_back(copy); });
    for (memref::CopyOp copy : copies) {
      rewriter.setInsertionPoint(copy);
      linalg::CopyOp::create(rewriter, copy.getLoc(),
                             ValueRange{copy.getSource()},
                             ValueRange{copy.getTarget()});
      rewriter.eraseOp(copy);
    }

    // Straight-line host code: unroll the top-level loops (outermost first,
    // then whatever they exposed) whose bodies launch kernels.
    for (bool changed = true; changed;) {
      changed = false;
      for (Operation &op : llvm::make_early_inc_range(func.getBody().front())) {
        auto loop = dyn_cast<scf::ForOp>(&op);
        if (!loop || !containsLinalg(loop)) {
          continue;
        }
        std::optional<int64_t> trips =
            loop.getStaticTripCount()
                ? std::optional<int64_t>(
                      loop.getStaticTripCount()->getSExtValue())
                : std::nullopt;
        if (!trips) {
          loop.emitError("vulkan: a host loop with dynamic bounds launches "
                         "kernels; pin the input shapes");
          return signalPassFailure();
        }
        int64_t ops = 0;
        loop.walk([&](linalg::LinalgOp) { ++ops; });
        if (*trips * ops > kMaxUnrolledOps) {
          loop.emitError("vulkan: unrolling this loop would launch ")
              << *trips * ops << " kernels (limit " << kMaxUnrolledOps << ")";
          return signalPassFailure();
        }
        if (failed(loopUnrollFull(loop))) {
          loop.emitError("vulkan: cannot unroll this host loop");
          return signalPassFailure();
        }
        changed = true;
      }
    }

    // Generic ops with the parallel dimensions outermost.
    SmallVector<linalg::LinalgOp> ops;
    func.walk([&](linalg::LinalgOp op) { ops.push_back(op); });
    for (linalg::LinalgOp op : ops) {
      rewriter.setInsertionPoint(op);
      auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
      if (!generic) {
        FailureOr<linalg::GenericOp> generalized =
            linalg::generalizeNamedOp(rewriter, op);
        if (failed(generalized)) {
          op.emitError("vulkan: cannot generalize this op");
          return signalPassFailure();
        }
        generic = *generalized;
      }
      if (tileContractions > 0 &&
          succeeded(nn::tileContractionForGpu(
              rewriter, generic, tileContractions, workgroupMemory))) {
        continue;
      }
      if (workgroupReductions > 0 &&
          succeeded(nn::reduceInWorkgroupForGpu(rewriter, generic,
                                                workgroupReductions))) {
        continue;
      }
      SmallVector<unsigned> order;
      for (auto [i, kind] : llvm::enumerate(generic.getIteratorTypesArray())) {
        if (kind == utils::IteratorType::parallel) {
          order.push_back(i);
        }
      }
      for (auto [i, kind] : llvm::enumerate(generic.getIteratorTypesArray())) {
        if (kind != utils::IteratorType::parallel) {
          order.push_back(i);
        }
      }
      bool identity = true;
      for (auto [i, d] : llvm::enumerate(order)) {
        identity &= (i == d);
      }
      if (!identity &&
          failed(linalg::interchangeGenericOp(rewriter, generic, order))) {
        generic.emitError("vulkan: cannot move parallel dimensions outermost");
        return signalPassFailure();
      }
    }
  }
};

/// Ops that stay in the host program (the plan's buffers and views).
bool isHostOp(Operation *op) {
  return isa<memref::AllocOp, memref::AllocaOp, memref::DeallocOp,
             memref::GetGlobalOp, ViewLikeOpInterface, arith::ConstantOp,
             func::ReturnOp, gpu::LaunchOp>(op);
}

Value indexConstant(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

/// A gpu.launch with the given 1-D grid and workgroup, its body empty but
/// for the terminator; the builder is left before the terminator.
gpu::LaunchOp createLaunch(OpBuilder &b, Location loc, int64_t blocks,
                           int64_t threads) {
  Value one = indexConstant(b, loc, 1);
  auto launch =
      gpu::LaunchOp::create(b, loc, indexConstant(b, loc, blocks), one, one,
                            indexConstant(b, loc, threads), one, one);
  b.setInsertionPointToEnd(&launch.getBody().front());
  gpu::TerminatorOp::create(b, loc);
  b.setInsertionPointToStart(&launch.getBody().front());
  return launch;
}

struct GpuMapToLaunchPass
    : nn::impl::GpuMapToLaunchPassBase<GpuMapToLaunchPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    Block &body = func.getBody().front();
    SmallVector<Operation *> group;
    auto flush = [&]() -> LogicalResult {
      if (group.empty()) {
        return success();
      }
      LogicalResult result = wrapInOneThread(group);
      group.clear();
      return result;
    };
    for (Operation &op : llvm::make_early_inc_range(body)) {
      if (auto loop = dyn_cast<scf::ParallelOp>(&op)) {
        if (failed(flush()) || failed(mapParallel(loop))) {
          return signalPassFailure();
        }
      } else if (isHostOp(&op)) {
        if (failed(flush())) {
          return signalPassFailure();
        }
      } else {
        group.push_back(&op);
      }
    }
  }

  /// Moves `ops` (consecutive, top-level) into a one-thread launch.
  LogicalResult wrapInOneThread(ArrayRef<Operation *> ops) {
    llvm::SmallPtrSet<Operation *, 8> inGroup(ops.begin(), ops.end());
    for (Operation *op : ops) {
      for (Operation *user : op->getUsers()) {
        Operation *top = user;
        while (top->getParentOp() != op->getParentOp()) {
          top = top->getParentOp();
        }
        if (!inGroup.count(top)) {
          return op->emitError("vulkan: a host value computed on the device "
                               "is used by the host program");
        }
      }
    }
    OpBuilder b(ops.front());
    gpu::LaunchOp launch = createLaunch(b, ops.front()->getLoc(), 1, 1);
    Operation *terminator = launch.getBody().front().getTerminator();
    for (Operation *op : ops) {
      op->moveBefore(terminator);
    }
    return success();
  }

  /// Replaces `loop` by a grid-stride launch over its linearized space.
  LogicalResult mapParallel(scf::ParallelOp loop) {
    SmallVector<int64_t> extents;
    for (auto [lb, ub, step] : llvm::zip(
             loop.getLowerBound(), loop.getUpperBound(), loop.getStep())) {
      std::optional<int64_t> l = getConstantIntValue(lb),
                             u = getConstantIntValue(ub),
                             s = getConstantIntValue(step);
      if (!l || !u || !s || *l != 0 || *s != 1) {
        return loop.emitError("vulkan: a loop nest with dynamic or non-unit "
                              "bounds; pin the input shapes");
      }
      extents.push_back(*u);
    }
    int64_t total = 1;
    for (int64_t e : extents) {
      total *= e;
    }
    if (total == 0) {
      loop.erase();
      return success();
    }
    int64_t threads = std::min<int64_t>(workgroupSize, total);
    int64_t blocks =
        std::min<int64_t>((total + threads - 1) / threads, maxWorkgroups);
    int64_t perThread = (total + blocks * threads - 1) / (blocks * threads);

    Location loc = loop.getLoc();
    OpBuilder b(loop);
    gpu::LaunchOp launch = createLaunch(b, loc, blocks, threads);
    Value block = launch.getBlockIds().x, thread = launch.getThreadIds().x;
    Value cThreads = indexConstant(b, loc, threads);
    Value cBlocks = indexConstant(b, loc, blocks);
    Value base = block;
    if (perThread > 1) {
      auto stride = scf::ForOp::create(b, loc, indexConstant(b, loc, 0),
                                       indexConstant(b, loc, perThread),
                                       indexConstant(b, loc, 1));
      b.setInsertionPoint(stride.getBody()->getTerminator());
      Value k = stride.getInductionVar();
      base = arith::AddIOp::create(
          b, loc, arith::MulIOp::create(b, loc, k, cBlocks), block);
    }
    Value linear = arith::AddIOp::create(
        b, loc, arith::MulIOp::create(b, loc, base, cThreads), thread);
    if (blocks * threads * perThread != total) {
      Value inBounds =
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, linear,
                                indexConstant(b, loc, total));
      auto guard = scf::IfOp::create(b, loc, inBounds);
      b.setInsertionPoint(guard.thenBlock()->getTerminator());
    }
    // Delinearize (row-major: the last dimension varies fastest).
    IRMapping mapping;
    Value rest = linear;
    for (int64_t d = (int64_t)extents.size() - 1; d >= 0; --d) {
      Value iv = loop.getInductionVars()[d];
      if (d == 0) {
        mapping.map(iv, rest);
        break;
      }
      Value extent = indexConstant(b, loc, extents[d]);
      mapping.map(iv, arith::RemUIOp::create(b, loc, rest, extent));
      rest = arith::DivUIOp::create(b, loc, rest, extent);
    }
    for (Operation &op : loop.getBody()->without_terminator()) {
      b.clone(op, mapping);
    }
    loop.erase();
    return success();
  }
};
} // namespace
