//===- ModelLoader.h - read and validate ONNX files -------------*- C++ -*-===//
//
// Reads an ONNX file into an `onnx::ModelProto` and validates everything the
// importer relies on, so that later stages never see malformed data: the
// opset, initializer sizes, and that every node input is defined before use
// (which also rejects cycles). onnx's own checker and shape inference are not
// used: the Debian onnx 1.12 crashes inside them on malformed files.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_FRONTEND_ONNX_MODELLOADER_H
#define NNC_FRONTEND_ONNX_MODELLOADER_H

#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/StringRef.h"

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <optional>
#include <string>

namespace mlir {
namespace nn {
namespace onnx_import {

/// The supported default-domain opset range.
constexpr int64_t kMinOpset = 1;
constexpr int64_t kMaxOpset = 17;

/// Reads and validates `path`; on failure `error` holds one message naming the
/// file (and the node, where one is at fault).
LogicalResult loadModel(llvm::StringRef path, onnx::ModelProto &model,
                        std::string &error);

/// The default-domain ("" or "ai.onnx") opset version of `model`, if imported.
std::optional<int64_t> defaultOpset(const onnx::ModelProto &model);

/// Bytes per element of an ONNX tensor data type; 0 if unsupported.
int64_t elementSize(int32_t dataType);

/// Checks `tensor`'s dims and data length; `error` says what is wrong.
LogicalResult validateTensor(const onnx::TensorProto &tensor,
                             std::string &error);

/// Element count of `tensor` (valid after `validateTensor`).
int64_t tensorVolume(const onnx::TensorProto &tensor);

/// The raw little-endian bytes of a validated tensor, whichever field holds
/// them (booleans one byte each, float16 as bit patterns).
std::string tensorBytes(const onnx::TensorProto &tensor);

/// Describes a node for messages: `node 'name' (Op, opset N)`.
std::string describeNode(const onnx::NodeProto &node, int64_t opset);

/// (`loadModel` reads ONNX external data, from files inside `path`'s
/// directory only, into the tensors' raw_data.)
///
/// Like `loadModel`, for a model held in memory; `name` stands for the file
/// in messages. External data is rejected (there is no directory to read it
/// from).
LogicalResult loadModelFromBuffer(llvm::StringRef bytes, llvm::StringRef name,
                                  onnx::ModelProto &model, std::string &error);

} // namespace onnx_import
} // namespace nn
} // namespace mlir

#endif // NNC_FRONTEND_ONNX_MODELLOADER_H
