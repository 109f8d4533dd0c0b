//===- RuntimeTypes.h - MLIR element types <-> runtime dtypes ---*- C++ -*-===//
//
// The one mapping between MLIR element types and the runtime's nn_dtype
// (runtime/buffer.h), shared by nn-run, nnc and the host API.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_RUNTIMETYPES_H
#define NNC_CODEGEN_RUNTIMETYPES_H

#include "runtime/buffer.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Types.h"

#include <optional>

namespace mlir {
namespace nn {

/// The nn_dtype holding `type`'s elements, if the runtime has one.
std::optional<nn_dtype> toRuntimeDtype(Type type);

/// The element type of `dtype`.
Type fromRuntimeDtype(MLIRContext *context, nn_dtype dtype);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_RUNTIMETYPES_H
