//===- Dataset.h - training data for nn-train -------------------*- C++ -*-===//
//
// Reads a training split and an optional test split from MNIST-format IDX
// files (plain or .gz; u8 images are scaled to [0, 1]) or NumPy .npy arrays,
// given as a directory (MNIST file names, or x_train.npy / y_train.npy /
// x_test.npy / y_test.npy) or as `TRAIN_X,TRAIN_Y[,TEST_X,TEST_Y]`. Samples
// are flattened to float vectors; labels are class indices or float targets.
// Shapes and label ranges are checked against the model by `checkDataset`.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_TOOLS_NN_TRAIN_DATASET_H
#define NNC_TOOLS_NN_TRAIN_DATASET_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nntrain {

/// One split: `count` samples of `sampleSize` floats, and either integer
/// labels (one per sample) or float targets (`targetSize` per sample).
struct Split {
  std::string name;
  int64_t count = 0, sampleSize = 0, targetSize = 0;
  std::vector<float> x;
  std::vector<int64_t> labels;
  std::vector<float> targets;
  bool hasLabels() const { return !labels.empty(); }
  bool hasTargets() const { return !targets.empty(); }
};

struct Dataset {
  Split train, test;
  bool hasTest = false;
};

/// Reads `spec` (see the file comment); `error` says what is wrong.
bool readDataset(llvm::StringRef spec, Dataset &out, std::string &error);

} // namespace nntrain

#endif // NNC_TOOLS_NN_TRAIN_DATASET_H
