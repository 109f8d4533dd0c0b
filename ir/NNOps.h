//===- NNOps.h - nn op classes ----------------------------------*- C++ -*-===//
//
// Include this to use nn ops; it brings the dialect, enums, interfaces and
// traits along.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_NNOPS_H
#define NNC_IR_NNOPS_H

#include "ir/ConstantFolding.h"
#include "ir/NNDialect.h"
#include "ir/NNTraits.h"
#include "ir/ShapeUtils.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include <cmath>
#include <optional>

#include "ir/NNInterfaces.h.inc"

#define GET_OP_CLASSES
#include "ir/NNOps.h.inc"

#endif // NNC_IR_NNOPS_H
