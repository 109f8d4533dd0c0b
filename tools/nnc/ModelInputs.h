//===- ModelInputs.h - load a model and pin its input shapes ----*- C++ -*-===//
//
// The front of nnc: read an ONNX or MLIR model into an nn module together with
// the names of its inputs and outputs, and decide the static type of every
// input (declared, or pinned by --shape=NAME=DxD...).
//
//===----------------------------------------------------------------------===//

#ifndef NNC_TOOLS_NNC_MODELINPUTS_H
#define NNC_TOOLS_NNC_MODELINPUTS_H

#include "frontend/onnx/Importer.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include <string>

namespace nnc {

/// The model with the names of its inputs and outputs.
struct LoadedModel {
  mlir::OwningOpRef<mlir::ModuleOp> module;
  llvm::SmallVector<std::string> inputNames, outputNames;
};

/// Reads, validates and imports the ONNX file `path` (graph inputs bound by
/// `options` are no longer inputs).
mlir::LogicalResult loadOnnx(mlir::MLIRContext &context, llvm::StringRef path,
                             const mlir::nn::ImportOptions &options,
                             LoadedModel &out, std::string &error);

/// Parses the MLIR file `path`, which must define func.func @main; inputs are
/// named by their `nn.name` argument attribute, else input_<i>.
mlir::LogicalResult loadMlir(mlir::MLIRContext &context, llvm::StringRef path,
                             LoadedModel &out, std::string &error);

/// The static type of every @main input: its declared type, with dynamic
/// extents from `shapeFlags` (`NAME=DxD...`, NAME the input's name or
/// input_<i>). A dynamic input without one is an error that suggests it.
mlir::LogicalResult
staticInputTypes(mlir::func::FuncOp main, const LoadedModel &model,
                 llvm::ArrayRef<std::string> shapeFlags,
                 llvm::SmallVectorImpl<mlir::RankedTensorType> &types,
                 std::string &error);

} // namespace nnc

#endif // NNC_TOOLS_NNC_MODELINPUTS_H
