//===- Transforms.h - nn -> linalg patterns, one family each ----*- C++ -*-===//
//
// The lowering is the sum of these pattern sets; `convert-nn-to-linalg` is a
// thin driver over them. Each family lives in its own file.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_TRANSFORMS_H
#define NNC_CODEGEN_TRANSFORMS_H

#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace nn {

/// Elementwise math, comparisons, logic, select, cast (LowerElementwise.cpp).
void populateElementwiseToLinalgPatterns(RewritePatternSet &patterns);
/// matmul, gemm, conv, conv_transpose, pooling (LowerContractions.cpp).
void populateContractionToLinalgPatterns(RewritePatternSet &patterns);
/// reduce, argmax/argmin, softmax, norms, losses (LowerReductions.cpp).
void populateReductionToLinalgPatterns(RewritePatternSet &patterns);
/// constant, reshape, transpose, concat, slice, gather, pad, broadcast, tile,
/// squeeze/unsqueeze, split, resize, trilu (LowerDataMovement.cpp).
void populateDataMovementToLinalgPatterns(RewritePatternSet &patterns);
/// rnn, gru, lstm as an scf.for over time per direction (LowerRecurrent.cpp).
void populateRecurrentToLinalgPatterns(RewritePatternSet &patterns);
/// sgd_update, adam_update as one multi-output generic each
/// (LowerOptimizers.cpp).
void populateOptimizerToLinalgPatterns(RewritePatternSet &patterns);
/// Backward-pass ops: conv_weight_grad, max/avg_pool_grad, gather_grad
/// (LowerGradientOps.cpp).
void populateGradientOpsToLinalgPatterns(RewritePatternSet &patterns);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_TRANSFORMS_H
