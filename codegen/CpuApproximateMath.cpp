//===- CpuApproximateMath.cpp - math ops as vectorizable arithmetic -------===//
//
// See CpuApproximateMathPass in Passes.td. In: any function before the LLVM
// conversion; out: every f32 math.tanh and math.exp (scalar or vector)
// replaced by upstream's polynomial approximation (arith + math.fma), which
// LLVM vectorizes where a libm call stayed one call per element.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_CPUAPPROXIMATEMATHPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {

struct CpuApproximateMathPass
    : nn::impl::CpuApproximateMathPassBase<CpuApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // The patterns only match f32 (other types are left alone).
    populatePolynomialApproximateTanhPattern(patterns);
    // exp: a softmax's or sigmoid's, per element a call of libm's expf
    // (attention at seq 128 spent a fifth of its time there).
    populateMathPolynomialApproximationPatterns(
        patterns, [](StringRef name) { return name == "math.exp"; });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns)))) {
      signalPassFailure();
    }
  }
};

} // namespace
