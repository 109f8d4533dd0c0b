//===- FoldLayout.cpp - the nn-fold-layout pass -----------------*- C++ -*-===//
//
// In: a func.func of nn ops. Out: transposes and reshapes composed (the ops'
// canonicalizations and folders) and layout ops (LayoutLike, one data
// operand) sunk below the elementwise op that alone uses them:
//   f(layout(x)) = layout(f(x))                 for elementwise f
//   g(layout(x), layout(y)) = layout(g(x, y))   same layout op, same types
// Sinking moves layout ops towards the outputs, where they meet another
// layout op and compose (or cancel), and lets elementwise ops meet to fuse.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "passes/Passes.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_FOLDLAYOUTPASS
#include "passes/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;
using namespace mlir::nn;

namespace {
/// `t` with element type `element`.
Type withElementType(Type t, Type element) {
  return cast<RankedTensorType>(t).clone(element);
}

/// A layout op that moves the data of its one operand. Not those that
/// compute or invent elements, with which f does not commute: linear resize
/// interpolates (f(a x + b y) != a f(x) + b f(y)), pad and trilu write
/// constants (f(0) != 0 in general).
bool isSinkableLayout(Operation *op) {
  if (!op || !op->hasTrait<LayoutLike>() || op->getNumOperands() != 1 ||
      op->getNumResults() != 1 || op->getNumRegions() != 0 ||
      isa<PadOp, TriluOp>(op)) {
    return false;
  }
  auto resize = dyn_cast<ResizeOp>(op);
  return !resize || resize.getMode() == ResizeMode::nearest;
}

/// Same layout op (name, attributes, input and result types).
bool sameLayout(Operation *a, Operation *b) {
  return a->getName() == b->getName() &&
         a->getAttrDictionary() == b->getAttrDictionary() &&
         a->getOperandTypes() == b->getOperandTypes() &&
         a->getResultTypes() == b->getResultTypes();
}

/// elementwise(layout(x)...) -> layout(elementwise(x...)).
struct SinkLayoutBelowElementwise : OpTraitRewritePattern<ElementwiseLike> {
  using OpTraitRewritePattern::OpTraitRewritePattern;
  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (op->getNumResults() != 1 || op->getNumOperands() == 0 ||
        op->getNumRegions() != 0) {
      return rewriter.notifyMatchFailure(op, "not a simple elementwise op");
    }
    Operation *layout = op->getOperand(0).getDefiningOp();
    if (!isSinkableLayout(layout)) {
      return rewriter.notifyMatchFailure(op, "operand 0 is no layout op");
    }
    for (Value operand : op->getOperands()) {
      Operation *other = operand.getDefiningOp();
      if (!other || !isSinkableLayout(other) || !sameLayout(layout, other) ||
          llvm::any_of(other->getUsers(),
                       [&](Operation *u) { return u != op; })) {
        return rewriter.notifyMatchFailure(op, "operands differ in layout");
      }
    }
    if (op->getResult(0).getType() != op->getOperand(0).getType() &&
        cast<ShapedType>(op->getResult(0).getType()).getShape() !=
            cast<ShapedType>(op->getOperand(0).getType()).getShape()) {
      return rewriter.notifyMatchFailure(op, "broadcasts");
    }
    Type element = getElementTypeOrSelf(op->getResult(0).getType());
    IRMapping inputs;
    for (Value operand : op->getOperands()) {
      inputs.map(operand, operand.getDefiningOp()->getOperand(0));
    }
    Operation *early = rewriter.clone(*op, inputs);
    early->getResult(0).setType(
        withElementType(layout->getOperand(0).getType(), element));
    IRMapping data;
    data.map(layout->getOperand(0), early->getResult(0));
    Operation *late = rewriter.clone(*layout, data);
    late->getResult(0).setType(
        withElementType(layout->getResult(0).getType(), element));
    rewriter.replaceOp(op, late->getResults());
    return success();
  }
};

struct FoldLayoutPass : nn::impl::FoldLayoutPassBase<FoldLayoutPass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    patterns.add<SinkLayoutBelowElementwise>(context);
    TransposeOp::getCanonicalizationPatterns(patterns, context);
    ReshapeOp::getCanonicalizationPatterns(patterns, context);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns)))) {
      signalPassFailure();
    }
  }
};
} // namespace
