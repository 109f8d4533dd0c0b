/*===- metrics.h - classification metrics for the nnc runtime --*- C -*-===*
 *
 * A confusion matrix accumulated over batches (rows: true class, columns:
 * predicted class), and the metrics derived from it: accuracy and the macro
 * averages (unweighted mean over classes) of precision, recall and F1, as
 * scikit-learn defines them (a class never predicted has precision 0, one
 * absent from the labels has recall 0).
 *
 *===----------------------------------------------------------------------===*/
#ifndef NNC_RUNTIME_METRICS_H
#define NNC_RUNTIME_METRICS_H

#include "runtime/status.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nn_confusion {
  int64_t classes;
  int64_t *counts; /* classes x classes, row-major [true][predicted] */
} nn_confusion;

typedef struct nn_metrics {
  double accuracy, precision, recall, f1;
} nn_metrics;

/* Allocates a zeroed `classes` x `classes` matrix. */
nn_status nn_confusion_create(int64_t classes, nn_confusion *out);
/* Adds `n` samples: `scores` is [n, classes] (the predicted class is the
 * arg-max, first on ties), `labels` [n] in [0, classes). */
nn_status nn_confusion_add_scores(nn_confusion *c, const float *scores,
                                  const int64_t *labels, int64_t n);
/* Adds one (true, predicted) pair. */
nn_status nn_confusion_add(nn_confusion *c, int64_t label, int64_t predicted);
/* Accuracy and macro precision / recall / F1 of the counts so far. */
nn_metrics nn_confusion_metrics(const nn_confusion *c);
void nn_confusion_reset(nn_confusion *c);
void nn_confusion_destroy(nn_confusion *c);

#ifdef __cplusplus
}
#endif

#endif /* NNC_RUNTIME_METRICS_H */
