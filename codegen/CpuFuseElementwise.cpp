//===- CpuFuseElementwise.cpp - elementwise fusion sparing contractions ---===//
//
// nn-cpu-fuse-elementwise: the pattern set of upstream's
// linalg-fuse-elementwise-ops (generic producer/consumer fusion, reshape
// propagation by expansion, constant folding, the linalg and reshape
// canonicalizations) with two differences in the control function: an operand
// of a named linalg.contract is never fused or expanded, and no reshape is
// propagated into any contraction (a gemm reading a flattened pool output
// would otherwise gain K loops). The named contractions
// come from nn-cpu-conv-as-matmul with operands that are affine copies
// collapsed to 2-D; propagating the collapse_shape into the contraction would
// re-expand its K loop into (n, oh, ow) and fuse the copies in, leaving a
// multi-K generic nn-cpu-tile-contractions does not match.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_CPUFUSEELEMENTWISEPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {

struct CpuFuseElementwisePass
    : nn::impl::CpuFuseElementwisePassBase<CpuFuseElementwisePass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    // Upstream's default (fuse a producer with a single use), except into
    // a named contraction, and no reshape into any contraction (a gemm
    // reading a flattened [N, C*H*W] pool output would become a multi-K
    // generic).
    linalg::ControlFusionFn control = [](OpOperand *fused) {
      Operation *consumer = fused->getOwner();
      Operation *producer = fused->get().getDefiningOp();
      if (isa<linalg::ContractOp>(consumer)) {
        return false;
      }
      if (isa_and_nonnull<tensor::CollapseShapeOp, tensor::ExpandShapeOp>(
              producer)) {
        auto linalgOp = dyn_cast<linalg::LinalgOp>(consumer);
        if (linalgOp && linalg::isaContractionOpInterface(linalgOp)) {
          return false;
        }
      }
      return producer && producer->hasOneUse();
    };
    RewritePatternSet patterns(context);
    linalg::populateElementwiseOpsFusionPatterns(patterns, control);
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns, control);
    tensor::populateBubbleUpExpandShapePatterns(patterns);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, context);
    linalg::GenericOp::getCanonicalizationPatterns(patterns, context);
    tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, context);
    tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, context);
    context->getLoadedDialect<linalg::LinalgDialect>()
        ->getCanonicalizationPatterns(patterns);
    linalg::populateConstantFoldLinalgOperations(patterns, control);
    GreedyRewriteConfig config;
    config.setUseTopDownTraversal();
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns),
                                     config))) {
      return signalPassFailure();
    }
  }
};

} // namespace
