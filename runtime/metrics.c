/*===- metrics.c - classification metrics for the nnc runtime --*- C -*-===*
 *
 * Macro averages divide by the number of classes, including classes without
 * samples (scikit-learn's `average="macro"` with zero_division=0).
 *
 *===----------------------------------------------------------------------===*/
#include "runtime/metrics.h"

#include <stdlib.h>
#include <string.h>

nn_status nn_confusion_create(int64_t classes, nn_confusion *out) {
  if (!out || classes < 1 || classes > (1 << 20)) {
    return NN_INVALID_ARGUMENT;
  }
  out->classes = classes;
  out->counts = calloc((size_t)(classes * classes), sizeof(int64_t));
  return out->counts ? NN_OK : NN_OUT_OF_MEMORY;
}

nn_status nn_confusion_add(nn_confusion *c, int64_t label, int64_t predicted) {
  if (!c || label < 0 || label >= c->classes || predicted < 0 ||
      predicted >= c->classes) {
    return NN_INVALID_ARGUMENT;
  }
  ++c->counts[label * c->classes + predicted];
  return NN_OK;
}

nn_status nn_confusion_add_scores(nn_confusion *c, const float *scores,
                                  const int64_t *labels, int64_t n) {
  if (!c || (n > 0 && (!scores || !labels))) {
    return NN_INVALID_ARGUMENT;
  }
  for (int64_t i = 0; i < n; ++i) {
    const float *row = scores + i * c->classes;
    int64_t best = 0;
    for (int64_t k = 1; k < c->classes; ++k) {
      if (row[k] > row[best]) {
        best = k;
      }
    }
    nn_status status = nn_confusion_add(c, labels[i], best);
    if (status != NN_OK) {
      return status;
    }
  }
  return NN_OK;
}

nn_metrics nn_confusion_metrics(const nn_confusion *c) {
  nn_metrics m = {0, 0, 0, 0};
  int64_t k = c->classes, total = 0, correct = 0;
  for (int64_t i = 0; i < k; ++i) {
    int64_t tp = c->counts[i * k + i], predicted = 0, actual = 0;
    for (int64_t j = 0; j < k; ++j) {
      predicted += c->counts[j * k + i];
      actual += c->counts[i * k + j];
    }
    total += actual;
    correct += tp;
    double p = predicted ? (double)tp / predicted : 0.0;
    double r = actual ? (double)tp / actual : 0.0;
    m.precision += p;
    m.recall += r;
    m.f1 += p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
  m.accuracy = total ? (double)correct / total : 0.0;
  m.precision /= k;
  m.recall /= k;
  m.f1 /= k;
  return m;
}

void nn_confusion_reset(nn_confusion *c) {
  memset(c->counts, 0, (size_t)(c->classes * c->classes) * sizeof(int64_t));
}

void nn_confusion_destroy(nn_confusion *c) {
  if (c) {
    free(c->counts);
    c->counts = NULL;
  }
}
