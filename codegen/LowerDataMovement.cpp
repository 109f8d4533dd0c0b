//===- LowerDataMovement.cpp - nn DataMovement ops -> linalg
//-----------------------------===//
//
// Filled by the DataMovement lowering family.
//
//===----------------------------------------------------------------------===//

#include "codegen/LoweringUtils.h"
#include "codegen/Transforms.h"
#include "ir/NNOps.h"

#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace mlir::nn;

void mlir::nn::populateDataMovementToLinalgPatterns(
    RewritePatternSet &patterns) {
  (void)patterns;
}
