//===- pipelines.h - compute pipelines and the pipeline cache ---*- C++ -*-===//
//
// One compute pipeline per SPIR-V kernel: shader module, a descriptor set
// layout of N storage buffers (set 0, bindings 0..N-1), pipeline layout and
// pipeline, created through a VkPipelineCache shared by a program. The
// cache persists across processes in one file per device,
// $XDG_CACHE_HOME/nnc/vulkan-pipelines-<vendor>-<device>-<cache uuid>.bin
// (~/.cache without XDG_CACHE_HOME; NNC_VULKAN_PIPELINE_CACHE=0 turns it
// off), so a second run of a model skips the driver's shader compilation.
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

/// A pipeline cache and the file it persists in.
struct PipelineCache {
  VkPipelineCache cache = VK_NULL_HANDLE;
  /// The cache file; empty when persistence is off or has no directory.
  std::string path;
  /// The file's bytes handed to the driver (empty if none were usable).
  std::vector<char> loaded;
};

/// A pipeline cache seeded from `device`'s cache file when that holds data
/// for this very device (header checked), else empty. An unreadable or
/// foreign file is ignored: the cache only saves time.
nn_status createPipelineCache(Device &device, PipelineCache &out,
                              std::string &error);

/// Writes the driver's cache data to the cache file (atomically: a
/// temporary file renamed over it) when it differs from what was loaded.
/// Failures are ignored, as for loading.
void savePipelineCache(Device &device, const PipelineCache &cache);

/// Destroys the cache (no-op on an empty one).
void destroyPipelineCache(Device &device, PipelineCache &cache);

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
