//===- OnnxSave.cpp - write a trained model back as ONNX --------*- C++ -*-===//
//
// Values go into `raw_data` (little-endian float32, as ONNX specifies);
// `float_data` and external-data fields are cleared so the data has one
// home.
//
//===----------------------------------------------------------------------===//

#include "tools/nn-train/OnnxSave.h"

#include <fstream>

bool nntrain::saveTrainedModel(
    onnx::ModelProto model,
    const std::map<std::string, std::vector<float>> &values,
    const std::string &path, std::string &error) {
  size_t replaced = 0;
  for (onnx::TensorProto &init :
       *model.mutable_graph()->mutable_initializer()) {
    auto it = values.find(init.name());
    if (it == values.end()) {
      continue;
    }
    int64_t count = 1;
    for (int64_t d : init.dims()) {
      count *= d;
    }
    if (init.data_type() != onnx::TensorProto::FLOAT ||
        count != (int64_t)it->second.size()) {
      error = "initializer '" + init.name() + "' is not a float32 tensor of " +
              std::to_string(it->second.size()) + " elements";
      return false;
    }
    init.clear_float_data();
    init.clear_external_data();
    init.set_data_location(onnx::TensorProto::DEFAULT);
    init.set_raw_data(reinterpret_cast<const char *>(it->second.data()),
                      it->second.size() * sizeof(float));
    ++replaced;
  }
  if (replaced != values.size()) {
    error = "the model has " + std::to_string(replaced) + " of the " +
            std::to_string(values.size()) + " trained initializers";
    return false;
  }
  std::ofstream file(path, std::ios::binary);
  if (!file || !model.SerializeToOstream(&file)) {
    error = path + ": cannot write the trained model";
    return false;
  }
  return true;
}
