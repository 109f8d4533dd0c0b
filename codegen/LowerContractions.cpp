//===- LowerContractions.cpp - nn Contraction ops -> linalg
//-----------------------------===//
//
// Filled by the Contraction lowering family.
//
//===----------------------------------------------------------------------===//

#include "codegen/LoweringUtils.h"
#include "codegen/Transforms.h"
#include "ir/NNOps.h"

#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace mlir::nn;

void mlir::nn::populateContractionToLinalgPatterns(
    RewritePatternSet &patterns) {
  (void)patterns;
}
