//===- WindowAttrs.h - conv and pool window attributes ----------*- C++ -*-===//
//
// The one place that checks the window attributes shared by nn.conv,
// nn.conv_transpose, nn.max_pool and nn.avg_pool (strides, dilations, pads,
// output_padding: lengths and value ranges) and computes their output spatial
// extents. Inputs are [N, C, D1..Dk] with k = 1, 2 or 3. Errors go through
// `emitOptionalError` so the helpers run inside `inferReturnTypes`.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_WINDOWATTRS_H
#define NNC_IR_WINDOWATTRS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"

#include <optional>

namespace mlir {
namespace nn {

/// The window of one conv or pool op, as written on the op. An absent
/// attribute takes its ONNX default (strides, dilations 1; pads,
/// output_padding 0).
struct WindowSpec {
  /// Kernel extents per spatial dimension; may be dynamic (a conv weight).
  ArrayRef<int64_t> kernel;
  /// Names the kernel in diagnostics, e.g. "kernel_shape".
  StringRef kernelName = "kernel";
  std::optional<ArrayRef<int64_t>> strides;
  std::optional<ArrayRef<int64_t>> dilations;
  std::optional<ArrayRef<int64_t>> pads;
  /// Only for transposed convolution.
  std::optional<ArrayRef<int64_t>> outputPadding;
  /// Round the output extent up (pooling's ceil_mode).
  bool ceilMode = false;
  /// Compute the extents of a transposed convolution.
  bool transposed = false;
  /// Require each pad to be smaller than the kernel extent (pooling: a window
  /// of padding only has no value).
  bool padsBelowKernel = false;
};

/// Number of spatial dimensions k of an [N, C, D1..Dk] operand named `what`;
/// fails unless 1 <= k <= 3.
FailureOr<int64_t> getSpatialRank(std::optional<Location> loc, StringRef what,
                                  ArrayRef<int64_t> shape);

/// Checks `spec` for `spatialIn.size()` spatial dimensions and appends the
/// output extent of each to `spatialOut`. A dynamic input or kernel extent
/// gives a dynamic output extent.
LogicalResult inferWindowExtents(std::optional<Location> loc,
                                 ArrayRef<int64_t> spatialIn,
                                 const WindowSpec &spec,
                                 SmallVectorImpl<int64_t> &spatialOut);

} // namespace nn
} // namespace mlir

#endif // NNC_IR_WINDOWATTRS_H
