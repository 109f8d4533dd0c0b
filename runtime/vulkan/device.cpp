//===- device.cpp - Vulkan instance, device selection and limits ---------===//
//
// One VkInstance per use (listing or an open Device). The validation layer
// is enabled from outside (VK_INSTANCE_LAYERS=VK_LAYER_KHRONOS_validation).
// Optional features (Int64, Float64, Int16, 8-bit storage) are enabled
// exactly when the device reports them, and DeviceInfo says which, so the
// compiler only emits capabilities the device was opened with.
//
//===----------------------------------------------------------------------===//

#include "runtime/vulkan/device.h"

using namespace nnvk;

const char *nnvk::resultString(VkResult result) {
  switch (result) {
  case VK_SUCCESS:
    return "VK_SUCCESS";
  case VK_TIMEOUT:
    return "VK_TIMEOUT";
  case VK_ERROR_OUT_OF_HOST_MEMORY:
    return "VK_ERROR_OUT_OF_HOST_MEMORY";
  case VK_ERROR_OUT_OF_DEVICE_MEMORY:
    return "VK_ERROR_OUT_OF_DEVICE_MEMORY";
  case VK_ERROR_INITIALIZATION_FAILED:
    return "VK_ERROR_INITIALIZATION_FAILED";
  case VK_ERROR_DEVICE_LOST:
    return "VK_ERROR_DEVICE_LOST";
  case VK_ERROR_LAYER_NOT_PRESENT:
    return "VK_ERROR_LAYER_NOT_PRESENT";
  case VK_ERROR_EXTENSION_NOT_PRESENT:
    return "VK_ERROR_EXTENSION_NOT_PRESENT";
  case VK_ERROR_FEATURE_NOT_PRESENT:
    return "VK_ERROR_FEATURE_NOT_PRESENT";
  case VK_ERROR_INCOMPATIBLE_DRIVER:
    return "VK_ERROR_INCOMPATIBLE_DRIVER";
  case VK_ERROR_TOO_MANY_OBJECTS:
    return "VK_ERROR_TOO_MANY_OBJECTS";
  case VK_ERROR_INVALID_SHADER_NV:
    return "VK_ERROR_INVALID_SHADER_NV";
  case VK_NOT_READY:
    return "VK_NOT_READY";
  case VK_INCOMPLETE:
    return "VK_INCOMPLETE";
  case VK_ERROR_MEMORY_MAP_FAILED:
    return "VK_ERROR_MEMORY_MAP_FAILED";
  case VK_ERROR_FORMAT_NOT_SUPPORTED:
    return "VK_ERROR_FORMAT_NOT_SUPPORTED";
  case VK_ERROR_FRAGMENTED_POOL:
    return "VK_ERROR_FRAGMENTED_POOL";
  case VK_ERROR_UNKNOWN:
    return "VK_ERROR_UNKNOWN";
  case VK_ERROR_OUT_OF_POOL_MEMORY:
    return "VK_ERROR_OUT_OF_POOL_MEMORY";
  case VK_ERROR_FRAGMENTATION:
    return "VK_ERROR_FRAGMENTATION";
  case VK_PIPELINE_COMPILE_REQUIRED:
    return "VK_PIPELINE_COMPILE_REQUIRED";
  default:
    return "VkResult error";
  }
}

namespace {
nn_status createInstance(VkInstance &instance, std::string &error) {
  VkApplicationInfo app = {};
  app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
  app.pApplicationName = "nnc";
  app.apiVersion = VK_API_VERSION_1_2;
  VkInstanceCreateInfo create = {};
  create.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
  create.pApplicationInfo = &app;
  VkResult result = vkCreateInstance(&create, nullptr, &instance);
  if (result != VK_SUCCESS) {
    instance = VK_NULL_HANDLE;
    error = std::string("no usable Vulkan driver (vkCreateInstance: ") +
            resultString(result) +
            "); install one (e.g. mesa-vulkan-drivers) or use --target=cpu";
    return NN_UNSUPPORTED;
  }
  return NN_OK;
}

const char *typeName(VkPhysicalDeviceType type) {
  switch (type) {
  case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
    return "discrete-gpu";
  case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
    return "integrated-gpu";
  case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
    return "virtual-gpu";
  case VK_PHYSICAL_DEVICE_TYPE_CPU:
    return "cpu";
  default:
    return "other";
  }
}

/// The supported optional features we use, as enable-able structures.
struct Features {
  VkPhysicalDeviceFeatures2 core = {};
  VkPhysicalDeviceVulkan12Features v12 = {};
  bool hasV12 = false;
};

void queryFeatures(VkPhysicalDevice physical, uint32_t apiVersion,
                   Features &f) {
  f.core.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2;
  f.v12.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES;
  f.hasV12 = apiVersion >= VK_API_VERSION_1_2;
  if (f.hasV12) {
    f.core.pNext = &f.v12;
  }
  vkGetPhysicalDeviceFeatures2(physical, &f.core);
}

DeviceInfo describe(VkPhysicalDevice physical) {
  VkPhysicalDeviceSubgroupProperties subgroup = {};
  subgroup.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES;
  VkPhysicalDeviceProperties2 props = {};
  props.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2;
  props.pNext = &subgroup;
  vkGetPhysicalDeviceProperties2(physical, &props);
  const VkPhysicalDeviceLimits &limits = props.properties.limits;
  DeviceInfo info;
  info.name = props.properties.deviceName;
  info.type = typeName(props.properties.deviceType);
  info.apiVersion = props.properties.apiVersion;
  info.maxWorkgroupInvocations = limits.maxComputeWorkGroupInvocations;
  for (int d = 0; d < 3; ++d) {
    info.maxWorkgroupSize[d] = limits.maxComputeWorkGroupSize[d];
    info.maxWorkgroupCount[d] = limits.maxComputeWorkGroupCount[d];
  }
  info.maxSharedMemoryBytes = limits.maxComputeSharedMemorySize;
  info.subgroupSize = subgroup.subgroupSize;
  info.maxStorageBufferRange = limits.maxStorageBufferRange;
  info.maxStorageBuffersPerStage = limits.maxPerStageDescriptorStorageBuffers;
  Features f;
  queryFeatures(physical, info.apiVersion, f);
  info.int64 = f.core.features.shaderInt64;
  info.float64 = f.core.features.shaderFloat64;
  info.int16 = f.core.features.shaderInt16;
  info.int8 = f.hasV12 && f.v12.shaderInt8 && f.v12.storageBuffer8BitAccess;
  return info;
}

nn_status physicalDevices(VkInstance instance,
                          std::vector<VkPhysicalDevice> &out,
                          std::string &error) {
  uint32_t count = 0;
  VkResult result = vkEnumeratePhysicalDevices(instance, &count, nullptr);
  if (result == VK_SUCCESS && count) {
    out.resize(count);
    result = vkEnumeratePhysicalDevices(instance, &count, out.data());
    out.resize(count);
  }
  if (result != VK_SUCCESS && result != VK_INCOMPLETE) {
    error = std::string("vkEnumeratePhysicalDevices: ") + resultString(result);
    return NN_RUNTIME_ERROR;
  }
  return NN_OK;
}
} // namespace

