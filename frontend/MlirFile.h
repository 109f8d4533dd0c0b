//===- MlirFile.h - read a model written as MLIR --------------*- C++ -*-===//
//
// The `.mlir` side of model loading, shared by nnc, nn-run and libnnc (the ONNX
// side is frontend/onnx): parse a file into a module that has a func.func
// @main, reporting the first diagnostic as FILE:LINE:COL: message.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_FRONTEND_MLIRFILE_H
#define NNC_FRONTEND_MLIRFILE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <string>

namespace mlir {
namespace nn {

/// Parses `text` (MLIR text or bytecode, `name` its file name in messages);
/// null with `error` set (the first error as FILE:LINE:COL: message) when it
/// cannot be parsed or has no func.func @main.
OwningOpRef<ModuleOp> parseMlirModel(MLIRContext &context, llvm::StringRef text,
                                     llvm::StringRef name, std::string &error);

/// parseMlirModel on the contents of `path`.
OwningOpRef<ModuleOp> loadMlirModel(MLIRContext &context, llvm::StringRef path,
                                    std::string &error);

/// The name of each @main argument: its `nn.name` (the ONNX input name it
/// came from), else input_<i>.
std::vector<std::string> mainInputNames(ModuleOp module);

} // namespace nn
} // namespace mlir

#endif // NNC_FRONTEND_MLIRFILE_H
