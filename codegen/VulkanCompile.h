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

/// The code generator's target for a Vulkan device's limits and features:
/// `Limits` is the runtime's nnvk::DeviceInfo (a template so that codegen/
/// does not depend on runtime/); nn-run and nnc both compile through it.
template <typename Limits> VulkanTargetInfo vulkanTargetInfo(const Limits &d) {
  VulkanTargetInfo t;
  t.maxWorkgroupInvocations = d.maxWorkgroupInvocations;
  for (int i = 0; i < 3; ++i) {
    t.maxWorkgroupSize[i] = d.maxWorkgroupSize[i];
    t.maxWorkgroupCount[i] = d.maxWorkgroupCount[i];
  }
  t.maxSharedMemoryBytes = d.maxSharedMemoryBytes;
  // Drivers that do not report a subgroup size get the common one.
  t.subgroupSize = d.subgroupSize ? d.subgroupSize : 32;
  t.int64 = d.int64;
  t.float64 = d.float64;
  t.int16 = d.int16;
  t.int8 = d.int8;
  return t;
}

/// Lets intermediate buffers whose lifetimes (first to last dispatch binding
/// them) do not overlap share one device buffer (VulkanBufferReuse.cpp).
void shareIntermediateBuffers(VulkanPlan &plan);

/// Reads the output of buildVulkanPipeline (host @main of buffers and
/// gpu.launch_func, one spirv.module per kernel) into `plan`.
LogicalResult extractVulkanPlan(ModuleOp module, VulkanPlan &plan,
                                std::string &error);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_VULKANCOMPILE_H