nn_status nnvk::listDevices(std::vector<DeviceInfo> &devices,
                            std::string &error) {
  devices.clear();
  VkInstance instance;
  if (nn_status s = createInstance(instance, error)) {
    return s;
  }
  std::vector<VkPhysicalDevice> physical;
  nn_status status = physicalDevices(instance, physical, error);
  for (VkPhysicalDevice p : physical) {
    devices.push_back(describe(p));
  }
  vkDestroyInstance(instance, nullptr);
  return status;
}

nn_status Device::create(int index, std::unique_ptr<Device> &out,
                         std::string &error) {
  std::unique_ptr<Device> d(new Device());
  if (nn_status s = createInstance(d->instance, error)) {
    return s;
  }
  std::vector<VkPhysicalDevice> physical;
  if (nn_status s = physicalDevices(d->instance, physical, error)) {
    return s;
  }
  if (physical.empty()) {
    error = "no Vulkan device found; use --target=cpu";
    return NN_UNSUPPORTED;
  }
  if (index < 0 || index >= (int)physical.size()) {
    error = "no Vulkan device " + std::to_string(index) + " (there are " +
            std::to_string(physical.size()) + "; see nn-run --list-devices)";
    return NN_INVALID_ARGUMENT;
  }
  d->physical = physical[index];
  d->info = describe(d->physical);
  vkGetPhysicalDeviceMemoryProperties(d->physical, &d->memory);

  uint32_t familyCount = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(d->physical, &familyCount, nullptr);
  std::vector<VkQueueFamilyProperties> families(familyCount);
  vkGetPhysicalDeviceQueueFamilyProperties(d->physical, &familyCount,
                                           families.data());
  bool found = false;
  for (uint32_t i = 0; i < familyCount && !found; ++i) {
    if (families[i].queueFlags & VK_QUEUE_COMPUTE_BIT) {
      d->queueFamily = i;
      found = true;
    }
  }
  if (!found) {
    error = "Vulkan device '" + d->info.name + "' has no compute queue";
    return NN_UNSUPPORTED;
  }

  // Enable exactly the optional features DeviceInfo advertises.
  Features supported;
  queryFeatures(d->physical, d->info.apiVersion, supported);
  Features enabled;
  enabled.core.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2;
  enabled.v12.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES;
  enabled.core.features.shaderInt64 = d->info.int64;
  enabled.core.features.shaderFloat64 = d->info.float64;
  enabled.core.features.shaderInt16 = d->info.int16;
  if (supported.hasV12) {
    enabled.v12.shaderInt8 = d->info.int8;
    enabled.v12.storageBuffer8BitAccess = d->info.int8;
    enabled.core.pNext = &enabled.v12;
  }
  float priority = 1.0f;
  VkDeviceQueueCreateInfo queue = {};
  queue.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
  queue.queueFamilyIndex = d->queueFamily;
  queue.queueCount = 1;
  queue.pQueuePriorities = &priority;
  VkDeviceCreateInfo create = {};
  create.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
  create.pNext = &enabled.core;
  create.queueCreateInfoCount = 1;
  create.pQueueCreateInfos = &queue;
  VkResult result = vkCreateDevice(d->physical, &create, nullptr, &d->device);
  if (result != VK_SUCCESS) {
    d->device = VK_NULL_HANDLE;
    error = "cannot open Vulkan device '" + d->info.name +
            "': " + resultString(result);
    return NN_RUNTIME_ERROR;
  }
  vkGetDeviceQueue(d->device, d->queueFamily, 0, &d->queue);
  out = std::move(d);
  return NN_OK;
}

Device::~Device() {
  if (device) {
    vkDeviceWaitIdle(device);
    vkDestroyDevice(device, nullptr);
  }
  if (instance) {
    vkDestroyInstance(instance, nullptr);
  }
}
