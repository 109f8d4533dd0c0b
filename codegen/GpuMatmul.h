//===- GpuMatmul.h - workgroup-tiled contraction kernels --------*- C++ -*-===//
//
// Replaces a bufferized f32 multiply-add linalg.generic (a matmul, batched
// matmul, or a convolution read through affine maps such as oh * s + kh:
// implicit GEMM) by a gpu.launch whose workgroups each compute a TxT (or
// 4Tx4T) output tile, staging tiles of both operands in workgroup (shared)
// memory per step of k.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_GPUMATMUL_H
#define NNC_CODEGEN_GPUMATMUL_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace nn {

/// Rewrites `op` into a shared-memory tiled gpu.launch with `tile` x `tile`
/// threads per workgroup whose operand tiles fit `maxWorkgroupBytes`; failure
/// (IR untouched) when `op` is not such a contraction on static memrefs (body
/// `acc + a * b`, output map a projected permutation, every loop a row, column,
/// k or outer loop as GpuMatmul.cpp defines them, at least one of each of the
/// first three) or is too small to benefit. A depthwise convolution has no row
/// loop and stays.
LogicalResult tileContractionForGpu(RewriterBase &rewriter,
                                    linalg::GenericOp op, int64_t tile,
                                    int64_t maxWorkgroupBytes);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_GPUMATMUL_H
