//===- FoldBatchNorm.cpp - the nn-fold-batchnorm pass -----------*- C++ -*-===//
//
// In: nn.batch_norm (inference form) whose input is the only use of a
// convolution, transposed convolution, gemm, or matmul + add, with constant
// f32 weights, bias and statistics. Out: the contraction with its weight
// scaled per output channel and a new bias; the batch_norm is gone:
//   s = scale / sqrt(var + eps),  t = bias_bn - mean * s
//   bn(W x + b) = (W * s) x + (b * s + t)
// Non-constant operands or other element types leave the IR as it is.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "passes/Passes.h"
#include "passes/WeightUtils.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_FOLDBATCHNORMPASS
#include "passes/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;
using namespace mlir::nn;

namespace {
/// Multiplies every element of `w` (shape `shape`) by `s[channel(index)]`.
void scaleBy(SmallVectorImpl<float> &w, ArrayRef<int64_t> shape,
             ArrayRef<float> s,
             llvm::function_ref<int64_t(ArrayRef<int64_t>)> channel) {
  SmallVector<int64_t> index(shape.size(), 0);
  for (float &v : w) {
    v *= s[channel(index)];
    for (int64_t d = shape.size() - 1; d >= 0; --d) {
      if (++index[d] < shape[d]) {
        break;
      }
      index[d] = 0;
    }
  }
}

struct FoldBatchNormIntoContraction : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BatchNormOp bn,
                                PatternRewriter &rewriter) const override {
    Operation *producer = bn.getInput().getDefiningOp();
    if (!producer || !producer->hasOneUse()) {
      return rewriter.notifyMatchFailure(bn, "input is not a lone producer");
    }
    auto scale = readF32Constant(bn.getScale());
    auto shift = readF32Constant(bn.getBias());
    auto mean = readF32Constant(bn.getMean());
    auto var = readF32Constant(bn.getVar());
    if (!scale || !shift || !mean || !var) {
      return rewriter.notifyMatchFailure(bn, "statistics are not constants");
    }
    int64_t channels = scale->size();
    SmallVector<float> s(channels), t(channels);
    for (int64_t c = 0; c < channels; ++c) {
      s[c] = (*scale)[c] /
             std::sqrt((*var)[c] + bn.getEpsilon().convertToDouble());
      t[c] = (*shift)[c] - (*mean)[c] * s[c];
    }

    // The contraction, the operand index of its weight and of its bias (the
    // added constant for matmul + add), and the output channel of a weight
    // element.
    Operation *contraction = producer;
    Value weight, bias;
    std::function<int64_t(ArrayRef<int64_t>)> channel;
    int64_t biasOperand = 2;
    if (auto conv = dyn_cast<ConvOp>(producer)) {
      weight = conv.getWeight();
      bias = conv.getBias();
      channel = [](ArrayRef<int64_t> i) { return i[0]; };
    } else if (auto convT = dyn_cast<ConvTransposeOp>(producer)) {
      weight = convT.getWeight();
      bias = convT.getBias();
      auto wType = cast<RankedTensorType>(weight.getType());
      int64_t group = convT.getGroup();
      int64_t inPerGroup = wType.getDimSize(0) / group;
      int64_t outPerGroup = wType.getDimSize(1);
      channel = [=](ArrayRef<int64_t> i) {
        return i[0] / inPerGroup * outPerGroup + i[1];
      };
    } else if (auto gemm = dyn_cast<GemmOp>(producer)) {
      if (gemm.getBeta().convertToDouble() != 1.0) {
        return rewriter.notifyMatchFailure(bn, "gemm with beta != 1");
      }
      weight = gemm.getB();
      bias = gemm.getC();
      bool transposed = gemm.getTransB();
      channel = [=](ArrayRef<int64_t> i) { return transposed ? i[0] : i[1]; };
    } else if (auto add = dyn_cast<AddOp>(producer)) {
      auto matmul = add.getLhs().getDefiningOp<MatmulOp>();
      if (!matmul || !matmul->hasOneUse() ||
          cast<RankedTensorType>(matmul.getType()).getRank() != 2) {
        return rewriter.notifyMatchFailure(bn, "add is not matmul + bias");
      }
      contraction = matmul;
      weight = matmul.getRhs();
      bias = add.getRhs();
      biasOperand = -1;
      channel = [](ArrayRef<int64_t> i) { return i.back(); };
    } else {
      return rewriter.notifyMatchFailure(bn, "input is no contraction");
    }
    auto wType = dyn_cast<RankedTensorType>(weight.getType());
    std::optional<SmallVector<float>> w = readF32Constant(weight);
    if (!w || wType.getRank() < 2) {
      return rewriter.notifyMatchFailure(bn, "weight is not a constant");
    }
    SmallVector<float> b(channels, 0.0f);
    if (bias) {
      std::optional<SmallVector<float>> read = readF32Constant(bias);
      if (!read || cast<RankedTensorType>(bias.getType()).getRank() != 1 ||
          (int64_t)read->size() != channels) {
        return rewriter.notifyMatchFailure(bn, "bias is not a [C] constant");
      }
      b = *read;
    }
    scaleBy(*w, wType.getShape(), s, channel);
    for (int64_t c = 0; c < channels; ++c) {
      b[c] = b[c] * s[c] + t[c];
    }

    Location loc = bn.getLoc();
    rewriter.setInsertionPoint(contraction);
    Value newWeight = createF32Constant(rewriter, loc, wType, *w);
    Value newBias = createF32Constant(
        rewriter, loc,
        RankedTensorType::get({channels}, wType.getElementType()), b);
    Operation *folded = rewriter.clone(*contraction);
    folded->setOperand(1, newWeight);
    if (biasOperand < 0) {
      // matmul + add: the add takes the new bias.
      rewriter.setInsertionPoint(producer);
      Value sum = AddOp::create(rewriter, loc, folded->getResult(0), newBias);
      rewriter.replaceOp(bn, sum);
    } else {
      if (bias) {
        folded->setOperand(biasOperand, newBias);
      } else {
        folded->insertOperands(biasOperand, newBias);
      }
      rewriter.replaceOp(bn, folded->getResults());
    }
    return success();
  }
};

struct FoldBatchNormPass : nn::impl::FoldBatchNormPassBase<FoldBatchNormPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldBatchNormIntoContraction>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns)))) {
      signalPassFailure();
    }
  }
};
} // namespace
