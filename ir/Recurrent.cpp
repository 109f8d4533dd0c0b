//===- Recurrent.cpp - hand-written methods of the Recurrent op family -*- C++
//-*-===//

#include "ir/NNOps.h"

using namespace mlir;
using namespace mlir::nn;
