//===- Pooling.cpp - hand-written methods of the Pooling op family -*- C++
//-*-===//

#include "ir/NNOps.h"

using namespace mlir;
using namespace mlir::nn;
