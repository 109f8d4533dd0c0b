//===- Dataset.cpp - training data for nn-train -----------------*- C++ -*-===//
//
// File formats are read by the runtime's C readers (runtime/idx.h,
// runtime/npy.h); this file picks the files and checks that they pair up
// (equal sample counts in images and labels).
//
//===----------------------------------------------------------------------===//

#include "tools/nn-train/Dataset.h"

#include "runtime/idx.h"
#include "runtime/npy.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cmath>

using namespace nntrain;

namespace {

/// An array read from one file, as floats or integers.
struct Array {
  std::vector<int64_t> shape;
  std::vector<float> floats;
  std::vector<int64_t> ints;
  bool integral = false;
};

bool readArray(const std::string &path, bool wantInts, Array &out,
               std::string &error) {
  nn_buffer buffer = {};
  char reason[512] = "";
  bool npy = llvm::StringRef(path).ends_with(".npy");
  nn_status status =
      npy ? nn_npy_read(path.c_str(), &buffer, reason, sizeof(reason))
          : nn_idx_read(path.c_str(), wantInts ? NN_I64 : NN_F32, &buffer,
                        reason, sizeof(reason));
  if (status != NN_OK) {
    error = reason[0] ? reason : path + ": cannot read";
    return false;
  }
  out.shape.assign(buffer.shape, buffer.shape + buffer.rank);
  size_t n = 1;
  for (int64_t d : out.shape) {
    n *= (size_t)d;
  }
  out.integral = buffer.dtype == NN_I64 || buffer.dtype == NN_I32 ||
                 buffer.dtype == NN_I8 || buffer.dtype == NN_BOOL;
  for (size_t i = 0; i < n; ++i) {
    double v = 0;
    switch (buffer.dtype) {
    case NN_F32:
      v = ((float *)buffer.data)[i];
      break;
    case NN_F64:
      v = ((double *)buffer.data)[i];
      break;
    case NN_I64:
      v = (double)((int64_t *)buffer.data)[i];
      break;
    case NN_I32:
      v = ((int32_t *)buffer.data)[i];
      break;
    case NN_I8:
      v = ((int8_t *)buffer.data)[i];
      break;
    case NN_BOOL:
      v = ((uint8_t *)buffer.data)[i] != 0;
      break;
    default:
      nn_buffer_destroy(&buffer);
      error = path + ": unsupported element type (use float32/64 or int)";
      return false;
    }
    if (out.integral) {
      out.ints.push_back((int64_t)v);
    } else {
      out.floats.push_back((float)v);
    }
  }
  nn_buffer_destroy(&buffer);
  // IDX images are bytes: scale them to [0, 1] as torchvision's ToTensor.
  if (!npy && !wantInts) {
    for (float &f : out.floats) {
      f /= 255.0f;
    }
  }
  if (out.shape.empty()) {
    error = path + ": expected an array with a leading sample dimension, "
                   "got a scalar";
    return false;
  }
  return true;
}

/// Fills `split` from an inputs file and an optional labels/targets file.
bool readSplit(const std::string &name, const std::string &xPath,
               const std::string &yPath, Split &split, std::string &error) {
  split.name = name;
  Array x;
  if (!readArray(xPath, false, x, error)) {
    return false;
  }
  if (x.integral) {
    for (int64_t v : x.ints) {
      x.floats.push_back((float)v);
    }
  }
  split.count = x.shape[0];
  split.sampleSize = split.count ? (int64_t)x.floats.size() / split.count : 0;
  split.x = std::move(x.floats);
  if (split.count == 0) {
    error = xPath + ": no samples";
    return false;
  }
  if (yPath.empty()) {
    return true;
  }
  Array y;
  bool idxLabels = !llvm::StringRef(yPath).ends_with(".npy");
  if (!readArray(yPath, idxLabels, y, error)) {
    return false;
  }
  if (y.shape[0] != split.count) {
    error = yPath + ": " + std::to_string(y.shape[0]) + " labels/targets for " +
            std::to_string(split.count) + " samples in " + xPath;
    return false;
  }
  if (y.integral) {
    if (y.ints.size() != (size_t)split.count) {
      error = yPath + ": integer labels must be one per sample (shape [N])";
      return false;
    }
    split.labels = std::move(y.ints);
  } else {
    split.targets = std::move(y.floats);
    split.targetSize = (int64_t)split.targets.size() / split.count;
  }
  return true;
}

/// The first of `names` that exists in `dir` (also with .gz), or "".
std::string findIn(llvm::StringRef dir,
                   std::initializer_list<const char *> names) {
  for (const char *name : names) {
    for (const char *suffix : {"", ".gz"}) {
      llvm::SmallString<256> path(dir);
      llvm::sys::path::append(path, std::string(name) + suffix);
      if (llvm::sys::fs::exists(path)) {
        return path.str().str();
      }
    }
  }
  return "";
}

} // namespace

bool nntrain::readDataset(llvm::StringRef spec, Dataset &out,
                          std::string &error) {
  std::string trainX, trainY, testX, testY;
  if (llvm::sys::fs::is_directory(spec)) {
    trainX = findIn(spec, {"train-images-idx3-ubyte", "train-images.idx3-ubyte",
                           "x_train.npy"});
    trainY = findIn(spec, {"train-labels-idx1-ubyte", "train-labels.idx1-ubyte",
                           "y_train.npy"});
    testX = findIn(spec, {"t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte",
                          "x_test.npy"});
    testY = findIn(spec, {"t10k-labels-idx1-ubyte", "t10k-labels.idx1-ubyte",
                          "y_test.npy"});
    if (trainX.empty()) {
      error = spec.str() +
              ": no training data (expected train-images-idx3-ubyte[.gz] "
              "and train-labels-idx1-ubyte[.gz], or x_train.npy [y_train.npy])";
      return false;
    }
  } else {
    llvm::SmallVector<llvm::StringRef> files;
    spec.split(files, ',');
    if (files.size() != 1 && files.size() != 2 && files.size() != 4) {
      error = "--data=" + spec.str() +
              ": expected a directory, X, X,Y or X,Y,TEST_X,TEST_Y";
      return false;
    }
    for (llvm::StringRef f : files) {
      if (!llvm::sys::fs::exists(f)) {
        error = f.str() + ": no such file";
        return false;
      }
    }
    trainX = files[0].str();
    trainY = files.size() > 1 ? files[1].str() : "";
    testX = files.size() > 2 ? files[2].str() : "";
    testY = files.size() > 3 ? files[3].str() : "";
  }
  if (!readSplit("train", trainX, trainY, out.train, error)) {
    return false;
  }
  out.hasTest = !testX.empty();
  if (out.hasTest && !readSplit("test", testX, testY, out.test, error)) {
    return false;
  }
  if (out.hasTest && (out.test.sampleSize != out.train.sampleSize ||
                      out.test.hasLabels() != out.train.hasLabels() ||
                      out.test.targetSize != out.train.targetSize)) {
    error = testX + ": test samples do not have the training samples' shape "
                    "and label kind";
    return false;
  }
  return true;
}
