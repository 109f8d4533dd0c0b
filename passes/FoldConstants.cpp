//===- FoldConstants.cpp - the nn-fold-constants pass -----------*- C++ -*-===//
//
// In: a func.func of nn ops. Out: every op whose operands are constants
// replaced by its folded constant (the ops' folders, ir/ConstantFolding.h),
// then identical ops merged (CSE) and unused pure ops erased (DCE). Unlike
// canonicalize it applies no rewrite patterns, so only evaluation happens.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "passes/Passes.h"

#include "mlir/IR/Dominance.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/CSE.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_FOLDCONSTANTSPASS
#include "passes/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {
struct FoldConstantsPass : nn::impl::FoldConstantsPassBase<FoldConstantsPass> {
  void runOnOperation() override {
    // An empty pattern set: the driver only folds and erases dead ops.
    RewritePatternSet none(&getContext());
    GreedyRewriteConfig config;
    config.setRegionSimplificationLevel(GreedySimplifyRegionLevel::Disabled);
    if (failed(
            applyPatternsGreedily(getOperation(), std::move(none), config))) {
      return signalPassFailure();
    }
    IRRewriter rewriter(&getContext());
    DominanceInfo dominance(getOperation());
    eliminateCommonSubExpressions(rewriter, dominance, getOperation());
  }
};
} // namespace
