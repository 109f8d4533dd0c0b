//===- GpuReduction.h - workgroup-level reduction kernels -------*- C++ -*-===//
//
// Replaces a bufferized linalg.generic that reduces (one output, reduction
// dimensions of at least 64 elements, a combiner such as addf or maximumf)
// by a gpu.launch with one workgroup per output element: threads stride over
// the reduction space, then combine their partial results as a tree in
// workgroup memory.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_GPUREDUCTION_H
#define NNC_CODEGEN_GPUREDUCTION_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace nn {

/// Rewrites `op` into a workgroup reduction with `threads` (a power of two)
/// threads per workgroup; failure (IR untouched) when `op` does not qualify.
LogicalResult reduceInWorkgroupForGpu(RewriterBase &rewriter,
                                      linalg::GenericOp op, int64_t threads);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_GPUREDUCTION_H
