//===- ShapeUtils.h - shape arithmetic shared by nn op inference -*- C++
//-*-===//
//
// Helpers for result-type inference: NumPy broadcasting, axis normalization,
// sliding-window output sizes. All of them understand dynamic extents
// (`ShapedType::kDynamic`) and report errors through `emitOptionalError` so
// they can run both in verifiers (with a location) and in builders.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_SHAPEUTILS_H
#define NNC_IR_SHAPEUTILS_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/TypeRange.h"

#include <optional>

namespace mlir {
namespace nn {

/// True when each pair of result types has the same element type and rank and
/// equal extents wherever both are static. Used as `isCompatibleReturnTypes`
/// by every op with inferred result types.
bool areCompatibleResultTypes(TypeRange lhs, TypeRange rhs);

/// Formats a shape as `[2, ?, 4]` for diagnostics.
std::string formatShape(ArrayRef<int64_t> shape);

/// NumPy broadcast of `shapes` into `result`. A dynamic extent against 1 or
/// against another dynamic extent stays dynamic; against a static extent n > 1
/// it becomes n (the only value that broadcasts). Fails with a diagnostic
/// naming both shapes when two static extents differ and neither is 1.
LogicalResult broadcastShapes(std::optional<Location> loc,
                              ArrayRef<ArrayRef<int64_t>> shapes,
                              SmallVectorImpl<int64_t> &result);

/// Broadcast of the shapes of ranked tensor values.
LogicalResult broadcastShapes(std::optional<Location> loc, TypeRange types,
                              SmallVectorImpl<int64_t> &result);

/// Result type of a broadcasting op: `tensor<broadcast(operands) x element>`.
LogicalResult inferBroadcastResult(std::optional<Location> loc,
                                   TypeRange operands, Type element,
                                   SmallVectorImpl<Type> &results);

/// Maps `axis` in [-rank, rank) to [0, rank); fails with a diagnostic naming
/// `what` otherwise.
FailureOr<int64_t> normalizeAxis(std::optional<Location> loc, int64_t axis,
                                 int64_t rank, StringRef what = "axis");

/// Normalizes a list of axes; also rejects duplicates.
LogicalResult normalizeAxes(std::optional<Location> loc, ArrayRef<int64_t> axes,
                            int64_t rank, SmallVectorImpl<int64_t> &result,
                            StringRef what = "axes");

/// Output extent of a sliding window (conv, pooling):
///   floor_or_ceil((in + padBegin + padEnd - dilation*(kernel-1) - 1) / stride)
///   + 1
/// Dynamic `in` gives dynamic. Returns a negative value when the window does
/// not fit.
int64_t slidingWindowExtent(int64_t in, int64_t kernel, int64_t stride,
                            int64_t dilation, int64_t padBegin, int64_t padEnd,
                            bool ceilMode = false);

/// Product of static extents; std::nullopt if any is dynamic or the product
/// overflows int64.
std::optional<int64_t> staticElementCount(ArrayRef<int64_t> shape);

/// True if the product of the static extents of `shape` overflows int64.
bool elementCountOverflows(ArrayRef<int64_t> shape);

} // namespace nn
} // namespace mlir

#endif // NNC_IR_SHAPEUTILS_H
