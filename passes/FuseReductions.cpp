//===- FuseReductions.cpp - the nn-fuse-reductions pass ---------*- C++ -*-===//
//
// In: a func.func of nn ops. Out: the same ops, with each group that the
// reductions rule of planFusionGroups (FusionPolicy.cpp) picks moved into an
// nn.fusion_group "reduction". A thin driver: the decision lives in the policy.
//
//===----------------------------------------------------------------------===//

#include "passes/FusionPolicy.h"
#include "passes/Passes.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_FUSEREDUCTIONSPASS
#include "passes/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {
struct FuseReductionsPass
    : nn::impl::FuseReductionsPassBase<FuseReductionsPass> {
  void runOnOperation() override {
    nn::fuseGroupsOfKind(getOperation(), nn::FusionKind::Reduction);
  }
};
} // namespace
