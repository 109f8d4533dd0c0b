//===- Batches.h - nn-train's batches, targets and test loss ----*- C++ -*-===//
//
// How the model's first output meets the data: which loss and class count,
// where mse/bce targets come from (float targets, integer labels, or the
// inputs themselves), checking a split against the model, filling a batch's
// input and target buffers, and the host-side loss and confusion counts of
// an evaluated batch.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_TOOLS_NN_TRAIN_BATCHES_H
#define NNC_TOOLS_NN_TRAIN_BATCHES_H

#include "passes/TrainStep.h"
#include "tools/nn-train/Dataset.h"
#include "tools/nn-train/Report.h"

#include "llvm/ADT/ArrayRef.h"

namespace nntrain {

/// The number of elements of `shape`.
int64_t product(llvm::ArrayRef<int64_t> shape);

/// How the first model output is compared with the data.
struct LossSpec {
  mlir::nn::TrainLoss loss;
  int64_t classes = 0;    // cross_entropy: C
  int64_t outputSize = 0; // per-sample elements of the first output
};

/// Where mse/bce targets come from: float targets, else integer labels when
/// the output has one value per sample, else the inputs (autoencoders; class
/// labels beside the images, as in MNIST directories, are then unused).
enum class TargetSource { Targets, Labels, Inputs };
TargetSource targetSource(const Split &split, const LossSpec &spec);

/// Per-sample loss sum of a batch's first output (host side, for the test
/// loss) and the metrics' confusion counts.
double batchLoss(const LossSpec &spec, const float *out, const Split &split,
                 const int64_t *rows, int64_t n, nn_confusion *confusion);

/// Copies the rows `rows` of `split` into the batch input and target
/// buffers (cross_entropy: int64 labels; otherwise float targets).
void fillBatch(const LossSpec &spec, const Split &split, const int64_t *rows,
               int64_t n, int64_t batch, std::vector<float> &x,
               std::vector<int64_t> &labels, std::vector<float> &targets);

/// Checks that `split` fits the model: sample size, label range, targets.
bool checkSplit(const Split &split, const LossSpec &spec, int64_t inputSize,
                const std::string &inputDesc, std::string &error);

} // namespace nntrain

#endif // NNC_TOOLS_NN_TRAIN_BATCHES_H
