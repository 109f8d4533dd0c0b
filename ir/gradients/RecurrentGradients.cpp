//===- RecurrentGradients.cpp - rnn, lstm, gru through time -----*- C++ -*-===//
//
// The recurrent layers have no direct rule: `decomposeForGradient` unrolls
// them over time into matmuls, gate activations, slices and concats, whose
// rules then give backpropagation through time.
//
//===----------------------------------------------------------------------===//

#include "ir/gradients/GradientBuilder.h"

using namespace mlir;
using namespace mlir::nn;

void mlir::nn::attachRecurrentGradients(MLIRContext &) {}
