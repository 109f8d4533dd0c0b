//===- sync.cpp - fences, submission and buffer barriers -----------------===//

#include "runtime/vulkan/sync.h"

#include <cmath>

using namespace nnvk;

nn_status nnvk::createFence(Device &device, VkFence &out, std::string &error) {
  VkFenceCreateInfo info = {};
  info.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
  VkResult result = vkCreateFence(device.device, &info, nullptr, &out);
  if (result != VK_SUCCESS) {
    out = VK_NULL_HANDLE;
    error = std::string("vkCreateFence: ") + resultString(result);
    return NN_RUNTIME_ERROR;
  }
  return NN_OK;
}

nn_status nnvk::submitAndWait(Device &device, VkCommandBuffer cmd,
                              VkFence fence, double timeoutSeconds,
                              std::string &error) {
  VkSubmitInfo submit = {};
  submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;
  VkResult result = vkResetFences(device.device, 1, &fence);
  if (result == VK_SUCCESS) {
    result = vkQueueSubmit(device.queue, 1, &submit, fence);
  }
  if (result == VK_SUCCESS) {
    uint64_t ns = (uint64_t)std::llround(timeoutSeconds * 1e9);
    result = vkWaitForFences(device.device, 1, &fence, VK_TRUE, ns);
  }
  if (result == VK_TIMEOUT) {
    error = "the Vulkan device did not finish within " +
            std::to_string((int)timeoutSeconds) + " s";
    return NN_RUNTIME_ERROR;
  }
  if (result != VK_SUCCESS) {
    error = std::string("running on the Vulkan device failed: ") +
            resultString(result);
    return NN_RUNTIME_ERROR;
  }
  return NN_OK;
}

void nnvk::recordBufferBarriers(VkCommandBuffer cmd,
                                const std::vector<VkBuffer> &buffers,
                                VkPipelineStageFlags srcStage,
                                VkAccessFlags srcAccess,
                                VkPipelineStageFlags dstStage,
                                VkAccessFlags dstAccess) {
  if (buffers.empty()) {
    return;
  }
  std::vector<VkBufferMemoryBarrier> barriers(buffers.size());
  for (size_t i = 0; i < buffers.size(); ++i) {
    VkBufferMemoryBarrier &b = barriers[i];
    b = {};
    b.sType = VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER;
    b.srcAccessMask = srcAccess;
    b.dstAccessMask = dstAccess;
    b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.buffer = buffers[i];
    b.offset = 0;
    b.size = VK_WHOLE_SIZE;
  }
  vkCmdPipelineBarrier(cmd, srcStage, dstStage, 0, 0, nullptr,
                       (uint32_t)barriers.size(), barriers.data(), 0, nullptr);
}

std::vector<VkBuffer>
HazardTracker::beforeDispatch(const std::vector<VkBuffer> &uses) {
  std::vector<VkBuffer> wait;
  for (VkBuffer b : uses) {
    if (touched.count(b)) {
      wait.push_back(b);
      touched.erase(b);
    }
  }
  for (VkBuffer b : uses) {
    touched.insert(b);
  }
  return wait;
}
