//===- CpuUnshareFills.cpp - one linalg.fill per use ----------------------===//
//
// See CpuUnshareFillsPass in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_CPUUNSHAREFILLSPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {

struct CpuUnshareFillsPass
    : nn::impl::CpuUnshareFillsPassBase<CpuUnshareFillsPass> {
  void runOnOperation() override {
    SmallVector<linalg::FillOp> fills;
    getOperation().walk([&](linalg::FillOp fill) {
      if (fill.hasPureTensorSemantics() &&
          fill.getOutputs()[0].getDefiningOp<tensor::EmptyOp>() &&
          !fill->getResult(0).hasOneUse() && !fill->getResult(0).use_empty()) {
        fills.push_back(fill);
      }
    });
    for (linalg::FillOp fill : fills) {
      unshare(fill);
    }
  }

  /// Splits the uses of `fill` into groups, each ending at an insert_slice
  /// into the fill (a pad, or the write-back of a split product) and holding
  /// the reads of the fill before it (the product's init), in block order;
  /// every group but the first gets its own empty + fill before its first
  /// use (the fill's operands dominate it, as the fill did).
  void unshare(linalg::FillOp fill) {
    Block *block = fill->getBlock();
    SmallVector<std::pair<Operation *, OpOperand *>> uses;
    for (OpOperand &use : fill->getResult(0).getUses()) {
      Operation *at = block->findAncestorOpInBlock(*use.getOwner());
      if (!at) {
        return;
      }
      uses.push_back({at, &use});
    }
    llvm::stable_sort(uses, [](auto &a, auto &b) {
      return a.first != b.first && a.first->isBeforeInBlock(b.first);
    });
    SmallVector<SmallVector<OpOperand *>> groups(1);
    for (auto [at, use] : uses) {
      groups.back().push_back(use);
      auto insert = dyn_cast<tensor::InsertSliceOp>(use->getOwner());
      if (insert && use->get() == insert.getDest()) {
        groups.emplace_back();
      }
    }
    auto empty = fill.getOutputs()[0].getDefiningOp<tensor::EmptyOp>();
    for (ArrayRef<OpOperand *> group : llvm::drop_begin(groups)) {
      if (group.empty()) {
        continue;
      }
      OpBuilder b(block->findAncestorOpInBlock(*group.front()->getOwner()));
      IRMapping map;
      b.clone(*empty, map);
      Value copy = b.clone(*fill, map)->getResult(0);
      for (OpOperand *use : group) {
        use->set(copy);
      }
    }
  }
};

} // namespace
