//===- commands.h - command pools and command buffers -----------*- C++ -*-===//
//
// A command pool with one primary command buffer, for recording a whole
// program once (re-submitted every run) or a one-time upload.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_VULKAN_COMMANDS_H
#define NNC_RUNTIME_VULKAN_COMMANDS_H

#include "runtime/vulkan/device.h"

namespace nnvk {

/// A pool on the device's compute queue family and one buffer from it.
struct CommandBuffer {
  VkCommandPool pool = VK_NULL_HANDLE;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
};

/// Creates the pool and buffer and begins recording.
nn_status beginCommands(Device &device, CommandBuffer &out, std::string &error);

/// Ends recording.
nn_status endCommands(CommandBuffer &commands, std::string &error);

/// Frees the pool (and the buffer with it).
void destroyCommands(Device &device, CommandBuffer &commands);

} // namespace nnvk

#endif // NNC_RUNTIME_VULKAN_COMMANDS_H
