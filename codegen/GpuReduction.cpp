//===- GpuReduction.cpp - workgroup-level reduction kernels --------------===//
//
// For output element p (workgroup x = p, delinearized over the parallel
// dimensions) and thread t of T, over the linearized reduction space of R
// elements (R >= T, so every thread has at least one element):
//   partial = f(ins at t), combined with out[p]'s initial value on thread 0;
//   partial = combine(f(ins at j), partial) for j = t + T, t + 2T, ... < R
//     (a static trip count for every thread, the last step guarded);
//   s[t] = partial; then for h = T/2 ... 1: barrier, s[t] = combine(s[t],
//   s[t + h]) for t < h; finally thread 0 stores s[0] to out[p].
// f is the body up to its combiner (linalg's matchReduction); the combiner
// must be associative and commutative (float add/mul/max/min, integer
// add/max/min), so only the summation order differs from the loop nest.
//
//===----------------------------------------------------------------------===//

#include "codegen/GpuReduction.h"

#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;

namespace {
/// Smallest reduction extent worth a workgroup.
constexpr int64_t kMinReduction = 64;

Value index(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}
} // namespace

LogicalResult nn::reduceInWorkgroupForGpu(RewriterBase &rewriter,
                                          linalg::GenericOp op,
                                          int64_t threads) {
  if (threads < 2 || (threads & (threads - 1)) ||
      !op.hasPureBufferSemantics() || op.getNumDpsInits() != 1 ||
      op.getNumReductionLoops() == 0) {
    return failure();
  }
  for (OpOperand &operand : op->getOpOperands()) {
    auto type = dyn_cast<MemRefType>(operand.get().getType());
    if (!type || !type.hasStaticShape()) {
      return failure();
    }
  }
  for (AffineMap map : op.getIndexingMapsArray()) {
    if (!map.isProjectedPermutation()) {
      return failure();
    }
  }
  // linalg.index would need the loop values too; keep those on loops.
  if (!op.getRegion().front().getOps<linalg::IndexOp>().empty()) {
    return failure();
  }
  Block &region = op.getRegion().front();
  SmallVector<Operation *> combiners;
  BlockArgument outArg = region.getArguments().back();
  Value reduced = matchReduction({outArg}, 0, combiners);
  if (!reduced || combiners.size() != 1 ||
      !isa<arith::AddFOp, arith::MulFOp, arith::MaximumFOp, arith::MinimumFOp,
           arith::MaxNumFOp, arith::MinNumFOp, arith::AddIOp, arith::MaxSIOp,
           arith::MinSIOp>(combiners[0])) {
    return failure();
  }
  Operation *combiner = combiners[0];
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<unsigned> parallel, reduction;
  int64_t P = 1, R = 1;
  for (auto [d, kind] : llvm::enumerate(op.getIteratorTypesArray())) {
    if (kind == utils::IteratorType::parallel) {
      parallel.push_back(d);
      P *= ranges[d];
    } else {
      reduction.push_back(d);
      R *= ranges[d];
    }
  }
  if (R < kMinReduction || R < threads || P > 65535 || P == 0) {
    return failure();
  }
  Type element = outArg.getType();

  Location loc = op.getLoc();
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);
  Value one = index(rewriter, loc, 1);
  auto launch =
      gpu::LaunchOp::create(rewriter, loc, index(rewriter, loc, P), one, one,
                            index(rewriter, loc, threads), one, one);
  Block &body = launch.getBody().front();
  rewriter.setInsertionPointToEnd(&body);
  gpu::TerminatorOp::create(rewriter, loc);
  rewriter.setInsertionPointToStart(&body);
  // Memory space 3 is Workgroup in the Vulkan storage-class map.
  Value scratch =
      memref::AllocOp::create(rewriter, loc,
                              MemRefType::get({threads}, element, AffineMap(),
                                              rewriter.getI64IntegerAttr(3)));
  Value t = launch.getThreadIds().x;

  SmallVector<Value> loops(ranges.size());
  auto delinearize = [&](Value linear, ArrayRef<unsigned> dims) {
    Value rest = linear;
    for (int64_t i = (int64_t)dims.size() - 1; i >= 0; --i) {
      Value extent = index(rewriter, loc, ranges[dims[i]]);
      loops[dims[i]] =
          i == 0
              ? rest
              : arith::RemUIOp::create(rewriter, loc, rest, extent).getResult();
      rest = arith::DivUIOp::create(rewriter, loc, rest, extent);
    }
  };
  delinearize(launch.getBlockIds().x, parallel);
  auto operandIndices = [&](AffineMap map) {
    SmallVector<Value> indices;
    for (AffineExpr e : map.getResults()) {
      indices.push_back(loops[cast<AffineDimExpr>(e).getPosition()]);
    }
    return indices;
  };
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  Value out = op.getDpsInits()[0];
  SmallVector<Value> outIndices = operandIndices(maps.back());

  // f(ins at reduction index `j`): the body up to the combiner.
  auto element_at = [&](Value j) -> Value {
    delinearize(j, reduction);
    IRMapping mapping;
    for (OpOperand *input : op.getDpsInputOperands()) {
      Value loaded = memref::LoadOp::create(
          rewriter, loc, input->get(),
          operandIndices(maps[input->getOperandNumber()]));
      mapping.map(region.getArgument(input->getOperandNumber()), loaded);
    }
    for (Operation &bodyOp : region.without_terminator()) {
      if (&bodyOp == combiner) {
        break;
      }
      rewriter.clone(bodyOp, mapping);
    }
    return mapping.lookupOrDefault(reduced);
  };
  auto combine = [&](Value a, Value b) -> Value {
    IRMapping mapping;
    mapping.map(combiner->getOperand(0), a);
    mapping.map(combiner->getOperand(1), b);
    return rewriter.clone(*combiner, mapping)->getResult(0);
  };

  Value first = element_at(t);
  Value isZero = arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::eq,
                                       t, index(rewriter, loc, 0));
  auto withInit = scf::IfOp::create(rewriter, loc, element, isZero, true);
  {
    OpBuilder::InsertionGuard inIf(rewriter);
    rewriter.setInsertionPointToStart(withInit.thenBlock());
    Value init = memref::LoadOp::create(rewriter, loc, out, outIndices);
    scf::YieldOp::create(rewriter, loc, combine(first, init));
    rewriter.setInsertionPointToStart(withInit.elseBlock());
    scf::YieldOp::create(rewriter, loc, first);
  }
  // The remaining elements j = t + k*T (k >= 1), guarded by j < R: every
  // thread runs the same static trip count (a loop whose trip count varies
  // by thread, zero for some, lost its iter_args on lavapipe).
  Value partial = withInit.getResult(0);
  int64_t trips = (R + threads - 1) / threads - 1;
  if (trips > 0) {
    auto stride = scf::ForOp::create(rewriter, loc, index(rewriter, loc, 1),
                                     index(rewriter, loc, trips + 1), one,
                                     ValueRange{partial});
    OpBuilder::InsertionGuard inLoop(rewriter);
    rewriter.setInsertionPointToStart(stride.getBody());
    Value j = arith::AddIOp::create(
        rewriter, loc, t,
        arith::MulIOp::create(rewriter, loc, stride.getInductionVar(),
                              index(rewriter, loc, threads)));
    Value carried = stride.getRegionIterArg(0);
    Value next = carried;
    if (R % threads != 0) {
      Value inRange = arith::CmpIOp::create(
          rewriter, loc, arith::CmpIPredicate::ult, j, index(rewriter, loc, R));
      auto guarded = scf::IfOp::create(rewriter, loc, element, inRange, true);
      OpBuilder::InsertionGuard inIf(rewriter);
      rewriter.setInsertionPointToStart(guarded.thenBlock());
      scf::YieldOp::create(rewriter, loc, combine(element_at(j), carried));
      rewriter.setInsertionPointToStart(guarded.elseBlock());
      scf::YieldOp::create(rewriter, loc, carried);
      next = guarded.getResult(0);
    } else {
      next = combine(element_at(j), carried);
    }
    rewriter.setInsertionPointToEnd(stride.getBody());
    scf::YieldOp::create(rewriter, loc, next);
    partial = stride.getResult(0);
  }
  memref::StoreOp::create(rewriter, loc, partial, scratch, ValueRange{t});
  for (int64_t half = threads / 2; half >= 1; half /= 2) {
    gpu::BarrierOp::create(rewriter, loc);
    Value active =
        arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::ult, t,
                              index(rewriter, loc, half));
    auto step = scf::IfOp::create(rewriter, loc, active);
    OpBuilder::InsertionGuard inStep(rewriter);
    rewriter.setInsertionPointToStart(step.thenBlock());
    Value mine = memref::LoadOp::create(rewriter, loc, scratch, ValueRange{t});
    Value other = memref::LoadOp::create(
        rewriter, loc, scratch,
        ValueRange{arith::AddIOp::create(rewriter, loc, t,
                                         index(rewriter, loc, half))});
    memref::StoreOp::create(rewriter, loc, combine(mine, other), scratch,
                            ValueRange{t});
  }
  auto store = scf::IfOp::create(rewriter, loc, isZero);
  rewriter.setInsertionPointToStart(store.thenBlock());
  Value total = memref::LoadOp::create(rewriter, loc, scratch,
                                       ValueRange{index(rewriter, loc, 0)});
  memref::StoreOp::create(rewriter, loc, total, out, outIndices);
  rewriter.eraseOp(op);
  return success();
}
