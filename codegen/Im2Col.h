//===- Im2Col.h - 2-D NCHW convolution as im2col + contraction --*- C++ -*-===//
//
// The im2col rewrite nn-cpu-tile-contractions applies to linalg 2-D
// convolutions before tiling them like matmuls.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_IM2COL_H
#define NNC_CODEGEN_IM2COL_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace nn {

/// Replaces a static f32 linalg.conv_2d_nchw_fchw by an im2col copy
/// cols[n, (c, kh, kw), (oh, ow)] and a batched contraction over (c, kh, kw)
/// with the filter [F, C*KH*KW], like linalg::rewriteInIm2Col, but the copy is
/// a generic over the unflattened loops (n, c, kh, kw, oh, ow) with an affine
/// read of the input (no floordiv/mod per element, contiguous along ow), then
/// collapsed. Fails (IR unchanged) on anything else.
LogicalResult rewriteConvAsIm2Col(RewriterBase &rewriter,
                                  linalg::Conv2DNchwFchwOp conv);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_IM2COL_H
