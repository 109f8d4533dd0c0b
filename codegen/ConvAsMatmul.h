//===- ConvAsMatmul.h - convolutions as matmul-shaped linalg ----*- C++ -*-===//
//
// Shared by nn-cpu-conv-as-matmul (CpuConvAsMatmul.cpp) and its sub-pixel
// rewrite of strided transposed convolutions (ConvTransposePhases.cpp): the
// building blocks that keep each contraction in the single-K shape
// nn-cpu-tile-contractions turns into its micro-kernel.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_CONVASMATMUL_H
#define NNC_CODEGEN_CONVASMATMUL_H

#include "ir/NNOps.h"

#include "mlir/IR/AffineExpr.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace nn {

/// A copy of `src` into a fresh f32 tensor of `shape` (loop i = result dim
/// i, src read at `srcIndex`, affine in the loops), collapsed by `reassoc`.
/// The loads are plain affine accesses LLVM can vectorize along the
/// innermost loop; the collapse_shape sits between this generic and a named
/// contraction, so elementwise fusion has no generic consumer to propagate
/// it into. With one group per dimension nothing is collapsed.
Value copyCollapsed(OpBuilder &b, Location loc, Value src,
                    ArrayRef<int64_t> shape, ArrayRef<AffineExpr> srcIndex,
                    ArrayRef<ReassociationIndices> reassoc);

/// sum over the last loop of lhs * rhs into a zero tensor of `outTy`, with
/// `maps`, as linalg.contract: a named op, so elementwise fusion cannot pull
/// its producers into it and break the single-K shape.
Value contraction(OpBuilder &b, Location loc, Value lhs, Value rhs,
                  RankedTensorType outTy, ArrayRef<AffineMap> maps);

/// contraction() of lhs [M, K] and rhs [K, N] into a zero [M, N] `outTy`.
Value matmul(OpBuilder &b, Location loc, Value lhs, Value rhs,
             RankedTensorType outTy);

/// Sets the insertion point before `op`, or, inside nn.fusion_groups, before
/// the outermost group. Fails if an operand is defined inside that group.
LogicalResult setInsertionPointOutsideGroups(RewriterBase &rewriter,
                                             Operation *op);

/// Strided 2-D nn.conv_transpose (groups = 1, dilation 1, static f32) as
/// stride_h * stride_w sub-pixel phases: the outputs (oh, ow) with
/// ((oh + pad_h) mod s_h, (ow + pad_w) mod s_w) = phase are a plain
/// correlation of the input with the phase's taps of the flipped kernel,
/// computed as im2col + one contraction [F, C*TH*TW] x [C*TH*TW, N*MH*MW]
/// and written (plus the bias) into the strided output slice of the phase.
/// Fails (IR unchanged) on anything else.
LogicalResult rewriteConvTransposeAsPhases(RewriterBase &rewriter,
                                           ConvTransposeOp op);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_CONVASMATMUL_H
