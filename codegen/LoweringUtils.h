//===- LoweringUtils.h - helpers shared by the nn -> linalg families -*- C++
//-*-===//
//
// Broadcasting indexing maps, result allocation with dynamic extents, and a
// builder for all-parallel linalg.generic ops.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_LOWERINGUTILS_H
#define NNC_CODEGEN_LOWERINGUTILS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"

namespace mlir {
namespace nn {

/// The indexing map reading an operand of type `operand` broadcast (NumPy,
/// trailing-aligned) to `result`: size-1 operand dimensions read index 0
/// where the result extent is not 1. A dynamic operand extent is assumed to
/// equal the result's (run-time broadcasting of a `?` that turns out to be 1
/// is not supported).
AffineMap broadcastMap(RankedTensorType operand, RankedTensorType result);

/// Values of the dynamic extents of `result`, each read with tensor.dim from
/// the first operand whose aligned dimension is dynamic too.
SmallVector<Value> broadcastDynamicDims(OpBuilder &b, Location loc,
                                        RankedTensorType result,
                                        ValueRange operands);

/// `tensor.empty` of `type` whose dynamic extents are `dynamicDims`.
Value emptyTensor(OpBuilder &b, Location loc, RankedTensorType type,
                  ValueRange dynamicDims);

/// An all-parallel linalg.generic over `result` reading `inputs` through
/// broadcasting maps; `body` computes the output element from the input
/// elements (block arguments).
Value buildElementwiseGeneric(
    OpBuilder &b, Location loc, RankedTensorType result, ValueRange inputs,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body);

/// A scalar constant of `type` (float or integer) equal to `value`.
Value scalarConstant(OpBuilder &b, Location loc, Type type, double value);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_LOWERINGUTILS_H
