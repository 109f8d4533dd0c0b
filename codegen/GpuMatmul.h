//===- GpuMatmul.h - workgroup-tiled contraction kernels --------*- C++ -*-===//
//
// Replaces a bufferized matmul-like linalg.generic (one m, one n, one k
// dimension, any batch dimensions, f32) by a gpu.launch whose workgroups
// each compute a TxT output tile, staging TxT tiles of both operands in
// workgroup (shared) memory per step of k.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_GPUMATMUL_H
#define NNC_CODEGEN_GPUMATMUL_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace nn {

/// Rewrites `op` into a shared-memory tiled gpu.launch with `tile` x `tile`
/// threads per workgroup; failure (IR untouched) when `op` is not such a
/// contraction on static memrefs or is too small to benefit.
LogicalResult tileContractionForGpu(RewriterBase &rewriter,
                                    linalg::GenericOp op, int64_t tile);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_GPUMATMUL_H
