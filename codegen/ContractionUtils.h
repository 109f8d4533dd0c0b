//===- ContractionUtils.h - helpers for contraction and pooling -*- C++ -*-===//
//
// Helpers shared by the contraction lowerings (LowerContractions.cpp,
// LowerPooling.cpp, the CPU conv rewrites): the multiply-accumulate body,
// filled tensors, zero/-inf padding and zero-dilation of the spatial dimensions
// of [N, C, D1..Dk] tensors, and window attributes with their ONNX defaults.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_CONTRACTIONUTILS_H
#define NNC_CODEGEN_CONTRACTIONUTILS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

#include <optional>

namespace mlir {
namespace nn {

/// Multiply-accumulate body of a linalg.generic contraction: yields
/// out + a * b (args[0] * args[1] added to the last argument; further inputs
/// only give extents).
void macBody(OpBuilder &b, Location loc, ValueRange args);

/// `tensor.empty` of `type` (dynamic extents `dynamicDims`) filled with
/// `value` by linalg.fill.
Value filledTensor(OpBuilder &b, Location loc, RankedTensorType type,
                   ValueRange dynamicDims, double value);

/// tensor.dim of every dynamic extent of `v`, in order.
SmallVector<Value> dynamicDimsOf(OpBuilder &b, Location loc, Value v);

/// `src` [N, C, D1..Dk] (static Di) placed into a tensor filled with
/// `padValue`: element i of spatial dimension j lands at
/// low[j] + i * stride[j], and high[j] elements follow the last one.
Value embedSpatial(OpBuilder &b, Location loc, Value src, ArrayRef<int64_t> low,
                   ArrayRef<int64_t> high, ArrayRef<int64_t> stride,
                   double padValue);

/// The attribute's values, or `size` copies of its ONNX default `value`.
SmallVector<int64_t> attrOr(std::optional<ArrayRef<int64_t>> attr, int64_t size,
                            int64_t value);

/// max_pool, avg_pool, global pools (LowerPooling.cpp); part of the
/// contraction family.
void populatePoolingToLinalgPatterns(RewritePatternSet &patterns);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_CONTRACTIONUTILS_H
