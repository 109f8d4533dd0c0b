//===- FuseEpilogue.cpp - the nn-fuse-epilogue pass -------------*- C++ -*-===//
//
// In: a func.func of nn ops. Out: the same ops, with each group that the
// epilogue rule of planFusionGroups (FusionPolicy.cpp) picks moved into an
// nn.fusion_group "epilogue". A thin driver: the decision lives in the policy.
//
//===----------------------------------------------------------------------===//

#include "passes/FusionPolicy.h"
#include "passes/Passes.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_FUSEEPILOGUEPASS
#include "passes/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {
struct FuseEpiloguePass : nn::impl::FuseEpiloguePassBase<FuseEpiloguePass> {
  void runOnOperation() override {
    nn::fuseGroupsOfKind(getOperation(), nn::FusionKind::Epilogue);
  }
};
} // namespace
