//===- device.h - Vulkan instance, device selection and limits --*- C++ -*-===//
//
// Plain C++ over the Vulkan C API (no MLIR). Lists the physical devices with
// the limits the code generator needs, and opens one with a compute queue
// and every optional feature the shaders may use that it supports.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_VULKAN_DEVICE_H
#define NNC_RUNTIME_VULKAN_DEVICE_H

#include "runtime/status.h"

#include <vulkan/vulkan.h>

#include <memory>
#include <string>
#include <vector>

namespace nnvk {

/// What one physical device offers.
struct DeviceInfo {
  std::string name;
  /// "discrete-gpu", "integrated-gpu", "virtual-gpu", "cpu" or "other".
  std::string type;
  uint32_t apiVersion = 0;
  uint32_t maxWorkgroupInvocations = 0;
  uint32_t maxWorkgroupSize[3] = {0, 0, 0};
  uint32_t maxWorkgroupCount[3] = {0, 0, 0};
  uint32_t maxSharedMemoryBytes = 0;
  uint32_t subgroupSize = 0;
  uint64_t maxStorageBufferRange = 0;
  uint32_t maxStorageBuffersPerStage = 0;
  bool int64 = false, float64 = false, int16 = false;
  /// shaderInt8 plus 8-bit storage-buffer access (Vulkan 1.2 features).
  bool int8 = false;
  bool isCpu() const { return type == "cpu"; }
};

/// Fills `devices` with every Vulkan device; NN_UNSUPPORTED with a message
/// when there is no Vulkan driver at all.
nn_status listDevices(std::vector<DeviceInfo> &devices, std::string &error);

/// An open logical device with one compute queue.
class Device {
public:
  /// Opens device `index` of listDevices().
  static nn_status create(int index, std::unique_ptr<Device> &out,
                          std::string &error);
  ~Device();
  Device(const Device &) = delete;
  Device &operator=(const Device &) = delete;

  VkInstance instance = VK_NULL_HANDLE;
  VkPhysicalDevice physical = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  VkQueue queue = VK_NULL_HANDLE;
  uint32_t queueFamily = 0;
  VkPhysicalDeviceMemoryProperties memory = {};
  DeviceInfo info;

private:
  Device() = default;
};

/// "VK_ERROR_OUT_OF_DEVICE_MEMORY" etc.
const char *resultString(VkResult result);

} // namespace nnvk

#endif // NNC_RUNTIME_VULKAN_DEVICE_H
