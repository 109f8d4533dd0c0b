//===- CpuLowerCopies.cpp - strided memref.copy -> linalg.copy ------------===//
//
// See CpuLowerCopiesPass in Passes.td. Runs on bufferized code, before the
// structured ops become loops.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_CPULOWERCOPIESPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {

/// True when `type` is a statically laid out, row-major dense buffer.
bool isContiguous(Type type) {
  auto memref = dyn_cast<MemRefType>(type);
  return memref && memref.getLayout().isIdentity();
}

struct CpuLowerCopiesPass
    : nn::impl::CpuLowerCopiesPassBase<CpuLowerCopiesPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp copy) {
      if (!isContiguous(copy.getSource().getType()) ||
          !isContiguous(copy.getTarget().getType())) {
        copies.push_back(copy);
      }
    });
    IRRewriter rewriter(&getContext());
    for (memref::CopyOp copy : copies) {
      rewriter.setInsertionPoint(copy);
      linalg::CopyOp::create(rewriter, copy.getLoc(), copy.getSource(),
                             copy.getTarget());
      rewriter.eraseOp(copy);
    }
  }
};

} // namespace
