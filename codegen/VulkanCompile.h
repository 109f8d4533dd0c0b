//===- VulkanCompile.h - compile an nn module into a VulkanPlan -*- C++ -*-===//
//
// Pins @main's inputs to concrete shapes (as CpuExecutable does), runs
// buildVulkanPipeline for a device's target info, serializes every kernel to
// SPIR-V and reads the host program into a VulkanPlan. Every failure is one
// message, never a crash.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_VULKANCOMPILE_H
#define NNC_CODEGEN_VULKANCOMPILE_H

#include "codegen/VulkanPipeline.h"
#include "codegen/VulkanPlan.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"

namespace mlir {
namespace nn {

/// Specializes `module` (modified in place) to `inputTypes` (one static type
/// per @main argument), compiles it for `options` and fills `plan` and
/// `resultTypes`. On failure `error` holds one message.
LogicalResult compileForVulkan(ModuleOp module,
                               ArrayRef<RankedTensorType> inputTypes,
                               const VulkanPipelineOptions &options,
                               VulkanPlan &plan,
                               SmallVectorImpl<RankedTensorType> &resultTypes,
                               std::string &error);

/// Reads the output of buildVulkanPipeline (host @main of buffers and
/// gpu.launch_func, one spirv.module per kernel) into `plan`.
LogicalResult extractVulkanPlan(ModuleOp module, VulkanPlan &plan,
                                std::string &error);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_VULKANCOMPILE_H
