//===- WeightUtils.h - reading and writing constant weights -----*- C++ -*-===//
//
// The graph rewrites that recompute weights (BatchNormalization folding,
// horizontal fusion) read f32 constants, `dense<...>` or `dense_resource<...>`
// blobs alike, and write new ones.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_WEIGHTUTILS_H
#define NNC_PASSES_WEIGHTUTILS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include <optional>

namespace mlir {
namespace nn {

/// The elements of `v` in row-major order if it is an f32 nn.constant with
/// a static shape, else nullopt.
std::optional<SmallVector<float>> readF32Constant(Value v);

/// An nn.constant of `type` (f32) holding `values`.
Value createF32Constant(OpBuilder &b, Location loc, RankedTensorType type,
                        ArrayRef<float> values);

} // namespace nn
} // namespace mlir

#endif // NNC_PASSES_WEIGHTUTILS_H
