//===- CpuStackBuffers.cpp - small intermediate buffers on the stack ------===//
//
// See CpuStackBuffersPass in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_CPUSTACKBUFFERSPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {

/// Static byte size of `type`, or -1.
int64_t bytesOf(MemRefType type) {
  if (!type.hasStaticShape() || !type.getElementType().isIntOrFloat()) {
    return -1;
  }
  return type.getNumElements() *
         std::max<int64_t>(1, type.getElementTypeBitWidth() / 8);
}

/// True if `v`, or a view of it, is returned from the function.
bool isReturned(Value v) {
  for (Operation *user : v.getUsers()) {
    if (isa<func::ReturnOp>(user)) {
      return true;
    }
    if (isa<ViewLikeOpInterface>(user) && user->getNumResults() == 1 &&
        isReturned(user->getResult(0))) {
      return true;
    }
  }
  return false;
}

/// `alloc` as a memref.alloca of the same type and alignment; its deallocs
/// (written before this pass) would free stack memory and go.
void toAlloca(RewriterBase &rewriter, memref::AllocOp alloc) {
  for (Operation *user : llvm::make_early_inc_range(alloc->getUsers())) {
    if (isa<memref::DeallocOp>(user)) {
      rewriter.eraseOp(user);
    }
  }
  rewriter.setInsertionPoint(alloc);
  rewriter.replaceOpWithNewOp<memref::AllocaOp>(
      alloc, alloc.getType(), alloc.getDynamicSizes(),
      alloc.getSymbolOperands(), alloc.getAlignmentAttr());
}

struct CpuStackBuffersPass
    : nn::impl::CpuStackBuffersPassBase<CpuStackBuffersPass> {
  using CpuStackBuffersPassBase::CpuStackBuffersPassBase;

  void runOnOperation() override {
    func::FuncOp fn = getOperation();
    if (fn.isExternal()) {
      return;
    }
    entryBlockBuffers(fn);
    loopBodyBuffers(fn);
  }

  /// Small buffers of the entry block -> memref.alloca, smallest first,
  /// within the function's budget.
  void entryBlockBuffers(func::FuncOp fn) {
    SmallVector<std::pair<int64_t, memref::AllocOp>> candidates;
    for (auto alloc : fn.getBody().front().getOps<memref::AllocOp>()) {
      int64_t bytes = bytesOf(alloc.getType());
      if (bytes > 0 && bytes <= maxBytes &&
          alloc.getType().getLayout().isIdentity() &&
          !isReturned(alloc.getResult())) {
        candidates.push_back({bytes, alloc});
      }
    }
    // Smallest first: the most buffers for the budget.
    llvm::stable_sort(candidates,
                      [](auto &a, auto &b) { return a.first < b.first; });
    int64_t total = 0;
    IRRewriter rewriter(&getContext());
    for (auto [bytes, alloc] : candidates) {
      if (total + bytes > maxTotalBytes) {
        break;
      }
      total += bytes;
      toAlloca(rewriter, alloc);
    }
  }

  /// Small buffers allocated directly in a loop body (a fused kernel's
  /// per-tile row statistics, a micro-kernel's packed panel) were a malloc +
  /// free per iteration: they become memref.alloca inside a
  /// memref.alloca_scope wrapping the body, so the stack is released at the
  /// end of every iteration (a stack save/restore, no call). Only bodies
  /// whose terminator yields nothing (the bufferized forall, parallel and
  /// plain for loops), within the same budgets per body.
  void loopBodyBuffers(func::FuncOp fn) {
    DenseMap<Block *, SmallVector<std::pair<int64_t, memref::AllocOp>>> bodies;
    fn.walk([&](memref::AllocOp alloc) {
      Block *body = alloc->getBlock();
      Operation *loop = body->getParentOp();
      int64_t bytes = bytesOf(alloc.getType());
      if (isa<LoopLikeOpInterface>(loop) && body->mightHaveTerminator() &&
          body->getTerminator()->getNumOperands() == 0 && bytes > 0 &&
          bytes <= std::min(maxBytes, maxLoopBytes) &&
          alloc.getType().getLayout().isIdentity()) {
        bodies[body].push_back({bytes, alloc});
      }
    });
    IRRewriter rewriter(&getContext());
    for (auto &[body, allocs] : bodies) {
      llvm::stable_sort(allocs,
                        [](auto &a, auto &b) { return a.first < b.first; });
      int64_t total = 0;
      SmallVector<memref::AllocOp> chosen;
      for (auto [bytes, alloc] : allocs) {
        if (total + bytes > maxTotalBytes) {
          break;
        }
        total += bytes;
        chosen.push_back(alloc);
      }
      if (chosen.empty()) {
        continue;
      }
      // Everything but the terminator moves into the scope; nothing is
      // used after it (the terminator takes no operands).
      Operation *terminator = body->getTerminator();
      rewriter.setInsertionPoint(terminator);
      auto scope =
          memref::AllocaScopeOp::create(rewriter, fn.getLoc(), TypeRange());
      Block *inner = rewriter.createBlock(&scope.getBodyRegion());
      inner->getOperations().splice(inner->end(), body->getOperations(),
                                    body->begin(), scope->getIterator());
      rewriter.setInsertionPointToEnd(inner);
      memref::AllocaScopeReturnOp::create(rewriter, fn.getLoc());
      for (memref::AllocOp alloc : chosen) {
        toAlloca(rewriter, alloc);
      }
    }
  }
};

} // namespace
