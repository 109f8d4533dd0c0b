//===- CpuStackBuffers.cpp - small intermediate buffers on the stack ------===//
//
// See CpuStackBuffersPass in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
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

struct CpuStackBuffersPass
    : nn::impl::CpuStackBuffersPassBase<CpuStackBuffersPass> {
  using CpuStackBuffersPassBase::CpuStackBuffersPassBase;

  void runOnOperation() override {
    func::FuncOp fn = getOperation();
    if (fn.isExternal()) {
      return;
    }
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
      // (A dealloc written before this pass would free stack memory.)
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
  }
};

} // namespace
