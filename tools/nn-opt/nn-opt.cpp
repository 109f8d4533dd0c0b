//===- nn-opt.cpp - mlir-opt for the nn dialect and nnc's passes ---------===//
//
// Registers the nn dialect, every upstream dialect, pass and extension it
// lowers through, every nnc pass and named pipeline. `nn-opt --help` lists
// them; lit tests drive everything through this tool.
//
//===----------------------------------------------------------------------===//

#include "codegen/CpuPipeline.h"
#include "codegen/Passes.h"
#include "codegen/VulkanPipeline.h"
#include "ir/NNOps.h"
#include "passes/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::nn::registerNNPasses();
  mlir::nn::registerNNCodegenPasses();
  mlir::nn::registerPipelines();
  mlir::nn::registerCpuPipeline();
  mlir::nn::registerVulkanPipeline();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<mlir::nn::NNDialect>();

  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "nnc optimizer driver: nn dialect passes and pipelines\n",
      registry));
}
