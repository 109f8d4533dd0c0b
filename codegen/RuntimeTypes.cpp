//===- RuntimeTypes.cpp - MLIR element types <-> runtime dtypes -----------===//

#include "codegen/RuntimeTypes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;

std::optional<nn_dtype> nn::toRuntimeDtype(Type type) {
  if (type.isF32()) {
    return NN_F32;
  }
  if (type.isF64()) {
    return NN_F64;
  }
  if (type.isF16()) {
    return NN_F16;
  }
  if (type.isBF16()) {
    return NN_BF16;
  }
  if (type.isSignlessInteger(1)) {
    return NN_BOOL;
  }
  if (type.isSignlessInteger(8)) {
    return NN_I8;
  }
  if (type.isSignlessInteger(32)) {
    return NN_I32;
  }
  if (type.isSignlessInteger(64)) {
    return NN_I64;
  }
  return std::nullopt;
}

Type nn::fromRuntimeDtype(MLIRContext *context, nn_dtype dtype) {
  Builder b(context);
  switch (dtype) {
  case NN_F32:
    return b.getF32Type();
  case NN_F64:
    return b.getF64Type();
  case NN_F16:
    return b.getF16Type();
  case NN_BF16:
    return b.getBF16Type();
  case NN_I8:
    return b.getI8Type();
  case NN_I32:
    return b.getI32Type();
  case NN_I64:
    return b.getI64Type();
  case NN_BOOL:
    return b.getI1Type();
  }
  return {};
}
