//===- memory.h - Vulkan device memory and buffers --------------*- C++ -*-===//
//
// Storage buffers in device-local memory (what kernels bind) and
// host-visible staging buffers (persistently mapped) for uploads/readbacks.
// One allocation per buffer: models have tens to hundreds of buffers, far
// under maxMemoryAllocationCount.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_VULKAN_MEMORY_H
#define NNC_RUNTIME_VULKAN_MEMORY_H

#include "runtime/vulkan/device.h"

namespace nnvk {

/// A VkBuffer with its own memory; `mapped` is set for staging buffers.
struct Buffer {
  VkBuffer buffer = VK_NULL_HANDLE;
  VkDeviceMemory memory = VK_NULL_HANDLE;
  VkDeviceSize size = 0;
  void *mapped = nullptr;
};

/// Creates a `size`-byte buffer: device-local storage (+ transfer src/dst)
/// when `staging` is false, host-visible coherent and mapped otherwise.
/// NN_OUT_OF_MEMORY with a message when the device cannot hold it.
nn_status createBuffer(Device &device, VkDeviceSize size, bool staging,
                       Buffer &out, std::string &error);

/// Frees `buffer` (no-op on an empty one) and resets it.
void destroyBuffer(Device &device, Buffer &buffer);

} // namespace nnvk

#endif // NNC_RUNTIME_VULKAN_MEMORY_H
