//===- TrainStep.h - compose a training step from a forward function -*- C++
//-*-===//
//
// A training step is one function the host calls once per batch:
//
//   @<forward>_train_step(params..., state..., [step], frozen..., stats...,
//                         inputs..., target)
//       -> (loss, outputs..., new_params..., new_state..., new_stats...)
//
// It runs the forward function with its trainable constants lifted into
// `params`, the loss of its first result against `target`, the backward pass
// (reverse mode through GradientOpInterface) and one optimizer update per
// parameter (nn.sgd_update / nn.adam_update). Parameters and optimizer state
// travel by value: the host passes them in and feeds the returned ones back
// (swapping buffers, so storage is reused in place). `step` (rank-0 f32, the
// 1-based update count) is present for Adam only. `frozen` are constants
// lifted into arguments but not updated (e.g. the discriminator's weights
// while a GAN trains its generator: the host passes their current values).
// `stats` are the running mean and variance (in that order) of each
// nn.batch_norm: the step normalizes with batch statistics and returns the
// updated running ones (BatchNormTraining.h). Beside it,
// `@<forward>_eval(params..., frozen..., stats..., inputs...) -> outputs`
// runs the forward function (inference batch norm) on the current values. The
// forward function itself is left untouched: its constants are the initial
// parameter values.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_TRAINSTEP_H
#define NNC_PASSES_TRAINSTEP_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include <map>
#include <string>
#include <vector>

namespace mlir {
namespace nn {

/// The loss applied to the forward function's first result.
enum class TrainLoss {
  /// nn.softmax_cross_entropy on logits [N, C, ...] with i64 labels [N, ...].
  CrossEntropy,
  /// nn.mse against a target of the output's type.
  Mse,
  /// nn.bce on probabilities against a target of the output's type.
  Bce,
};

/// The optimizer and its hyper-parameters (PyTorch's meaning and defaults).
struct TrainStepOptions {
  TrainLoss loss = TrainLoss::CrossEntropy;
  /// "sgd", "adam" or "adamw".
  std::string optimizer = "sgd";
  double lr = 0.01;
  double momentum = 0.0;
  bool nesterov = false;
  double weightDecay = 0.0;
  double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
  /// Names (NameLoc of the constant) of the parameters to train; empty:
  /// every floating-point constant of rank >= 1.
  std::vector<std::string> params;
  /// Names of constants lifted into arguments but not trained.
  std::vector<std::string> frozen;
  /// Batch normalizations whose running statistics are constants (and not
  /// frozen) train with batch statistics; false keeps the inference form.
  bool batchNormTraining = true;
  /// ONNX momentum per batch normalization, keyed by the name of its
  /// running-mean constant; others take `batchNormMomentum`.
  std::map<std::string, double> batchNormMomenta;
  double batchNormMomentum = 0.9;
};

/// What the host needs to call the built functions.
struct TrainStepInfo {
  func::FuncOp step, eval;
  /// The trained constants in argument order (their values are the initial
  /// parameters), and a name for each (the constant's NameLoc, or param_<i>).
  SmallVector<Operation *> paramConstants;
  SmallVector<std::string> paramNames;
  /// The frozen constants in argument order, with their names.
  SmallVector<Operation *> frozenConstants;
  SmallVector<std::string> frozenNames;
  /// Running statistics in argument order (mean, variance per batch
  /// normalization), with their names.
  SmallVector<Operation *> statConstants;
  SmallVector<std::string> statNames;
  /// Optimizer state tensors per parameter (1 for SGD, 2 for Adam).
  unsigned statePerParam = 0;
  /// Whether the step takes the rank-0 `step` argument (Adam).
  bool takesStep = false;
};

/// Parses "cross_entropy" | "mse" | "bce".
std::optional<TrainLoss> parseTrainLoss(StringRef name);

/// Builds `@<forward>_train_step` and `@<forward>_eval` next to `forward`.
/// The forward function must have static shapes (pin the batch first).
/// Failures are reported as diagnostics at the offending op.
FailureOr<TrainStepInfo> buildTrainStep(func::FuncOp forward,
                                        const TrainStepOptions &options);

} // namespace nn
} // namespace mlir

#endif // NNC_PASSES_TRAINSTEP_H
