//===- pipelines.h - compute pipelines and the pipeline cache ---*- C++ -*-===//
//
// One compute pipeline per SPIR-V kernel: shader module, a descriptor set
// layout of N storage buffers (set 0, bindings 0..N-1), pipeline layout and
// pipeline, created through a VkPipelineCache shared by a program.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_VULKAN_PIPELINES_H
#define NNC_RUNTIME_VULKAN_PIPELINES_H

#include "runtime/vulkan/device.h"

namespace nnvk {

/// A compute pipeline and what it was built from.
struct Kernel {
  VkShaderModule module = VK_NULL_HANDLE;
  VkDescriptorSetLayout setLayout = VK_NULL_HANDLE;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  VkPipeline pipeline = VK_NULL_HANDLE;
  uint32_t bindings = 0;
};

/// An empty in-memory pipeline cache.
nn_status createPipelineCache(Device &device, VkPipelineCache &out,
                              std::string &error);

/// Builds the pipeline for entry point `entry` of `words` (SPIR-V) with
/// `bindings` storage buffers. A shader the driver rejects is an
/// NN_INVALID_MODEL with the driver's result.
nn_status createKernel(Device &device, VkPipelineCache cache,
                       const std::vector<uint32_t> &words,
                       const std::string &entry, uint32_t bindings, Kernel &out,
                       std::string &error);

/// Destroys `kernel`'s objects (no-op on empty ones).
void destroyKernel(Device &device, Kernel &kernel);

} // namespace nnvk

#endif // NNC_RUNTIME_VULKAN_PIPELINES_H
