//===- IndexingUtils.h - index arithmetic for the data-movement lowering -===//
//
// Extents and offsets that are constants when the shapes are static and
// arith ops on `index` otherwise, and a linalg.generic whose body sees its
// iteration indices (for gathers written with tensor.extract).
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_INDEXINGUTILS_H
#define NNC_CODEGEN_INDEXINGUTILS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace nn {

/// Index arithmetic on OpFoldResults: folds when both sides are constants,
/// builds arith ops on `index` otherwise.
struct IndexMath {
  OpBuilder &b;
  Location loc;

  /// A constant index.
  OpFoldResult c(int64_t v);
  /// The value of `x`, materializing a constant when needed.
  Value v(OpFoldResult x);
  /// x + y, x - y, x * y.
  OpFoldResult add(OpFoldResult x, OpFoldResult y);
  OpFoldResult sub(OpFoldResult x, OpFoldResult y);
  OpFoldResult mul(OpFoldResult x, OpFoldResult y);
  /// Signed min and max.
  OpFoldResult min(OpFoldResult x, OpFoldResult y);
  OpFoldResult max(OpFoldResult x, OpFoldResult y);
  /// ceil(x / y) for y > 0.
  OpFoldResult ceilDiv(OpFoldResult x, OpFoldResult y);
  /// x clamped to [lo, hi].
  OpFoldResult clamp(OpFoldResult x, OpFoldResult lo, OpFoldResult hi) {
    return min(max(x, lo), hi);
  }
};

/// The extents of `v` (constants where static, tensor.dim otherwise).
SmallVector<OpFoldResult> mixedSizes(OpBuilder &b, Location loc, Value v);

/// `tensor.empty` of `type`; its dynamic extents come from `sizes`.
Value emptyLike(OpBuilder &b, Location loc, RankedTensorType type,
                ArrayRef<OpFoldResult> sizes);

/// `v` cast to `type` with tensor.cast when the static information differs.
Value castTo(OpBuilder &b, Location loc, Value v, Type type);

/// An all-parallel linalg.generic over `result` (extents `sizes`) reading
/// `inputs` through `inputMaps`; `body` gets the iteration indices and the
/// input elements and returns the output element.
Value buildIndexedGeneric(
    OpBuilder &b, Location loc, RankedTensorType result,
    ArrayRef<OpFoldResult> sizes, ValueRange inputs,
    ArrayRef<AffineMap> inputMaps,
    function_ref<Value(OpBuilder &, Location, ArrayRef<Value>, ValueRange)>
        body);

/// Gather, gather_elements, pad, resize (LowerGatherPadResize.cpp); called by
/// populateDataMovementToLinalgPatterns.
void populateGatherPadResizeToLinalgPatterns(RewritePatternSet &patterns);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_INDEXINGUTILS_H
