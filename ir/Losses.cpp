//===- Losses.cpp - hand-written methods of the Losses op family -*- C++
//-*-===//

#include "ir/NNOps.h"

using namespace mlir;
using namespace mlir::nn;
