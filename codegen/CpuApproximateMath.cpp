//===- CpuApproximateMath.cpp - math ops as vectorizable arithmetic -------===//
//
// See CpuApproximateMathPass in Passes.td. In: any function before the LLVM
// conversion; out: every f32 math.tanh and math.exp (scalar or vector)
// replaced by upstream's polynomial approximation (arith + math.fma), which
// LLVM vectorizes where a libm call stayed one call per element; every
// arith.maximumf / minimumf against a constant (ReLU, clamp) as compare +
// select.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_CPUAPPROXIMATEMATHPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {

/// maximumf(x, c) -> select(x < c, c, x) and minimumf(x, c) -> select(x > c,
/// c, x) for a constant c that is no NaN (scalar or splat): ReLU and clamp.
/// maximumf/minimumf propagate NaN and order -0 below +0, which x86 has no
/// instruction for: LLVM emitted max, an unordered compare and a blend, plus
/// a signed-zero fixup, a latency chain per vector that made a 7x7
/// depthwise conv with its ReLU6 epilogue 4.6x slower than without
/// (MobileNetV2's last stage). The ordered compare keeps NaN (it is false
/// for NaN, which selects x) and lowers to one vmaxps/vminps; only the sign
/// of a zero result can differ (relu(-0) is -0).
template <typename MinMaxOp, arith::CmpFPredicate kPredicate>
struct MinMaxAgainstConstant : OpRewritePattern<MinMaxOp> {
  using OpRewritePattern<MinMaxOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(MinMaxOp op,
                                PatternRewriter &rewriter) const override {
    Value x = op.getLhs(), c = op.getRhs();
    if (!isConstant(c)) {
      std::swap(x, c);
    }
    if (!isConstant(c)) {
      return failure();
    }
    Value beyond =
        arith::CmpFOp::create(rewriter, op.getLoc(), kPredicate, x, c);
    rewriter.replaceOpWithNewOp<arith::SelectOp>(op, beyond, c, x);
    return success();
  }

  /// A float constant (or splat) other than NaN.
  static bool isConstant(Value v) {
    FloatAttr scalar;
    if (matchPattern(v, m_Constant(&scalar))) {
      return !scalar.getValue().isNaN();
    }
    SplatElementsAttr splat;
    return matchPattern(v, m_Constant(&splat)) &&
           isa<FloatType>(splat.getElementType()) &&
           !splat.getSplatValue<APFloat>().isNaN();
  }
};

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
    patterns.add<
        MinMaxAgainstConstant<arith::MaximumFOp, arith::CmpFPredicate::OLT>,
        MinMaxAgainstConstant<arith::MinimumFOp, arith::CmpFPredicate::OGT>>(
        &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns)))) {
      signalPassFailure();
    }
  }
};

} // namespace
