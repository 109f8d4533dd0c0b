//===- sync.h - fences, submission and buffer barriers ----------*- C++ -*-===//
//
// Submit-and-wait with a fence (device loss and time-outs become errors),
// buffer memory barriers, and the hazard tracker that decides which buffers
// need a barrier before the next dispatch.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_VULKAN_SYNC_H
#define NNC_RUNTIME_VULKAN_SYNC_H

#include "runtime/vulkan/device.h"

#include <set>

namespace nnvk {

/// Submits `cmd` to the device's queue and waits for it (up to
/// `timeoutSeconds`). A lost device or a time-out is NN_RUNTIME_ERROR.
nn_status submitAndWait(Device &device, VkCommandBuffer cmd, VkFence fence,
                        double timeoutSeconds, std::string &error);

/// Creates an unsignalled fence.
nn_status createFence(Device &device, VkFence &out, std::string &error);

/// Records one pipeline barrier making `buffers`' writes in `srcStage`
/// (`srcAccess`) visible to `dstStage` (`dstAccess`). No-op when empty.
void recordBufferBarriers(VkCommandBuffer cmd,
                          const std::vector<VkBuffer> &buffers,
                          VkPipelineStageFlags srcStage,
                          VkAccessFlags srcAccess,
                          VkPipelineStageFlags dstStage,
                          VkAccessFlags dstAccess);

/// Tracks buffers touched since their last barrier. Kernels may write any
/// buffer they bind (read-only ones are excluded by the caller), so a
/// dispatch that binds a buffer touched by an earlier dispatch since that
/// buffer's last barrier must wait for it: read-after-write and
/// write-after-write, and write-after-read (an execution dependency).
class HazardTracker {
public:
  /// The buffers of `uses` that need a barrier before the next dispatch;
  /// then records the dispatch's uses.
  std::vector<VkBuffer> beforeDispatch(const std::vector<VkBuffer> &uses);

private:
  std::set<VkBuffer> touched;
};

} // namespace nnvk

#endif // NNC_RUNTIME_VULKAN_SYNC_H
