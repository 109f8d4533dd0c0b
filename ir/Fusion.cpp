//===- Fusion.cpp - nn.fusion_group and nn.yield ----------------*- C++ -*-===//
//
// The verifier of the region op that holds one fused group: a known kind and
// a terminator whose operands match the group's results (same element types,
// compatible shapes).
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
  // Compatible, not equal: shape refinement may make the yielded types more
  // static than the group's results.
  TypeRange yielded = yield.getValues().getTypes();
  if (yielded.size() != getNumResults() ||
      llvm::any_of(llvm::zip(yielded, getResultTypes()), [](auto pair) {
        auto [a, b] = pair;
        return getElementTypeOrSelf(a) != getElementTypeOrSelf(b) ||
               failed(verifyCompatibleShape(a, b));
      })) {
    return emitOpError("yields ")
           << yield.getValues().size()
           << " value(s) whose types do not match the group's "
           << getNumResults() << " result type(s)";
  }
  return success();
}
