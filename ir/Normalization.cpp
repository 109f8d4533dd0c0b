//===- Normalization.cpp - hand-written methods of the Normalization op family
//-*- C++ -*-===//

#include "ir/NNOps.h"

using namespace mlir;
using namespace mlir::nn;
