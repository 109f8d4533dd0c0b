//===- PinShapes.h - @main specialized to concrete input types --*- C++ -*-===//
//
// The first step of every compile (JIT, AOT, Vulkan): @main's arguments get
// the caller's static input types and shapes are inferred, so every later
// phase sees static tensors.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_PINSHAPES_H
#define NNC_CODEGEN_PINSHAPES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"

#include <string>

namespace mlir {
namespace nn {

/// `type` as MLIR prints it.
std::string typeString(Type type);

/// Specializes @main (in place) to `inputTypes`, one static type per
/// argument, each compatible with the declared one (same element type and
/// rank; a declared static extent must match), then infers every shape.
/// `resultTypes` gets @main's results, which must now be static tensors. On
/// failure `error` names the argument or result and the types involved.
LogicalResult pinMainShapes(ModuleOp module,
                            ArrayRef<RankedTensorType> inputTypes,
                            SmallVectorImpl<RankedTensorType> &resultTypes,
                            std::string &error);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_PINSHAPES_H
