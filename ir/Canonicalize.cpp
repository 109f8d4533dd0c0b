//===- Canonicalize.cpp - canonicalization hooks for DRR patterns -*- C++
//-*-===//
//
// Registers the declarative peepholes of NNCanonicalize.td with their ops.
// Folders (single-op simplifications) live beside each op family.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::nn;

namespace {
#include "ir/NNCanonicalize.inc"
} // namespace

void NegOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {
  results.add<NegNeg>(context);
}

void ReluOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                         MLIRContext *context) {
  results.add<ReluRelu>(context);
}

void NotOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {
  results.add<NotNot>(context);
}

void ReshapeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<ReshapeReshape>(context);
}
