//===- FuseLinalgElementwise.cpp - elementwise fusion that keeps contractions //
//
// See FuseLinalgElementwisePass in Passes.td. Upstream's
// linalg-fuse-elementwise-ops with one policy change: a contraction is never
// a party to a fusion. Upstream fuses a scale (`x / 8`) into a matmul's body
// and folds the reshapes around a matmul into its indexing maps; either
// leaves a generic that is no longer a multiply-accumulate over row-major
// operands, so the contraction micro-kernel (nn-cpu-tile-contractions) and
// the GPU matmul tiling cannot take it and it runs as scalar loops.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
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

/// A matmul-like op: a named contraction or a generic whose body is a
/// multiply-accumulate (what the contraction tilers recognize).
bool isContraction(Operation *op) {
  auto linalgOp = dyn_cast_or_null<linalg::LinalgOp>(op);
  return linalgOp && linalg::isaContractionOpInterface(linalgOp);
}

/// Fuse (or fold a reshape into) `operand`'s owner only when the producer has
/// no other use and neither side is a contraction.
bool mayFuse(OpOperand *operand) {
  Operation *producer = operand->get().getDefiningOp();
  return producer && producer->hasOneUse() && !isContraction(producer) &&
         !isContraction(operand->getOwner());
}

struct FuseLinalgElementwisePass
    : nn::impl::FuseLinalgElementwisePassBase<FuseLinalgElementwisePass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    linalg::populateElementwiseOpsFusionPatterns(patterns, mayFuse);
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns, mayFuse);
    linalg::populateConstantFoldLinalgOperations(patterns, mayFuse);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, ctx);
    linalg::GenericOp::getCanonicalizationPatterns(patterns, ctx);
    tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, ctx);
    tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, ctx);
    ctx->getLoadedDialect<linalg::LinalgDialect>()->getCanonicalizationPatterns(
        patterns);
    if (failed(applyPatternsGreedily(
            getOperation(), std::move(patterns),
            GreedyRewriteConfig().setUseTopDownTraversal()))) {
      signalPassFailure();
    }
  }
};

} // namespace
