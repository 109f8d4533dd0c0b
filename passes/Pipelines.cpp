//===- Pipelines.cpp - named nn pipelines -----------------------*- C++ -*-===//
//
// Each pipeline reads top to bottom, one pass a line, and is registered under
// its name so `nn-opt --<name>` reproduces exactly what the compiler runs.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void nn::buildSimplifyPipeline(OpPassManager &pm) {
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addNestedPass<func::FuncOp>(createInferShapesPass());
  pm.addPass(createCanonicalizerPass());
}

void nn::registerPipelines() {
  PassPipelineRegistration<>(
      "nn-simplify",
      "Graph clean-up: canonicalize, CSE, refine shapes, canonicalize",
      [](OpPassManager &pm) { buildSimplifyPipeline(pm); });
  PassPipelineRegistration<>(
      "nn-fuse", "Graph optimization: folding, then nn.fusion_group formation",
      [](OpPassManager &pm) { buildFusionPipeline(pm); });
}
