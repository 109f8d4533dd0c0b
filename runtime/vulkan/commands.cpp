//===- commands.cpp - command pools and command buffers ------------------===//

#include "runtime/vulkan/commands.h"

using namespace nnvk;

nn_status nnvk::beginCommands(Device &device, CommandBuffer &out,
                              std::string &error) {
  out = CommandBuffer();
  VkCommandPoolCreateInfo pool = {};
  pool.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
  pool.queueFamilyIndex = device.queueFamily;
  VkResult result =
      vkCreateCommandPool(device.device, &pool, nullptr, &out.pool);
  if (result != VK_SUCCESS) {
    out.pool = VK_NULL_HANDLE;
    error = std::string("vkCreateCommandPool: ") + resultString(result);
    return NN_RUNTIME_ERROR;
  }
  VkCommandBufferAllocateInfo alloc = {};
  alloc.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
  alloc.commandPool = out.pool;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  result = vkAllocateCommandBuffers(device.device, &alloc, &out.cmd);
  VkCommandBufferBeginInfo begin = {};
  begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  if (result == VK_SUCCESS) {
    result = vkBeginCommandBuffer(out.cmd, &begin);
  }
  if (result != VK_SUCCESS) {
    destroyCommands(device, out);
    error =
        std::string("cannot start a command buffer: ") + resultString(result);
    return NN_RUNTIME_ERROR;
  }
  return NN_OK;
}

nn_status nnvk::endCommands(CommandBuffer &commands, std::string &error) {
  VkResult result = vkEndCommandBuffer(commands.cmd);
  if (result != VK_SUCCESS) {
    error = std::string("vkEndCommandBuffer: ") + resultString(result);
    return NN_RUNTIME_ERROR;
  }
  return NN_OK;
}

void nnvk::destroyCommands(Device &device, CommandBuffer &commands) {
  if (commands.pool) {
    vkDestroyCommandPool(device.device, commands.pool, nullptr);
  }
  commands = CommandBuffer();
}
