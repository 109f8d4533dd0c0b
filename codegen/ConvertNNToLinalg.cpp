//===- ConvertNNToLinalg.cpp - the convert-nn-to-linalg driver --*- C++ -*-===//
//
// In: a func.func of nn ops. Out: linalg/tensor/arith/math on tensors; no nn
// op remains, or the pass fails naming the first op without a lowering (its
// location names the ONNX node of imported models).
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"
#include "codegen/Transforms.h"
#include "ir/NNOps.h"

#include "mlir/Transforms/DialectConversion.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_CONVERTNNTOLINALGPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {
struct ConvertNNToLinalgPass
    : nn::impl::ConvertNNToLinalgPassBase<ConvertNNToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    target.addIllegalDialect<nn::NNDialect>();
    // Fused groups stay (their bodies are lowered); nn-lower-fusion-groups
    // turns each into one loop nest afterwards.
    target.addLegalOp<nn::FusionGroupOp, nn::YieldOp>();
    target.addLegalDialect<linalg::LinalgDialect, tensor::TensorDialect,
                           arith::ArithDialect, math::MathDialect,
                           scf::SCFDialect, func::FuncDialect>();
    RewritePatternSet patterns(ctx);
    nn::populateElementwiseToLinalgPatterns(patterns);
    nn::populateContractionToLinalgPatterns(patterns);
    nn::populateReductionToLinalgPatterns(patterns);
    nn::populateDataMovementToLinalgPatterns(patterns);
    nn::populateRecurrentToLinalgPatterns(patterns);
    nn::populateOptimizerToLinalgPatterns(patterns);
    nn::populateGradientOpsToLinalgPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns)))) {
      signalPassFailure();
    }
  }
};
} // namespace
