//===- Report.h - what nn-train prints and plots ----------------*- C++ -*-===//
//
// The progress bar (stderr, redrawn at most 5 times a second), the per-epoch
// summary with a confusion matrix (stdout), and the SVG plot of the loss and
// accuracy curves written by --plot.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_TOOLS_NN_TRAIN_REPORT_H
#define NNC_TOOLS_NN_TRAIN_REPORT_H

#include "runtime/metrics.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace nntrain {

/// A one-line progress bar: `epoch 1/5 [=====>    ] 512/60000 loss=0.53
/// 1234 samples/s`.
class ProgressBar {
public:
  ProgressBar(int epoch, int epochs, int64_t total);
  /// Records `done` samples so far and the latest mean loss.
  void update(int64_t done, double loss);
  /// Draws the final state and ends the line.
  void finish(double loss);

private:
  void draw(double loss);
  int epoch, epochs;
  int64_t total, done = 0;
  std::chrono::steady_clock::time_point start, lastDraw;
};

/// One epoch's numbers.
struct EpochStats {
  double trainLoss = 0, testLoss = 0, seconds = 0;
  bool classification = false;
  nn_metrics metrics = {0, 0, 0, 0};
};

/// Prints the epoch summary (and the confusion matrix when given).
void printEpoch(int epoch, int epochs, const EpochStats &stats,
                const nn_confusion *confusion);

/// `final: loss=.. accuracy=.. precision=.. recall=.. f1=..`.
void printFinal(const EpochStats &stats);

/// Writes the curves (train loss per step and per epoch, test loss and
/// accuracy per epoch) to `path`; false with `error` on I/O failure.
bool writePlot(const std::string &path, const std::vector<double> &stepLosses,
               int64_t stepsPerEpoch, const std::vector<EpochStats> &epochs,
               std::string &error);

} // namespace nntrain

#endif // NNC_TOOLS_NN_TRAIN_REPORT_H
