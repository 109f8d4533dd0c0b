//===- LowerReductions.cpp - nn Reduction ops -> linalg
//-----------------------------===//
//
// Filled by the Reduction lowering family.
//
//===----------------------------------------------------------------------===//

#include "codegen/LoweringUtils.h"
#include "codegen/Transforms.h"
#include "ir/NNOps.h"

#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace mlir::nn;

void mlir::nn::populateReductionToLinalgPatterns(RewritePatternSet &patterns) {
  (void)patterns;
}
