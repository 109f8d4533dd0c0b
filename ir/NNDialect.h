//===- NNDialect.h - the nn dialect, its enums and attributes ---*- C++ -*-===//

#ifndef NNC_IR_NNDIALECT_H
#define NNC_IR_NNDIALECT_H

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"

#include "ir/NNDialect.h.inc"
#include "ir/NNEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "ir/NNAttrs.h.inc"

#endif // NNC_IR_NNDIALECT_H
