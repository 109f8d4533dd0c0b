//===- OnnxSave.h - write a trained model back as ONNX ----------*- C++ -*-===//
//
// The trained model is the input model with its trained initializers
// replaced: graph, opset and everything else stay as they were, so ONNX's
// checker, nn-run and PyTorch/onnxruntime read it like the original.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_TOOLS_NN_TRAIN_ONNXSAVE_H
#define NNC_TOOLS_NN_TRAIN_ONNXSAVE_H

#include <onnx/onnx_pb.h>

#include <map>
#include <string>
#include <vector>

namespace nntrain {

/// Writes `model` to `path` with each initializer named in `values` replaced
/// by those float32 values (same element count); false with `error` if an
/// initializer is missing, has another size or the file cannot be written.
bool saveTrainedModel(onnx::ModelProto model,
                      const std::map<std::string, std::vector<float>> &values,
                      const std::string &path, std::string &error);

} // namespace nntrain

#endif // NNC_TOOLS_NN_TRAIN_ONNXSAVE_H
