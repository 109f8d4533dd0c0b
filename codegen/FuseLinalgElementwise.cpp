//===- FuseLinalgElementwise.cpp - elementwise fusion, contractions kept -===//
//
// Upstream's linalg-fuse-elementwise-ops (producer -> consumer fusion of
// linalg.generic, reshape propagation by expansion, constant folding), with
// one rule added: no producer is fused into a contraction. Fused into
// `out += a * b`, a producer's payload (e.g. the 1/sqrt(d) scaling of
// attention's queries) is recomputed once per multiply-add instead of once
// per element, and the generic is no longer a contraction, so
// nn-cpu-tile-contractions leaves it a scalar loop nest.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_FUSELINALGELEMENTWISEPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {
struct FuseLinalgElementwisePass
    : nn::impl::FuseLinalgElementwisePassBase<FuseLinalgElementwisePass> {
  using FuseLinalgElementwisePassBase::FuseLinalgElementwisePassBase;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    // Upstream's rule: the producer has no other user.
    linalg::ControlFusionFn singleUse = [](OpOperand *fused) {
      Operation *producer = fused->get().getDefiningOp();
      return producer && producer->hasOneUse();
    };
    linalg::ControlFusionFn notIntoContraction = [](OpOperand *fused) {
      Operation *producer = fused->get().getDefiningOp();
      auto consumer = dyn_cast<linalg::LinalgOp>(fused->getOwner());
      return producer && producer->hasOneUse() &&
             !(consumer && linalg::isaContractionOpInterface(consumer));
    };
    RewritePatternSet patterns(ctx);
    linalg::populateElementwiseOpsFusionPatterns(patterns, notIntoContraction);
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns, singleUse);
    tensor::populateBubbleUpExpandShapePatterns(patterns);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, ctx);
    linalg::GenericOp::getCanonicalizationPatterns(patterns, ctx);
    tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, ctx);
    tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, ctx);
    ctx->getLoadedDialect<linalg::LinalgDialect>()->getCanonicalizationPatterns(
        patterns);
    linalg::populateConstantFoldLinalgOperations(patterns, singleUse);
    (void)applyPatternsGreedily(getOperation(), std::move(patterns),
                                GreedyRewriteConfig().setUseTopDownTraversal());
  }
};
} // namespace
