//===- Fusion.cpp - nn.fusion_group and nn.yield ----------------*- C++ -*-===//
//
// The verifier of the region op that holds one fused group: a known kind and
// a terminator whose operands match the group's results.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"

using namespace mlir;
using namespace mlir::nn;

LogicalResult FusionGroupOp::verify() {
  StringRef kind = getKind();
  if (!llvm::is_contained(
          {"elementwise", "epilogue", "reduction", "horizontal"}, kind)) {
    return emitOpError("unknown fusion kind '")
           << kind
           << "'; expected elementwise, epilogue, reduction or horizontal";
  }
  Block &body = getBody().front();
  auto yield = dyn_cast<YieldOp>(body.empty() ? nullptr : &body.back());
  if (!yield) {
    return emitOpError("body must end with nn.yield");
  }
  if (yield.getValues().getTypes() != getResultTypes()) {
    return emitOpError("yields ")
           << yield.getValues().size()
           << " value(s) whose types do not match the group's "
           << getNumResults() << " result type(s)";
  }
  return success();
}
