//===- Importer.h - ONNX model → nn module ----------------------*- C++ -*-===//
//
// Imports a validated `onnx::ModelProto` (see ModelLoader.h) into a module
// with one function `main`: graph inputs become arguments, initializers
// `nn.constant`s (large ones as resource blobs), every node nn ops located at
// the node, graph outputs the returned values. All unsupported nodes are
// reported together before anything is built. Graph inputs may be bound to
// constants (TensorProto files) so that shape-like inputs import statically.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_FRONTEND_ONNX_IMPORTER_H
#define NNC_FRONTEND_ONNX_IMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <string>
#include <utility>
#include <vector>

namespace onnx {
class ModelProto;
} // namespace onnx

namespace mlir {
namespace nn {

/// How to import a model.
struct ImportOptions {
  /// Graph inputs replaced by constants before conversion: (input name, path
  /// of a serialized onnx TensorProto whose type and shape match the input).
  std::vector<std::pair<std::string, std::string>> bindings;
};

/// Imports `model` (read from `fileName`, used in locations and messages);
/// on failure `error` holds one message. Large floating-point initializer data
/// moves out of `model` into the module's resource blobs (no copy).
FailureOr<OwningOpRef<ModuleOp>>
importOnnxModel(MLIRContext &context, onnx::ModelProto &model,
                StringRef fileName, std::string &error,
                const ImportOptions &options = {});

/// Reads, validates and imports the ONNX file `path`.
FailureOr<OwningOpRef<ModuleOp>>
importOnnxFile(MLIRContext &context, StringRef path, std::string &error,
               const ImportOptions &options = {});

} // namespace nn
} // namespace mlir

#endif // NNC_FRONTEND_ONNX_IMPORTER_H
