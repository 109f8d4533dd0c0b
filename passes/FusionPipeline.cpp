//===- FusionPipeline.cpp - the nn-fuse pipeline ----------------*- C++ -*-===//
//
// nn -> nn: folding first (so fusion sees the final graph), then the fusion
// rules from the widest to the narrowest, each forming nn.fusion_group
// regions of the ops it claims (later rules never regroup claimed ops).
// Registered as `nn-fuse`; part of the CPU pipeline unless --no-fusion.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void nn::buildFusionPipeline(OpPassManager &pm) {
  // Graph rewrites that remove work, then clean-up.
  pm.addNestedPass<func::FuncOp>(createFoldConstantsPass());
  pm.addNestedPass<func::FuncOp>(createFoldBatchNormPass());
  pm.addNestedPass<func::FuncOp>(createFoldLayoutPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // Fusion groups: contractions sharing an input, contraction epilogues,
  // reductions with their elementwise neighbours, remaining elementwise
  // chains.
  pm.addNestedPass<func::FuncOp>(createFuseHorizontalPass());
  pm.addNestedPass<func::FuncOp>(createFuseEpiloguePass());
  pm.addNestedPass<func::FuncOp>(createFuseReductionsPass());
  pm.addNestedPass<func::FuncOp>(createFuseElementwisePass());
}
