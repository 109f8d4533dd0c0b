//===- FuseElementwise.cpp - the nn-fuse-elementwise pass -------*- C++ -*-===//
//
// In: a func.func of nn ops. Out: the same ops, with each group that the
// elementwise rule of planFusionGroups (FusionPolicy.cpp) picks moved into an
// nn.fusion_group "elementwise". A thin driver: the decision lives in the
// policy.
//
//===----------------------------------------------------------------------===//

#include "passes/FusionPolicy.h"
#include "passes/Passes.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_FUSEELEMENTWISEPASS
#include "passes/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {
struct FuseElementwisePass
    : nn::impl::FuseElementwisePassBase<FuseElementwisePass> {
  void runOnOperation() override {
    nn::fuseGroupsOfKind(getOperation(), nn::FusionKind::Elementwise);
  }
};
} // namespace
