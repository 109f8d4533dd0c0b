//===- Contractions.cpp - hand-written methods of the Contractions op family -*-
//C++ -*-===//

#include "ir/NNOps.h"

using namespace mlir;
using namespace mlir::nn;
