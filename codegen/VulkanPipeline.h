//===- VulkanPipeline.h - the Vulkan (SPIR-V) compilation pipeline -*- C++ -*-//
//
// nn module (func @main on tensors, static shapes) -> a host @main of
// buffers and gpu.launch_func ops, plus one spirv.module per kernel.
// Registered as `nn-vulkan-pipeline` so `nn-opt --nn-vulkan-pipeline`
// reproduces what `nn-run --target=vulkan` compiles (with the default
// target environment; nn-run uses the device's).
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_VULKANPIPELINE_H
#define NNC_CODEGEN_VULKANPIPELINE_H

#include "codegen/CpuPipeline.h"

#include <cstdint>
#include <string>

namespace mlir {
namespace nn {

/// What a Vulkan device offers the code generator (from its limits and
/// features). The defaults are what every Vulkan 1.1 device guarantees.
struct VulkanTargetInfo {
  int64_t maxWorkgroupInvocations = 128;
  int64_t maxWorkgroupSize[3] = {128, 128, 64};
  int64_t maxWorkgroupCount[3] = {65535, 65535, 65535};
  int64_t maxSharedMemoryBytes = 16384;
  int64_t subgroupSize = 32;
  bool int64 = true, float64 = false, int16 = false, float16 = false;
  /// 8-bit integers in storage buffers and arithmetic (else emulated in
  /// 32-bit words).
  bool int8 = false;
};

/// `#spirv.target_env<...>` text for `info`.
std::string spirvTargetEnv(const VulkanTargetInfo &info);

/// Knobs of the Vulkan pipeline.
struct VulkanPipelineOptions {
  VulkanPipelineOptions() {
    linalg.tileFusionGroups = false;
    linalg.convAsMatmul = false;
  }
  /// Phases 1-2; fusion groups are only unwrapped (each loop nest becomes a
  /// kernel of its own here).
  CpuPipelineOptions linalg;
  VulkanTargetInfo target;
  /// Threads per workgroup of elementwise/reduction kernels.
  int64_t workgroupSize = 64;
  /// Matmul-like contractions and convolutions (implicit GEMM) as
  /// workgroup-tiled kernels (16x16 tiles, 8x8 on devices with fewer than
  /// 256 invocations per workgroup).
  bool tileContractions = true;
  /// Reductions of >= 64 elements as one 64-thread workgroup per output
  /// element with a tree combine in workgroup memory.
  bool workgroupReductions = true;
  /// compileForVulkan: intermediates with disjoint lifetimes share device
  /// buffers (shareIntermediateBuffers).
  bool shareBuffers = true;
};

/// The whole Vulkan pipeline: nn -> linalg (shared phases 1-2) -> buffers ->
/// one gpu.launch per op -> outlined kernels -> spirv.module per kernel.
void buildVulkanPipeline(OpPassManager &pm, const VulkanPipelineOptions &opts);

/// Registers `nn-vulkan-pipeline` with the pass registry (for nn-opt), and
/// the nn-gpu-* passes.
void registerVulkanPipeline();

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_VULKANPIPELINE_H
