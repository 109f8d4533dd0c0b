//===- Importer.h - ONNX model → nn module ----------------------*- C++ -*-===//
//
// Imports a validated `onnx::ModelProto` (see ModelLoader.h) into a module
// with one function `main`: graph inputs become arguments, initializers
// `nn.constant`s (large ones as resource blobs), every node nn ops located at
// the node, graph outputs the returned values. All unsupported nodes are
// reported together before anything is built.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_FRONTEND_ONNX_IMPORTER_H
#define NNC_FRONTEND_ONNX_IMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <string>

namespace onnx {
class ModelProto;
} // namespace onnx

namespace mlir {
namespace nn {

/// Imports `model` (read from `fileName`, used in locations and messages);
/// on failure `error` holds one message. Large floating-point initializer data
/// moves out of `model` into the module's resource blobs (no copy).
FailureOr<OwningOpRef<ModuleOp>> importOnnxModel(MLIRContext &context,
                                                 onnx::ModelProto &model,
                                                 StringRef fileName,
                                                 std::string &error);

/// Reads, validates and imports the ONNX file `path`.
FailureOr<OwningOpRef<ModuleOp>>
importOnnxFile(MLIRContext &context, StringRef path, std::string &error);

} // namespace nn
} // namespace mlir

#endif // NNC_FRONTEND_ONNX_IMPORTER_H
