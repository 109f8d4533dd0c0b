//===- memory.cpp - Vulkan device memory and buffers ---------------------===//
//
// Memory-type choice: device-local buffers take the first DEVICE_LOCAL type
// the buffer allows (any allowed type if none); staging buffers need
// HOST_VISIBLE|HOST_COHERENT so no flushes are needed.
//
//===----------------------------------------------------------------------===//

#include "runtime/vulkan/memory.h"

using namespace nnvk;

namespace {
int findMemoryType(const VkPhysicalDeviceMemoryProperties &props,
                   uint32_t allowed, VkMemoryPropertyFlags wanted) {
  for (uint32_t i = 0; i < props.memoryTypeCount; ++i) {
    if ((allowed & (1u << i)) &&
        (props.memoryTypes[i].propertyFlags & wanted) == wanted) {
      return (int)i;
    }
  }
  return -1;
}
} // namespace

nn_status nnvk::createBuffer(Device &device, VkDeviceSize size, bool staging,
                             Buffer &out, std::string &error) {
  out = Buffer();
  out.size = size;
  VkBufferCreateInfo info = {};
  info.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
  info.size = size;
  info.usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT |
               VK_BUFFER_USAGE_TRANSFER_DST_BIT |
               (staging ? 0 : VK_BUFFER_USAGE_STORAGE_BUFFER_BIT);
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  std::string what = std::to_string(size) + "-byte " +
                     (staging ? "staging" : "device") + " buffer";
  if (staging ? false : size > device.info.maxStorageBufferRange) {
    error = "the " + what + " exceeds the device's maxStorageBufferRange (" +
            std::to_string(device.info.maxStorageBufferRange) + ")";
    return NN_OUT_OF_MEMORY;
  }
  VkResult result = vkCreateBuffer(device.device, &info, nullptr, &out.buffer);
  if (result != VK_SUCCESS) {
    out.buffer = VK_NULL_HANDLE;
    error = "cannot create a " + what + ": " + resultString(result);
    return NN_OUT_OF_MEMORY;
  }
  VkMemoryRequirements req;
  vkGetBufferMemoryRequirements(device.device, out.buffer, &req);
  VkMemoryPropertyFlags wanted = staging
                                     ? VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
                                           VK_MEMORY_PROPERTY_HOST_COHERENT_BIT
                                     : VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
  int type = findMemoryType(device.memory, req.memoryTypeBits, wanted);
  if (type < 0 && !staging) {
    type = findMemoryType(device.memory, req.memoryTypeBits, 0);
  }
  if (type < 0) {
    destroyBuffer(device, out);
    error = "no suitable memory type for a " + what;
    return NN_UNSUPPORTED;
  }
  VkMemoryAllocateInfo alloc = {};
  alloc.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
  alloc.allocationSize = req.size;
  alloc.memoryTypeIndex = type;
  result = vkAllocateMemory(device.device, &alloc, nullptr, &out.memory);
  if (result != VK_SUCCESS) {
    out.memory = VK_NULL_HANDLE;
    destroyBuffer(device, out);
    error = "out of device memory allocating a " + what + " (" +
            resultString(result) + ")";
    return NN_OUT_OF_MEMORY;
  }
  result = vkBindBufferMemory(device.device, out.buffer, out.memory, 0);
  if (result == VK_SUCCESS && staging) {
    result = vkMapMemory(device.device, out.memory, 0, VK_WHOLE_SIZE, 0,
                         &out.mapped);
  }
  if (result != VK_SUCCESS) {
    destroyBuffer(device, out);
    error = "cannot bind or map a " + what + ": " + resultString(result);
    return NN_RUNTIME_ERROR;
  }
  return NN_OK;
}

void nnvk::destroyBuffer(Device &device, Buffer &buffer) {
  if (buffer.mapped) {
    vkUnmapMemory(device.device, buffer.memory);
  }
  if (buffer.buffer) {
    vkDestroyBuffer(device.device, buffer.buffer, nullptr);
  }
  if (buffer.memory) {
    vkFreeMemory(device.device, buffer.memory, nullptr);
  }
  buffer = Buffer();
}
