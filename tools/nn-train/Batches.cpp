//===- Batches.cpp - nn-train's batches, targets and test loss -----------===//
//
// See Batches.h.
//
//===----------------------------------------------------------------------===//

#include "tools/nn-train/Batches.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

using namespace mlir;

namespace nntrain {

int64_t product(ArrayRef<int64_t> shape) {
  return std::accumulate(shape.begin(), shape.end(), int64_t(1),
                         std::multiplies<int64_t>());
}

TargetSource targetSource(const Split &split, const LossSpec &spec) {
  if (split.hasTargets()) {
    return TargetSource::Targets;
  }
  return split.hasLabels() && spec.outputSize == 1 ? TargetSource::Labels
                                                   : TargetSource::Inputs;
}

/// Per-sample loss sum of a batch's first output (host side, for the test
/// loss) and the metrics' confusion counts.
double batchLoss(const LossSpec &spec, const float *out, const Split &split,
                 const int64_t *rows, int64_t n, nn_confusion *confusion) {
  double total = 0;
  for (int64_t r = 0; r < n; ++r) {
    const float *o = out + r * spec.outputSize;
    int64_t s = rows[r];
    if (spec.loss == nn::TrainLoss::CrossEntropy) {
      int64_t label = split.labels[s];
      double mx = *std::max_element(o, o + spec.classes), sum = 0;
      for (int64_t k = 0; k < spec.classes; ++k) {
        sum += std::exp(o[k] - mx);
      }
      total += mx + std::log(sum) - o[label];
      nn_confusion_add_scores(confusion, o, &label, 1);
      continue;
    }
    double l = 0;
    for (int64_t k = 0; k < spec.outputSize; ++k) {
      double t;
      TargetSource source = targetSource(split, spec);
      if (source == TargetSource::Targets) {
        t = split.targets[s * spec.outputSize + k];
      } else if (source == TargetSource::Labels) {
        t = (double)split.labels[s];
      } else {
        t = split.x[s * spec.outputSize + k];
      }
      if (spec.loss == nn::TrainLoss::Mse) {
        l += (o[k] - t) * (o[k] - t);
      } else {
        l -= t * std::max(std::log((double)o[k]), -100.0) +
             (1 - t) * std::max(std::log(1.0 - o[k]), -100.0);
        nn_confusion_add(confusion, t >= 0.5, o[k] >= 0.5);
      }
    }
    total += l / spec.outputSize;
  }
  return total;
}

/// Copies the rows `rows` of `split` into the batch input and target
/// buffers (cross_entropy: int64 labels; otherwise float targets).
void fillBatch(const LossSpec &spec, const Split &split, const int64_t *rows,
               int64_t n, int64_t batch, std::vector<float> &x,
               std::vector<int64_t> &labels, std::vector<float> &targets) {
  int64_t size = split.sampleSize;
  std::fill(x.begin(), x.end(), 0.0f);
  for (int64_t r = 0; r < n; ++r) {
    std::copy_n(split.x.begin() + rows[r] * size, size, x.begin() + r * size);
  }
  if (spec.loss == nn::TrainLoss::CrossEntropy) {
    labels.assign(batch, 0);
    for (int64_t r = 0; r < n; ++r) {
      labels[r] = split.labels[rows[r]];
    }
    return;
  }
  int64_t out = spec.outputSize;
  TargetSource source = targetSource(split, spec);
  targets.assign(batch * out, 0.0f);
  for (int64_t r = 0; r < n; ++r) {
    for (int64_t k = 0; k < out; ++k) {
      targets[r * out + k] =
          source == TargetSource::Targets  ? split.targets[rows[r] * out + k]
          : source == TargetSource::Labels ? (float)split.labels[rows[r]]
                                           : split.x[rows[r] * out + k];
    }
  }
}

/// Checks that `split` fits the model: sample size, label range, targets.
bool checkSplit(const Split &split, const LossSpec &spec, int64_t inputSize,
                const std::string &inputDesc, std::string &error) {
  if (split.sampleSize != inputSize) {
    error = split.name + " samples have " + std::to_string(split.sampleSize) +
            " values each, but the model input " + inputDesc + " takes " +
            std::to_string(inputSize);
    return false;
  }
  if (spec.loss == nn::TrainLoss::CrossEntropy) {
    if (!split.hasLabels()) {
      error = "cross_entropy needs integer class labels for the " + split.name +
              " samples";
      return false;
    }
    for (size_t i = 0; i < split.labels.size(); ++i) {
      if (split.labels[i] < 0 || split.labels[i] >= spec.classes) {
        error = split.name + " label " + std::to_string(split.labels[i]) +
                " of sample " + std::to_string(i) + " is outside [0, " +
                std::to_string(spec.classes) + ") (the model has " +
                std::to_string(spec.classes) + " classes)";
        return false;
      }
    }
    return true;
  }
  int64_t want = spec.outputSize;
  TargetSource source = targetSource(split, spec);
  int64_t have = source == TargetSource::Targets  ? split.targetSize
                 : source == TargetSource::Labels ? 1
                                                  : split.sampleSize;
  if (have != want) {
    error = split.name + " targets have " + std::to_string(have) +
            " values per sample, but the model output has " +
            std::to_string(want) +
            (source == TargetSource::Inputs
                 ? " (without float targets the input itself is the target)"
                 : "");
    return false;
  }
  if (spec.loss == nn::TrainLoss::Bce) {
    auto bad = [](float t) { return !(t >= 0 && t <= 1); };
    bool outOfRange =
        source == TargetSource::Targets
            ? std::any_of(split.targets.begin(), split.targets.end(), bad)
        : source == TargetSource::Labels
            ? std::any_of(split.labels.begin(), split.labels.end(),
                          [](int64_t l) { return l < 0 || l > 1; })
            : std::any_of(split.x.begin(), split.x.end(), bad);
    if (outOfRange) {
      error = "bce needs " + split.name + " targets in [0, 1]";
      return false;
    }
  }
  return true;
}

} // namespace nntrain
