//===- InferShapes.cpp - refine result types through inference --*- C++ -*-===//
//
// In: a func.func with nn ops whose result types may be less static than
// their operands allow. Out: the same IR with every inferable result type
// refined to the meet of declared and inferred types, and the function type
// updated. The pass only talks to InferTypeOpInterface; it names no op.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "passes/Passes.h"

#include "mlir/IR/TypeUtilities.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_INFERSHAPESPASS
#include "passes/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {

/// The most static type compatible with both `a` and `b`, or null.
Type meet(Type a, Type b) {
  auto ra = dyn_cast<RankedTensorType>(a);
  auto rb = dyn_cast<RankedTensorType>(b);
  if (!ra || !rb || ra.getElementType() != rb.getElementType() ||
      failed(verifyCompatibleShape(ra, rb))) {
    return {};
  }
  SmallVector<int64_t> shape;
  for (auto [x, y] : llvm::zip(ra.getShape(), rb.getShape())) {
    shape.push_back(ShapedType::isDynamic(x) ? y : x);
  }
  return RankedTensorType::get(shape, ra.getElementType(), ra.getEncoding());
}

struct InferShapesPass : nn::impl::InferShapesPassBase<InferShapesPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    bool failedInference = false;
    func.walk([&](Operation *op) {
      if (op->getDialect() != op->getContext()->getLoadedDialect("nn")) {
        return;
      }
      // Ops whose result shape lives in the result type refine it themselves.
      if (auto refinable = dyn_cast<nn::ShapeRefinementOpInterface>(op)) {
        for (auto [result, type] :
             llvm::zip(op->getResults(), refinable.refineResultTypes())) {
          refine(result, type);
        }
        return;
      }
      auto inferable = dyn_cast<InferTypeOpInterface>(op);
      if (!inferable) {
        return;
      }
      SmallVector<Type> inferred;
      if (failed(inferable.inferReturnTypes(
              op->getContext(), op->getLoc(), op->getOperands(),
              op->getAttrDictionary(), op->getPropertiesStorage(),
              op->getRegions(), inferred))) {
        failedInference = true;
        return;
      }
      for (auto [result, type] : llvm::zip(op->getResults(), inferred)) {
        refine(result, type);
      }
    });
    if (failedInference) {
      return signalPassFailure();
    }
    // The function returns what its terminator returns.
    auto ret = cast<func::ReturnOp>(func.getBody().back().getTerminator());
    func.setType(FunctionType::get(&getContext(), func.getArgumentTypes(),
                                   ret.getOperandTypes()));
  }

  /// Sets `result` to meet(current, inferred); uses outside nn and func.return
  /// keep the old type through a tensor.cast.
  void refine(Value result, Type inferred) {
    Type old = result.getType();
    Type refined = meet(old, inferred);
    if (!refined || refined == old) {
      return;
    }
    result.setType(refined);
    SmallVector<OpOperand *> foreign;
    for (OpOperand &use : result.getUses()) {
      Operation *user = use.getOwner();
      if (user->getDialect() !=
              result.getType().getDialect().getContext()->getLoadedDialect(
                  "nn") &&
          !isa<func::ReturnOp>(user)) {
        foreign.push_back(&use);
      }
    }
    if (foreign.empty()) {
      return;
    }
    OpBuilder b(result.getContext());
    b.setInsertionPointAfterValue(result);
    auto cast = tensor::CastOp::create(b, result.getLoc(), old, result);
    for (OpOperand *use : foreign) {
      use->set(cast);
    }
  }
};

} // namespace
