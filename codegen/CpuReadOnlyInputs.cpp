//===- CpuReadOnlyInputs.cpp - compiled code never writes its inputs ------===//
//
// See CpuReadOnlyInputsPass in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_CPUREADONLYINPUTSPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {

struct CpuReadOnlyInputsPass
    : nn::impl::CpuReadOnlyInputsPassBase<CpuReadOnlyInputsPass> {
  void runOnOperation() override {
    func::FuncOp fn = getOperation();
    if (fn.isExternal() || !fn.isPublic()) {
      return;
    }
    BoolAttr no = BoolAttr::get(&getContext(), false);
    for (unsigned i = 0, e = fn.getNumArguments(); i < e; ++i) {
      if (isa<TensorType>(fn.getArgument(i).getType())) {
        fn.setArgAttr(i, "bufferization.writable", no);
      }
    }
  }
};

} // namespace
